"""Reads of the payment app."""
import re
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef

from payment import alipay
from payment.models import Order
from tools.http import fmt_time

# What the SPA's article page shows after the cashier (?pay=...).
PAY_RESULTS = {Order.PAID: "success", Order.PENDING: "pending", Order.CLOSED: "fail",
               Order.REFUNDED: "refunded"}
SUBJECT_FORBIDDEN = re.compile(r"[/=&]")  # characters Alipay refuses in a subject


def order_timeout():
    return timedelta(seconds=settings.ORDER_TIMEOUT_SECONDS)


def has_bought(user, topic):
    if not user.is_authenticated:
        return False
    return Order.objects.filter(buyer=user, paid_topic=topic, status=Order.PAID).exists()


def pending_order(*, buyer, topic):
    """The buyer's pending order for `topic` (there is at most one), or None."""
    return Order.objects.filter(pending_key=Order.pending_key_for(buyer, topic)).first()


def order_by_no(order_no):
    return Order.objects.filter(order_no=order_no).first()


def buyer_orders(buyer):
    return Order.objects.filter(buyer=buyer).order_by("-created_time", "-id")


def buyer_order(buyer, order_no):
    """One of the buyer's orders, or None (someone else's order is as good as missing)."""
    return Order.objects.filter(buyer=buyer, order_no=order_no).first()


def duplicate_payments():
    """Paid orders that grant nothing because another order of the same buyer grants
    the article: a second payment, to be refunded (docs/api.md §14)."""
    owned_elsewhere = Order.objects.filter(buyer=OuterRef("buyer"), paid_topic=OuterRef("topic"))
    return (Order.objects
            .filter(status=Order.PAID, paid_topic__isnull=True, topic__isnull=False)
            .filter(Exists(owned_elsewhere)))


def is_duplicate_payment(order):
    return duplicate_payments().filter(pk=order.pk).exists()


def pay_url(order):
    """The signed Alipay cashier URL; Alipay closes the trade when our order times out."""
    return alipay.page_pay_url(
        order_no=order.order_no, amount=order.amount,
        subject=SUBJECT_FORBIDDEN.sub(" ", order.topic_title).strip() or order.order_no,
        time_expire=alipay.alipay_time(order.created_time + order_timeout()),
    )


def order_item(order):
    """An order as the API shows it; a pending one carries its cashier URL."""
    item = {
        "order_no": order.order_no,
        "topic_id": order.topic_id,
        "topic_title": order.topic_title,
        "author": order.author_username,
        "amount": str(order.amount),
        "status": order.status,
        "created_time": fmt_time(order.created_time),
        "paid_time": fmt_time(order.paid_time),
    }
    if order.status == Order.PENDING:
        item["pay_url"] = pay_url(order)
    return item


def buyer_orders_page(buyer, *, page, per_page):
    """(one page of the buyer's orders, newest first; how many they have in all)."""
    orders = buyer_orders(buyer)
    offset = (page - 1) * per_page
    return list(orders[offset:offset + per_page]), orders.count()


def order_list(orders, *, page, per_page, total):
    return {"orders": [order_item(order) for order in orders], "page": page,
            "per_page": per_page, "total": total}


def pay_result_url(order):
    """Where the browser lands after the cashier: the article page, or "my orders"."""
    if order is None:
        return f"{settings.FRONTEND_URL}/orders?pay=fail"
    query = urlencode({"pay": PAY_RESULTS[order.status], "order_no": order.order_no})
    if order.topic_id is None:  # the article was deleted since
        return f"{settings.FRONTEND_URL}/orders?{query}"
    return f"{settings.FRONTEND_URL}/{order.author_username}/topics/detail/{order.topic_id}?{query}"
