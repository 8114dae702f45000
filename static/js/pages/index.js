/* /index — the latest public articles of all authors. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;
  var paging = Blog.paging.read(routes.current.query);

  function pageHref(page) { return Blog.paging.href(routes.index(), {}, page, paging.perPage); }

  function render(data) {
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      Blog.ui.empty($list, data.page > 1 ? "这一页没有文章了。" : "还没有人发表文章，来写第一篇吧。");
    }
    data.topics.forEach(function (topic) {
      $list.append(Blog.views.topicCard(topic, { showAuthor: true }));
    });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, pageHref).attr("id", "pagination")
    );
  }

  function load() {
    var $list = $("#topic-list");
    Blog.ui.loading($list, "正在加载文章…");
    Blog.api.get(routes.api.latestTopics(), { page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { Blog.ui.showError($list, err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "" })) { return; }
    var me = Blog.auth.isLoggedIn() ? Blog.auth.username() : null;
    if (me) {
      $("#hero-actions").empty().append(
        Blog.ui.link(routes.release(me), "写文章", "btn btn-primary"),
        Blog.ui.link(routes.blog(me), "我的博客", "btn")
      );
    }
    load();
  });
})(window, window.jQuery);
