/*
 * /<author>/topics — an author's articles: category tabs, pagination, owner
 * actions. The list is drawn from `state`; the edit/delete handlers are bound
 * once, on the list.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var author = routes.current.author;
  var isOwner = Blog.auth.isMe(author);
  var CATEGORIES = [["", "全部"], ["tec", "技术"], ["no-tec", "非技术"]];

  var category = routes.current.param("category");
  var state = {
    category: category === "tec" || category === "no-tec" ? category : "",
    paging: Blog.paging.read(routes.current.query),
    data: null // the API's {nickname, topics, page, per_page, total}
  };

  function listHref(category, page) {
    return Blog.paging.href(routes.blog(author), { category: category || null }, page, state.paging.perPage);
  }

  function blogName() { return ((state.data && state.data.nickname) || author) + "的博客"; }

  function renderTabs() {
    $("#category-tabs").empty().append(CATEGORIES.map(function (tab) {
      var $a = ui.link(listHref(tab[0], 1), tab[1], "tab").attr("data-category", tab[0] || "all");
      if (tab[0] === state.category) { $a.addClass("active").attr("aria-current", "page"); }
      return $a;
    }));
  }

  function ownerActions(topic) {
    return ui.el("span", "owner-actions").append(
      ui.link(routes.release(author, topic.id), "编辑", "btn-link edit-topic"),
      ui.el("button", "btn-link danger delete-topic", "删除").attr("type", "button")
    );
  }

  function render() {
    var data = state.data;
    $("#blog-title").text(blogName());
    ui.setTitle(blogName());
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      ui.empty($list, isOwner ? "这里还没有文章，去写第一篇吧。" : "这里还没有文章。");
    }
    data.topics.forEach(function (topic) {
      $list.append(Blog.views.topicCard(topic, { actions: isOwner ? ownerActions(topic) : null }));
    });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, function (page) {
        return listHref(state.category, page);
      }).attr("id", "pagination")
    );
  }

  function load() {
    ui.loading($("#topic-list"), "正在加载文章…");
    Blog.api.get(routes.api.topics(author), {
      category: state.category, page: state.paging.page, per_page: state.paging.perPage
    })
      .then(function (body) { state.data = body.data; render(); })
      .catch(function (err) {
        if (err.status === 404) { $("#blog-title").text("找不到这个博客"); }
        ui.showError($("#topic-list"), err, load);
      });
  }

  function deleteTopic(id, $card) {
    return Blog.api.del(routes.api.topics(author), { t_id: id })
      .then(function () { $card.slideUp(200, load); })
      .catch(function (err) { $card.find(".card-alert").remove(); $card.append(ui.alert(err.message).addClass("card-alert")); });
  }

  function bindEvents() {
    $("#topic-list").on("click", ".delete-topic", function () {
      var $card = $(this).closest(".topic-card");
      var id = $card.data("topic-id");
      Blog.views.confirmInline($(this), "确定删除这篇文章？", function () { return deleteTopic(id, $card); });
    });
  }

  // The author's RSS feed, for feed readers that look at the page (docs/api.md §10).
  function feedLink() {
    if ($("head link[data-author-feed]").length) { return; }
    $("<link>").attr({
      rel: "alternate", type: "application/rss+xml", title: blogName(),
      href: Blog.api.url(routes.api.authorFeed(author)), "data-author-feed": ""
    }).appendTo("head");
  }

  $(function () {
    if (!Blog.layout.start({ title: blogName() })) { return; }
    $("#blog-title").text(blogName());
    $("#profile-link").attr("href", routes.info(author));
    feedLink();
    if (isOwner) {
      $("#blog-actions").prop("hidden", false).find(".write-link").attr("href", routes.release(author));
    }
    renderTabs();
    bindEvents();
    load();
  });
})(window, window.jQuery);
