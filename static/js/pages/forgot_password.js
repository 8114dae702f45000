/* /forgot_password — phone + a reset code + a new password (docs/api.md §13). The reset
 * ends every other session; this one is logged in with the new token. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    values.phone = $.trim(values.phone);
    var ok = Blog.forms.check($form, values, {
      phone: Blog.validate.phone,
      sms_num: Blog.validate.smsCode,
      password_1: Blog.validate.password,
      password_2: function (value) { return value === values.password_1 ? "" : "两次输入的密码不一致"; }
    });
    if (!ok) { return; }
    var done = Blog.ui.busy($form.find("[type=submit]"), "提交中…");
    Blog.api.post(routes.api.passwordReset(), values, { keep401: true })
      .then(function (body) {
        Blog.auth.save(body.username, body.data.token);
        Blog.flash.set("密码已重置，其他设备上的登录已失效。", "success");
        window.location.assign(routes.blog(body.username));
      })
      .catch(function (err) {
        done();
        Blog.forms.showApiError($form, err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "忘记密码" })) { return; }
    var $form = $("#forgot-form");
    Blog.forms.applyLimits($form);
    Blog.forms.smsCodeButton($form, $("#send-code"), routes.api.resetCode(),
      "如果该手机号已注册，验证码已发送，请查收短信（5 分钟内有效）。");
    $form.on("submit", submit).find("[name=phone]").trigger("focus");
  });
})(window, window.jQuery);
