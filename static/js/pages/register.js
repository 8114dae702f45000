/* /register — phone verified by an SMS code, then an account and a token. */
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
    Blog.forms.smsCodeButton($("#register-form"), $("#send-code"), routes.api.sms());
    Blog.forms.applyLimits($("#register-form"));
    $("#register-form").on("submit", submit);
  });
})(window, window.jQuery);
