/* /favorites — the articles I keep, newest first; each can be removed here. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var paging = Blog.paging.read(routes.current.query);
  var me = Blog.auth.username();

  function pageHref(page) { return Blog.paging.href(routes.favorites(), {}, page, paging.perPage); }

  function removeButton(topic) {
    return ui.el("button", "btn-link danger remove-favorite", "取消收藏").attr({ type: "button", "data-topic-id": topic.id });
  }

  function render(data) {
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      ui.empty($list, data.page > 1 ? "这一页没有收藏了。" : "还没有收藏文章。在文章页点「☆ 收藏」即可收藏。");
    }
    data.topics.forEach(function (topic) {
      $list.append(Blog.views.topicCard(topic, { showAuthor: true, actions: removeButton(topic) }));
    });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, pageHref).attr("id", "pagination"));
  }

  function load() {
    var $list = $("#topic-list");
    ui.loading($list, "正在加载…");
    Blog.api.get(routes.api.favorites(me), { page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { ui.showError($list, err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "我的收藏", requireLogin: true })) { return; }
    $("#topic-list").on("click", ".remove-favorite", function () {
      var $button = $(this);
      var done = ui.busy($button, "…");
      Blog.api.del(routes.api.favorite(me, $button.attr("data-topic-id")))
        .then(function () { $button.closest(".topic-card").remove(); }, function (err) {
          done();
          ui.showError($button.closest(".topic-footer"), err);
        });
    });
    load();
  });
})(window, window.jQuery);
