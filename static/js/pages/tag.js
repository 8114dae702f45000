/* /tags/<name>?page= — the public articles with one tag, and the most used tags. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var tag = routes.current.tag;
  var paging = Blog.paging.read(routes.current.query);

  function pageHref(page) { return Blog.paging.href(routes.tag(tag), {}, page, paging.perPage); }

  function render(data) {
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      ui.empty($list, data.page > 1 ? "这一页没有文章了。" : "还没有带「" + tag + "」标签的文章。");
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
    ui.loading($list, "正在加载文章…");
    Blog.api.get(routes.api.latestTopics(), { tag: tag, page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { ui.showError($list, err, load); });
  }

  function loadPopular() {
    Blog.api.get(routes.api.tags()).then(function (body) {
      var $cloud = $("#popular-tag-list").empty();
      body.data.tags.forEach(function (item) {
        var $chip = ui.link(routes.tag(item.name), item.name, "tag-chip").append(
          ui.el("span", "tag-count", String(item.count)));
        if (item.name.toLowerCase() === tag.toLowerCase()) { $chip.addClass("active").attr("aria-current", "page"); }
        $cloud.append($chip);
      });
      $("#popular-tags").prop("hidden", body.data.tags.length === 0);
    }).catch(function () { $("#popular-tags").prop("hidden", true); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "标签：" + tag })) { return; }
    $("#tag-title").text("标签：" + tag);
    load();
    loadPopular();
  });
})(window, window.jQuery);
