/* Any unknown route: the shared frame around a "not found" card. */
(function (window, $) {
  "use strict";
  $(function () { window.Blog.layout.start({ title: "页面不存在" }); });
})(window, window.jQuery);
