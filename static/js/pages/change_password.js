/* /<username>/change_password — old tokens stop working; keep the new one. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;
  var username = routes.current.author;

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    var ok = Blog.forms.check($form, values, {
      old_password: Blog.validate.required("原密码"),
      password_1: Blog.validate.password,
      password_2: function (value) { return value === values.password_1 ? "" : "两次输入的新密码不一致"; }
    });
    if (!ok) { return; }
    var done = Blog.ui.busy($form.find("[type=submit]"), "提交中…");
    Blog.api.put(routes.api.password(username), values)
      .then(function (body) {
        if (body.data && body.data.token) { Blog.auth.setToken(body.data.token); }
        Blog.flash.set("密码已修改，其他设备上的登录已失效。", "success");
        window.location.assign(routes.info(username));
      })
      .catch(function (err) { done(); Blog.forms.showApiError($form, err); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "修改密码", ownerOnly: true })) { return; }
    $("#back-to-info").attr("href", routes.info(username));
    Blog.forms.applyLimits($("#password-form"));
    $("#password-form").on("submit", submit);
  });
})(window, window.jQuery);
