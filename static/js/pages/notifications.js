/*
 * /notifications — what others did that concerns me (docs/api.md §12): comments on my
 * articles, replies to my comments, likes, purchases, follows. Each unread one
 * can be marked read; "全部标为已读" clears the badge.
 */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var paging = Blog.paging.read(routes.current.query);
  var state = { data: null };

  var TEXT = {
    comment: "评论了你的文章",
    reply: "回复了你的评论",
    like: "赞了你的文章",
    purchase: "购买了你的文章",
    follow: "关注了你"
  };

  function pageHref(page) { return Blog.paging.href(routes.notifications(), {}, page, paging.perPage); }

  function item(n) {
    var $text = ui.el("p", "notification-text").append(
      Blog.views.person(n.actor, "notification-actor"),
      document.createTextNode(" " + (TEXT[n.kind] || n.kind) + " ")
    );
    if (n.topic_id && n.topic_author) {
      $text.append(ui.link(routes.topic(n.topic_author, n.topic_id), "《" + (n.topic_title || "") + "》", "notification-topic"));
    }
    var $meta = ui.el("div", "notification-meta").append(ui.el("time", null, n.created_time));
    if (!n.read) {
      $meta.append(ui.el("button", "btn-link mark-read", "标为已读").attr("type", "button"));
    }
    var $main = ui.el("div", "notification-main").append($text);
    if (n.excerpt) { $main.append(ui.el("p", "notification-excerpt", n.excerpt)); }
    return ui.el("article", "notification notification-" + n.kind + (n.read ? "" : " unread"))
      .attr("data-id", n.id).append($main.append($meta));
  }

  function render() {
    var data = state.data;
    var $list = $("#notification-list").empty();
    if (!data.notifications.length) { ui.empty($list, data.page > 1 ? "这一页没有通知了。" : "还没有通知。"); }
    data.notifications.forEach(function (n) { $list.append(item(n)); });
    $("#read-all").prop("hidden", !(data.unread > 0));
    $("#pagination").replaceWith(Blog.views.pagination(data.page, data.per_page, data.total, pageHref,
      { unit: "条" }).attr("id", "pagination"));
    Blog.layout.refreshUnread(data.unread);
  }

  function markRead(body) {
    return Blog.api.post(routes.api.notificationsRead(), body).then(function (answer) {
      var ids = body.ids || null;
      state.data.notifications.forEach(function (n) { if (!ids || ids.indexOf(n.id) >= 0) { n.read = true; } });
      state.data.unread = answer.data.unread;
      render();
    }, function (err) { ui.showError($("#notifications-alert"), err); });
  }

  function load() {
    var $list = $("#notification-list");
    ui.loading($list, "正在加载通知…");
    Blog.api.get(routes.api.notifications(), { page: paging.page, per_page: paging.perPage })
      .then(function (body) { state.data = body.data; render(); })
      .catch(function (err) { ui.showError($list, err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "通知", requireLogin: true })) { return; }
    $("#read-all").on("click", function () { markRead({ all: true }); });
    $("#notification-list")
      .on("click", ".mark-read", function () {
        markRead({ ids: [Number($(this).closest(".notification").attr("data-id"))] });
      });
    load();
  });
})(window, window.jQuery);
