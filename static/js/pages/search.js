/*
 * /search?q=&page= — search results: title, author, tags and a snippet whose
 * hits are marked from the API's `matches` offsets (text nodes, never HTML),
 * pagination as real links, an empty state.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var views = Blog.views;
  var routes = Blog.routes;
  var limits = Blog.limits.search;
  var q = $.trim(routes.current.param("q") || "");
  var paging = Blog.paging.read(routes.current.query);

  function pageHref(page) { return Blog.paging.href(routes.search(), { q: q }, page, paging.perPage); }

  function resultCard(result) {
    var url = routes.topic(result.author, result.id);
    var $card = ui.el("article", "topic-card search-result").attr("data-topic-id", result.id);
    $card.append(ui.el("h2", "topic-title").append(ui.link(url, result.title)));
    var $meta = ui.el("div", "topic-meta").append(
      ui.link(routes.blog(result.author), result.nickname || result.author, "topic-author"),
      ui.el("time", null, result.created_time),
      ui.el("span", "badge badge-cat", views.categoryName(result.category))
    );
    if (result.tags && result.tags.length) { $meta.append(views.tagChips(result.tags)); }
    $card.append($meta);
    if (result.snippet) {
      $card.append(views.highlighted(ui.el("p", "topic-intro snippet"), result.snippet, result.matches));
    }
    return $card.append(ui.el("div", "topic-footer").append(ui.link(url, "阅读全文 →", "read-more")));
  }

  function render(data) {
    var $list = $("#search-results").empty();
    $("#search-summary").text(data.total ? "找到 " + data.total + " 篇与「" + data.q + "」相关的文章" : "");
    if (!data.results.length) {
      ui.empty($list, data.total ? "这一页没有结果了。" : "没有找到与「" + data.q + "」相关的文章，换个关键词试试。");
    }
    data.results.forEach(function (result) { $list.append(resultCard(result)); });
    $("#pagination").replaceWith(
      views.pagination(data.page, data.per_page, data.total, pageHref).attr("id", "pagination")
    );
  }

  function load() {
    var $list = $("#search-results");
    ui.loading($list, "正在搜索…");
    Blog.api.get(routes.api.search(), { q: q, page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { ui.showError($list, err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: q ? "搜索：" + q : "搜索" })) { return; }
    Blog.forms.applyLimits($("#search-form"));
    var $input = $("#search-q").val(q);
    $("#search-form").on("submit", function (event) {
      var value = $.trim($input.val());
      if (!value) { event.preventDefault(); $input.trigger("focus"); return; }
      $input.val(value);
    });
    if (!q) {
      ui.empty($("#search-results"), "输入关键词，搜索所有公开文章。");
      $input.trigger("focus");
      return;
    }
    $("#search-title").text("搜索：" + q);
    if (Array.from(q).length > limits.max) {
      ui.showAlert($("#search-results"), "搜索词最多 " + limits.max + " 个字", "error");
      return;
    }
    load();
  });
})(window, window.jQuery);
