/* /<username>/topics — an author's articles: category tabs, pagination, owner actions. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var PER_PAGE = 10;
  var author = Blog.route.username();
  var isOwner = Blog.auth.isMe(author);

  function state() {
    var page = parseInt(Blog.route.param("page"), 10);
    var category = Blog.route.param("category");
    return {
      page: page > 0 ? page : 1,
      category: category === "tec" || category === "no-tec" ? category : ""
    };
  }

  function listUrl(category, page) {
    return Blog.views.blogUrl(author) + Blog.api.query({ category: category || null, page: page > 1 ? page : null });
  }

  function renderTabs(current) {
    var tabs = [["", "全部"], ["tec", "技术"], ["no-tec", "非技术"]];
    $("#category-tabs").empty().append(tabs.map(function (tab) {
      var $a = ui.link(listUrl(tab[0], 1), tab[1], "tab").attr("data-category", tab[0] || "all");
      if (tab[0] === current) { $a.addClass("active").attr("aria-current", "page"); }
      return $a;
    }));
  }

  function deleteTopic(topic, $card) {
    return Blog.api.del("/v1/topics/" + encodeURIComponent(author), { t_id: topic.id })
      .then(function () { $card.slideUp(200, load); })
      .catch(function (err) { $card.find(".card-alert").remove(); $card.append(ui.alert(err.message).addClass("card-alert")); });
  }

  function ownerActions(topic) {
    var $actions = ui.el("span", "owner-actions");
    var editUrl = "/" + encodeURIComponent(author) + "/topic/release" + Blog.api.query({ t_id: topic.id });
    var $delete = ui.el("button", "btn-link danger delete-topic", "删除").attr("type", "button");
    $delete.on("click", function () {
      var $card = $delete.closest(".topic-card");
      Blog.views.confirmInline($delete, "确定删除这篇文章？", function () { return deleteTopic(topic, $card); });
    });
    return $actions.append(ui.link(editUrl, "编辑", "btn-link edit-topic"), $delete);
  }

  function render(data, current) {
    var name = data.nickname || author;
    $("#blog-title").text(name + " 的博客");
    ui.setTitle(name + " 的博客");
    var $list = $("#topic-list").empty();
    if (!data.topics.length) {
      ui.empty($list, isOwner ? "这里还没有文章，去写第一篇吧。" : "这里还没有文章。");
    }
    data.topics.forEach(function (topic) {
      $list.append(Blog.views.topicCard(topic, { actions: isOwner ? ownerActions(topic) : null }));
    });
    $("#pagination").replaceWith(
      Blog.views.pagination(data.page, data.per_page, data.total, function (page) {
        window.location.assign(listUrl(current.category, page));
      }).attr("id", "pagination")
    );
  }

  function load() {
    var current = state();
    var $list = $("#topic-list");
    ui.loading($list, "正在加载文章…");
    Blog.api.get("/v1/topics/" + encodeURIComponent(author), {
      category: current.category, page: current.page, per_page: PER_PAGE
    })
      .then(function (body) { render(body.data, current); })
      .catch(function (err) {
        if (err.status === 404) { $("#blog-title").text("找不到这个博客"); }
        ui.showError($list, err);
      });
  }

  $(function () {
    if (!Blog.layout.start({ title: author + " 的博客" })) { return; }
    $("#blog-title").text(author + " 的博客");
    $("#profile-link").attr("href", "/" + encodeURIComponent(author) + "/info");
    if (isOwner) {
      $("#blog-actions").prop("hidden", false).find(".write-link")
        .attr("href", "/" + encodeURIComponent(author) + "/topic/release");
    }
    renderTabs(state().category);
    load();
  });
})(window, window.jQuery);
