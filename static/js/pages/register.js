/* /register — phone verified by an SMS code, then an account and a token. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;

  function startCountdown($button) {
    var left = Blog.limits.smsCode.resendSeconds;
    $button.prop("disabled", true).text(left + " 秒后重发");
    var timer = window.setInterval(function () {
      left -= 1;
      if (left <= 0) {
        window.clearInterval(timer);
        $button.prop("disabled", false).text("重新获取");
      } else {
        $button.text(left + " 秒后重发");
      }
    }, 1000);
  }

  function sendCode() {
    var $form = $("#register-form");
    var $button = $(this);
    var phone = $.trim($form.find("[name=phone]").val());
    if (!Blog.forms.check($form, { phone: phone }, { phone: Blog.validate.phone })) { return; }
    $button.prop("disabled", true).text("发送中…");
    Blog.api.post(routes.api.sms(), { phone: phone })
      .then(function () {
        startCountdown($button);
        Blog.forms.showAlert($form, "验证码已发送，请查收短信（5 分钟内有效）。", "success");
        $form.find("[name=sms_num]").trigger("focus");
      })
      .catch(function (err) {
        $button.prop("disabled", false).text("获取验证码");
        var fields = $.extend({}, err.fields);
        if (!Object.keys(fields).length) { fields.phone = err.message; }
        Blog.forms.showFieldErrors($form, fields);
      });
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    values.phone = $.trim(values.phone);
    var ok = Blog.forms.check($form, values, {
      username: Blog.validate.username,
      email: Blog.validate.email,
      phone: Blog.validate.phone,
      sms_num: Blog.validate.smsCode,
      password_1: Blog.validate.password,
      password_2: function (value) { return value === values.password_1 ? "" : "两次输入的密码不一致"; }
    });
    if (!ok) { return; }
    var done = Blog.ui.busy($form.find("[type=submit]"), "注册中…");
    Blog.api.post(routes.api.users(), values)
      .then(function (body) {
        var username = body.username || values.username;
        Blog.auth.save(username, body.data.token);
        Blog.flash.set("注册成功，欢迎来到久至博客！", "success");
        window.location.assign(routes.blog(username));
      })
      .catch(function (err) {
        done();
        Blog.forms.showApiError($form, err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "注册" })) { return; }
    $("#send-code").on("click", sendCode);
    Blog.forms.applyLimits($("#register-form"));
    $("#register-form").on("submit", submit);
  });
})(window, window.jQuery);
