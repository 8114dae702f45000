/* /sms_login — phone + a login code (docs/api.md §13) → token in localStorage, like /login. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;

  // As on /login: the own blog, or a `next` that is a page of this SPA.
  function nextUrl(username) {
    var next = routes.current.param("next");
    if (next === null) { return routes.blog(username); }
    return routes.safeNext(next) || routes.index();
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    values.phone = $.trim(values.phone);
    var ok = Blog.forms.check($form, values, {
      phone: Blog.validate.phone,
      sms_num: Blog.validate.smsCode
    });
    if (!ok) { return; }
    var done = Blog.ui.busy($form.find("[type=submit]"), "登录中…");
    Blog.api.post(routes.api.tokens(), { phone: values.phone, sms_num: values.sms_num }, { keep401: true })
      .then(function (body) {
        Blog.auth.save(body.username, body.data.token);
        window.location.assign(nextUrl(body.username));
      })
      .catch(function (err) {
        done();
        Blog.forms.showApiError($form, err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "短信登录" })) { return; }
    if (Blog.auth.isLoggedIn()) {
      Blog.ui.showAlert($("#already"), "你已登录为 " + Blog.auth.username() + "，可以直接继续，或登录其他账号。", "info");
    }
    var $form = $("#sms-login-form");
    var next = routes.current.param("next");
    if (next !== null) { $("#password-login").attr("href", routes.login(next)); }
    Blog.forms.applyLimits($form);
    Blog.forms.smsCodeButton($form, $("#send-code"), routes.api.loginCode(),
      "如果该手机号已注册，验证码已发送，请查收短信（5 分钟内有效）。");
    $form.on("submit", submit).find("[name=phone]").trigger("focus");
  });
})(window, window.jQuery);
