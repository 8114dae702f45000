"""Reads of the payment app."""
import re
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from payment import alipay, errors
from payment.models import Order
from tools.http import ApiError, fmt_time

# What the SPA's article page shows after the cashier (?pay=...).
PAY_RESULTS = {Order.PAID: "success", Order.PENDING: "pending", Order.CLOSED: "fail"}
ALIPAY_TIME_ZONE = ZoneInfo("Asia/Shanghai")  # Alipay reads time_expire as Beijing time
SUBJECT_FORBIDDEN = re.compile(r"[/=&]")  # characters Alipay refuses in a subject


def order_timeout():
    return timedelta(seconds=settings.ORDER_TIMEOUT_SECONDS)


def has_bought(user, topic):
    if user is None:
        return False
    return Order.objects.filter(buyer=user, paid_topic=topic, status=Order.PAID).exists()


def pending_order(*, buyer, topic, created_after):
    """The buyer's reusable pending order for `topic` at its current price, if any."""
    return (Order.objects
            .filter(buyer=buyer, topic=topic, status=Order.PENDING, amount=topic.price,
                    created_time__gt=created_after)
            .order_by("-created_time").first())


def buyer_orders(buyer):
    return Order.objects.filter(buyer=buyer).order_by("-created_time", "-id")


def buyer_order(buyer, order_no):
    """One of the buyer's orders; anyone else's is a 404, like a missing one."""
    order = Order.objects.filter(buyer=buyer, order_no=order_no).first()
    if order is None:
        raise ApiError(404, errors.ORDER_NOT_FOUND, "No such order")
    return order


def pay_url(order):
    """The signed Alipay cashier URL; Alipay closes the trade when our order times out."""
    expire = timezone.localtime(order.created_time + order_timeout(), ALIPAY_TIME_ZONE)
    return alipay.page_pay_url(
        order_no=order.order_no, amount=order.amount,
        subject=SUBJECT_FORBIDDEN.sub(" ", order.topic_title).strip() or order.order_no,
        time_expire=expire.strftime("%Y-%m-%d %H:%M:%S"),
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
