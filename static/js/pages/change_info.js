/* /<username>/change_info — nickname, signature, introduction and avatar. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var username = routes.current.author;
  var previewUrl = null;

  function showAvatar(url) {
    $("#avatar-preview").replaceWith(Blog.views.avatar(url, username, "avatar-xl").attr("id", "avatar-preview"));
  }

  function fill(profile) {
    var $form = $("#info-form");
    $form.find("[name=nickname]").val(profile.nickname || "");
    $form.find("[name=sign]").val(profile.sign || "");
    $form.find("[name=info]").val(profile.info || "");
    $form.find("textarea, input").trigger("input");
    showAvatar(profile.avatar_url);
  }

  function saveInfo(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    var ok = Blog.forms.check($form, values, {
      nickname: Blog.validate.nickname, sign: Blog.validate.sign, info: Blog.validate.info
    });
    if (!ok) { return; }
    var done = ui.busy($form.find("[type=submit]"), "保存中…");
    Blog.api.put(routes.api.user(username), { nickname: values.nickname, sign: values.sign, info: values.info })
      .then(function () { done(); Blog.forms.showAlert($form, "资料已保存。", "success"); Blog.layout.refreshMe(); })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  // A file is checked as soon as it is chosen: a non-image says so and is never sent.
  function chooseAvatar() {
    var $form = $("#avatar-form");
    var file = this.files && this.files[0];
    Blog.forms.clearErrors($form);
    var problem = Blog.validate.avatar(file);
    $form.find("[type=submit]").prop("disabled", !!problem);
    if (problem) { Blog.forms.showFieldErrors($form, { avatar: problem }); return; }
    if (previewUrl) { window.URL.revokeObjectURL(previewUrl); }
    previewUrl = window.URL.createObjectURL(file);
    showAvatar(previewUrl);
  }

  function uploadAvatar(event) {
    event.preventDefault();
    var $form = $(this);
    var file = $form.find("[name=avatar]")[0].files[0];
    var problem = Blog.validate.avatar(file);
    if (problem) { Blog.forms.showFieldErrors($form, { avatar: problem }); return; }
    var data = new window.FormData();
    data.append("avatar", file);
    var done = ui.busy($form.find("[type=submit]"), "上传中…");
    Blog.api.upload(routes.api.avatar(username), data)
      .then(function (body) {
        done();
        if (body.data && body.data.avatar_url) { showAvatar(body.data.avatar_url); }
        Blog.forms.showAlert($form, "头像已更新。", "success");
        Blog.layout.refreshMe();
      })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  function load() {
    ui.loading($("#info-status"));
    Blog.api.get(routes.api.user(username))
      .then(function (body) { $("#info-status").empty(); fill(body.data); $("#info-panels").prop("hidden", false); })
      .catch(function (err) { ui.showError($("#info-status"), err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "编辑资料", ownerOnly: true })) { return; }
    $("#back-to-info").attr("href", routes.info(username));
    Blog.forms.applyLimits($("#info-form"));
    Blog.forms.applyLimits($("#avatar-form"));
    $("#info-form").on("submit", saveInfo);
    $("#avatar-form").on("submit", uploadAvatar).on("change", "[name=avatar]", chooseAvatar);
    load();
  });
})(window, window.jQuery);
