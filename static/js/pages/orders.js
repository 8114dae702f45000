/* /orders — the logged-in buyer's orders, newest first, page by page. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var routes = Blog.routes;
  var STATUS = { pending: "待支付", paid: "已支付", closed: "已关闭", refunded: "已退款" };
  var paging = Blog.paging.read(routes.current.query);

  function pageHref(page) { return Blog.paging.href(routes.orders(), {}, page, paging.perPage); }

  // The order number stays on one line (cut with "…" when narrow); the whole of it is its title.
  function orderNumber(orderNo) {
    return ui.el("dd", "order-no", orderNo).attr("title", orderNo);
  }

  function orderCard(order) {
    var $card = ui.el("article", "order-card").attr("data-order-no", order.order_no);
    var title = order.topic_title || "文章 #" + order.topic_id;
    var $title = order.author && order.topic_id
      ? ui.link(routes.topic(order.author, order.topic_id), title)
      : ui.el("span", null, title);
    $card.append(
      ui.el("div", "order-head").append(
        ui.el("h2", "order-title").append($title),
        ui.el("span", "status status-" + order.status, STATUS[order.status] || order.status)
      ),
      ui.el("dl", "order-meta").append(
        ui.el("div", "order-row order-row-no").append(ui.el("dt", null, "订单号"), orderNumber(order.order_no)),
        ui.el("div", "order-row").append(ui.el("dt", null, "作者"), ui.el("dd", null, order.author || "—")),
        ui.el("div", "order-row").append(ui.el("dt", null, "金额"), ui.el("dd", "amount", Blog.views.formatPrice(order.amount))),
        ui.el("div", "order-row").append(ui.el("dt", null, "下单时间"), ui.el("dd", null, order.created_time || "—")),
        ui.el("div", "order-row").append(ui.el("dt", null, "支付时间"), ui.el("dd", null, order.paid_time || "—"))
      )
    );
    return $card;
  }

  function render(data) {
    var orders = Array.isArray(data) ? data : (data && (data.orders || data.items)) || [];
    var $list = $("#order-list").empty();
    if (!orders.length) {
      ui.empty($list, paging.page > 1 ? "这一页没有订单了。" : "还没有订单。遇到喜欢的付费文章，可以购买阅读。");
    }
    orders.forEach(function (order) { $list.append(orderCard(order)); });
    if (data && data.total !== undefined) {
      $("#pagination").replaceWith(
        Blog.views.pagination(data.page, data.per_page, data.total, pageHref, { unit: "个订单" }).attr("id", "pagination")
      );
    }
  }

  function load() {
    ui.loading($("#order-list"), "正在加载订单…");
    Blog.api.get(routes.api.orders(), { page: paging.page, per_page: paging.perPage })
      .then(function (body) { render(body.data); })
      .catch(function (err) { ui.showError($("#order-list"), err, load); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "我的订单", requireLogin: true })) { return; }
    load();
  });
})(window, window.jQuery);
