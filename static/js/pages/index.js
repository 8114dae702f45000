/* /index — the latest public articles of all authors. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var PER_PAGE = 10;

  function currentPage() {
    var page = parseInt(Blog.route.param("page"), 10);
    return page > 0 ? page : 1;
  }

  function goTo(page) {
    window.location.assign("/index" + Blog.api.query({ page: page > 1 ? page : null }));
  }

  function render(data) {
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      Blog.ui.empty($list, data.page > 1 ? "这一页没有文章了。" : "还没有人发表文章，来写第一篇吧。");
    }
    data.topics.forEach(function (topic) {
      $list.append(Blog.views.topicCard(topic, { showAuthor: true }));
    });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, goTo).attr("id", "pagination")
    );
  }

  function load() {
    var $list = $("#topic-list");
    Blog.ui.loading($list, "正在加载文章…");
    Blog.api.get("/v1/topics", { page: currentPage(), per_page: PER_PAGE })
      .then(function (body) { render(body.data); })
      .catch(function (err) { Blog.ui.showError($list, err); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "" })) { return; }
    if (Blog.auth.isLoggedIn()) {
      $("#hero-actions").empty().append(
        Blog.ui.link("/" + encodeURIComponent(Blog.auth.username()) + "/topic/release", "写文章", "btn btn-primary"),
        Blog.ui.link(Blog.views.blogUrl(Blog.auth.username()), "我的博客", "btn")
      );
    }
    load();
  });
})(window, window.jQuery);
