/* /timeline — "关注的人": the latest articles of the authors I follow. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var routes = Blog.routes;
  var paging = Blog.paging.read(routes.current.query);

  function pageHref(page) { return Blog.paging.href(routes.timeline(), {}, page, paging.perPage); }

  function render(data) {
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      Blog.ui.empty($list, data.page > 1 ? "这一页没有文章了。" : "你关注的作者还没有发表文章，去首页看看有哪些作者吧。");
    }
    data.topics.forEach(function (topic) { $list.append(Blog.views.topicCard(topic, { showAuthor: true })); });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, pageHref).attr("id", "pagination"));
  }

  function load() {
    var $list = $("#topic-list");
    Blog.ui.loading($list, "正在加载…");
    Blog.api.get(routes.api.timeline(Blog.auth.username()), { page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { Blog.ui.showError($list, err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "关注的人", requireLogin: true })) { return; }
    load();
  });
})(window, window.jQuery);
