/* /login — username + password → token in localStorage. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;

  /*
   * Where to go after logging in: the author's own blog when no `next` was
   * given; a `next` only when it is a same-origin page of this SPA
   * (routes.safeNext); any other `next` (another site, "/\evil.com", a tab
   * hidden in it) lands on the index, never outside.
   */
  function nextUrl(username) {
    var next = routes.current.param("next");
    if (next === null) { return routes.blog(username); }
    return routes.safeNext(next) || routes.index();
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
    Blog.api.post(routes.api.tokens(), { username: values.username, password: values.password }, { keep401: true })
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
    var $form = $("#login-form");
    Blog.forms.applyLimits($form);
    $form.on("submit", submit).find("[name=username]").trigger("focus");
  });
})(window, window.jQuery);
