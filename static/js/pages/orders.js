/* /orders — the logged-in buyer's orders. */
(function (window, $) {
  "use strict";

  var Blog = window.Blog;
  var ui = Blog.ui;
  var STATUS = { pending: "待支付", paid: "已支付", closed: "已关闭" };

  function orderCard(order) {
    var $card = ui.el("article", "order-card").attr("data-order-no", order.order_no);
    var title = order.topic_title || "文章 #" + order.topic_id;
    var $title = order.author && order.topic_id
      ? ui.link(Blog.views.topicUrl(order.author, order.topic_id), title)
      : ui.el("span", null, title);
    $card.append(
      ui.el("div", "order-head").append(
        ui.el("h2", "order-title").append($title),
        ui.el("span", "status status-" + order.status, STATUS[order.status] || order.status)
      ),
      ui.el("dl", "order-meta").append(
        ui.el("dt", null, "订单号"), ui.el("dd", "mono", order.order_no),
        ui.el("dt", null, "作者"), ui.el("dd", null, order.author || "—"),
        ui.el("dt", null, "金额"), ui.el("dd", "amount", Blog.views.formatPrice(order.amount)),
        ui.el("dt", null, "下单时间"), ui.el("dd", null, order.created_time || "—"),
        ui.el("dt", null, "支付时间"), ui.el("dd", null, order.paid_time || "—")
      )
    );
    return $card;
  }

  function render(data) {
    var orders = Array.isArray(data) ? data : (data && (data.orders || data.items)) || [];
    var $list = $("#order-list").empty();
    if (!orders.length) { ui.empty($list, "还没有订单。遇到喜欢的付费文章，可以购买阅读。"); }
    orders.forEach(function (order) { $list.append(orderCard(order)); });
  }

  $(function () {
    if (!Blog.layout.start({ title: "我的订单", requireLogin: true })) { return; }
    ui.loading($("#order-list"), "正在加载订单…");
    Blog.api.get("/v1/orders")
      .then(function (body) { render(body.data); })
      .catch(function (err) { ui.showError($("#order-list"), err); });
  });
})(window, window.jQuery);
