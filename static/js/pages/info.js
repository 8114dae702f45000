/* /<username>/info — a user's profile: who, counts, join date, follow, latest articles. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var username = routes.current.author;
  var LATEST = 5;
  var state = { profile: null };

  function row(label, value) {
    return ui.el("div", "profile-row").append(ui.el("dt", null, label), ui.el("dd", null, value || "—"));
  }

  function stat(id, count, label) {
    return ui.el("div", "profile-stat").attr("id", id).append(ui.el("strong", null, String(count || 0)), ui.el("span", null, label));
  }

  function renderStats() {
    var p = state.profile;
    $("#profile-stats").empty().append(
      stat("stat-topics", p.topics_count, "文章"),
      stat("stat-followers", p.followers, "粉丝"),
      stat("stat-following", p.following, "关注")
    );
  }

  function renderFollow() {
    if (!Blog.auth.isLoggedIn() || Blog.auth.isMe(username)) { return; }
    var following = !!state.profile.is_following;
    $("#follow-btn").prop("hidden", false).text(following ? "已关注" : "关注")
      .toggleClass("btn-primary", !following).attr("aria-pressed", String(following));
  }

  function render(profile) {
    state.profile = profile;
    var name = profile.nickname || username;
    ui.setTitle(name + "的资料");
    $("#profile-avatar").replaceWith(Blog.views.avatar(profile.avatar_url, name, "avatar-xl").attr("id", "profile-avatar"));
    $("#profile-name").text(name);
    $("#profile-username").text("@" + username);
    $("#profile-sign").text(profile.sign || "这个人很懒，什么都没有写。");
    renderStats();
    var $details = $("#profile-details").empty().append(row("个人简介", profile.info));
    $details.append(row("加入时间", (profile.date_joined || "").slice(0, 10)));
    if (profile.email !== undefined) { $details.append(row("邮箱", profile.email)); }
    if (profile.phone !== undefined) { $details.append(row("手机号", profile.phone)); }
    renderFollow();
    $("#profile").prop("hidden", false);
  }

  function toggleFollow() {
    if (!state.profile) { return; }
    var $button = $("#follow-btn");
    var done = ui.busy($button, "…");
    var call = state.profile.is_following ? Blog.api.del : Blog.api.put;
    call(routes.api.follow(username)).then(function (body) {
      done();
      state.profile.is_following = body.data.following;
      state.profile.followers = body.data.followers;
      $("#follow-alert").empty();
      renderStats();
      renderFollow();
    }, function (err) { done(); ui.showError($("#follow-alert"), err); });
  }

  function loadTopics() {
    Blog.api.get(routes.api.topics(username), { per_page: LATEST }).then(function (body) {
      var $list = $("#profile-topic-list").empty();
      if (!body.data.topics.length) { ui.empty($list, "还没有发表文章。"); }
      body.data.topics.forEach(function (topic) { $list.append(Blog.views.topicCard(topic)); });
      $("#profile-all-topics").prop("hidden", body.data.total <= LATEST);
      $("#profile-topics").prop("hidden", false);
    }, function (err) { ui.showError($("#profile-topic-list"), err); });
  }

  /* ---------- application passwords (the owner only) ---------- */

  function passwordItem(item) {
    var used = item.last_used_time ? "上次使用 " + item.last_used_time : "从未使用";
    return ui.el("li", "app-password-item").attr("data-id", item.id).append(
      ui.el("span", "app-password-name", item.name),
      ui.el("span", "muted", "　创建于 " + item.created_time + "，" + used),
      ui.el("button", "btn btn-small btn-danger app-password-revoke", "撤销").attr("type", "button")
    );
  }

  function loadPasswords() {
    ui.loading($("#app-password-status"));
    Blog.api.get(routes.api.appPasswords(username))
      .then(function (body) {
        $("#app-password-status").empty();
        var $list = $("#app-password-list").empty();
        body.data.forEach(function (item) { $list.append(passwordItem(item)); });
        if (!body.data.length) { ui.empty($("#app-password-status"), "还没有应用密码。"); }
      })
      .catch(function (err) { ui.showError($("#app-password-status"), err, loadPasswords); });
  }

  function createPassword(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    if (!Blog.forms.check($form, values, { name: Blog.validate.appPasswordName })) { return; }
    var done = ui.busy($form.find("[type=submit]"), "生成中…");
    Blog.api.post(routes.api.appPasswords(username), { name: values.name })
      .then(function (body) {
        done();
        $form[0].reset();
        $("#app-password-new-name").text(body.data.name);
        $("#app-password-secret").text(body.data.password);
        $("#app-password-new").prop("hidden", false);
        loadPasswords();
      })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  function revokePassword() {
    var $button = $(this);
    var $item = $button.closest(".app-password-item");
    // Two clicks: "撤销", then "确认撤销" (the tools using it stop working at once).
    if (!$button.hasClass("confirming")) {
      $button.addClass("confirming").text("确认撤销");
      return;
    }
    var done = ui.busy($button, "撤销中…");
    Blog.api.del(routes.api.appPassword(username, $item.attr("data-id")))
      .then(function () { $("#app-password-new").prop("hidden", true); loadPasswords(); })
      .catch(function (err) { done(); ui.showError($("#app-password-status"), err); });
  }

  function startPasswords() {
    $("#xmlrpc-url").text(Blog.api.url(routes.api.xmlrpc()));
    Blog.forms.applyLimits($("#app-password-form"));
    $("#app-password-form").on("submit", createPassword);
    $("#app-password-list").on("click", ".app-password-revoke", revokePassword);
    $("#app-passwords").prop("hidden", false);
    loadPasswords();
  }

  function load() {
    ui.loading($("#profile-status"));
    Blog.api.get(routes.api.user(username))
      .then(function (body) { $("#profile-status").empty(); render(body.data); loadTopics(); })
      .catch(function (err) {
        if (err.status === 404) { err.message = "用户不存在。"; }
        ui.showError($("#profile-status"), err, load);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: username + "的资料" })) { return; }
    $("#profile-blog").attr("href", routes.blog(username));
    $("#profile-all-topics").attr("href", routes.blog(username));
    $("#follow-btn").on("click", toggleFollow);
    if (Blog.auth.isMe(username)) {
      $("#profile-owner-actions").prop("hidden", false);
      $("#edit-info-link").attr("href", routes.changeInfo(username));
      $("#change-password-link").attr("href", routes.changePassword(username));
      $("#porting-link").attr("href", routes.porting(username));
      startPasswords();
    }
    load();
  });
})(window, window.jQuery);
