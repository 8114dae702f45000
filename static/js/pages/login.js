/* /login — username + password → token in localStorage. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;

  // Only same-site paths: never bounce to another origin after login.
  function nextUrl(username) {
    var next = Blog.route.param("next") || "";
    if (/^\/(?!\/)/.test(next) && next.indexOf("/login") !== 0 && next.indexOf("/register") !== 0) {
      return next;
    }
    return Blog.views.blogUrl(username);
  }

  function submit(event) {
    event.preventDefault();
    var $form = $(this);
    var values = Blog.forms.values($form);
    var ok = Blog.forms.check($form, values, {
      username: Blog.validate.username,
      password: Blog.validate.password
    });
    if (!ok) { return; }
    var done = Blog.ui.busy($form.find("[type=submit]"), "登录中…");
    Blog.api.post("/v1/tokens", { username: values.username, password: values.password }, { keep401: true })
      .then(function (body) {
        var username = body.username || values.username;
        Blog.auth.save(username, body.data.token);
        window.location.assign(nextUrl(username));
      })
      .catch(function (err) {
        done();
        Blog.forms.showApiError($form, err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: "登录" })) { return; }
    if (Blog.auth.isLoggedIn()) {
      Blog.ui.showAlert($("#already"), "你已登录为 " + Blog.auth.username() + "，可以直接继续，或登录其他账号。", "info");
    }
    $("#login-form").on("submit", submit).find("[name=username]").trigger("focus");
  });
})(window, window.jQuery);
