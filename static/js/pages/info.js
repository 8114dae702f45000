/* /<username>/info — a user's profile. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var username = routes.current.author;

  function row(label, value) {
    return ui.el("div", "profile-row").append(ui.el("dt", null, label), ui.el("dd", null, value || "—"));
  }

  function render(profile) {
    var name = profile.nickname || username;
    ui.setTitle(name + "的资料");
    $("#profile-avatar").replaceWith(Blog.views.avatar(profile.avatar_url, name, "avatar-xl").attr("id", "profile-avatar"));
    $("#profile-name").text(name);
    $("#profile-username").text("@" + username);
    $("#profile-sign").text(profile.sign || "这个人很懒，什么都没有写。");
    var $details = $("#profile-details").empty().append(row("个人简介", profile.info));
    if (profile.email !== undefined) { $details.append(row("邮箱", profile.email)); }
    if (profile.phone !== undefined) { $details.append(row("手机号", profile.phone)); }
    $("#profile").prop("hidden", false);
  }

  function load() {
    ui.loading($("#profile-status"));
    Blog.api.get(routes.api.user(username))
      .then(function (body) { $("#profile-status").empty(); render(body.data); })
      .catch(function (err) {
        if (err.status === 404) { err.message = "用户不存在。"; }
        ui.showError($("#profile-status"), err, load);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: username + "的资料" })) { return; }
    $("#profile-blog").attr("href", routes.blog(username));
    if (Blog.auth.isMe(username)) {
      $("#profile-owner-actions").prop("hidden", false);
      $("#edit-info-link").attr("href", routes.changeInfo(username));
      $("#change-password-link").attr("href", routes.changePassword(username));
    }
    load();
  });
})(window, window.jQuery);
