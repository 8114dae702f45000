"""Writes of the payment app: orders, Alipay's notifications, trade queries, reconciliation.

An order leaves `pending` through a compare-and-set UPDATE (SPEC §9), so however
often and however concurrently Alipay reports a payment, it is recorded once.
"""
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from payment import alipay, errors, selectors
from payment.alipay import GatewayError
from payment.models import Order
from tools.http import ApiError

logger = logging.getLogger("jiuzhi.payment")

PAID_TRADE_STATUSES = ("TRADE_SUCCESS", "TRADE_FINISHED")
CLOSED_TRADE_STATUS = "TRADE_CLOSED"


def new_order_no():
    """Sortable by time, unguessable by anyone: 14 digits + 32 hex (Alipay allows 64)."""
    return timezone.localtime(timezone.now()).strftime("%Y%m%d%H%M%S") + secrets.token_hex(16)


def create_order(*, buyer, topic):
    """(order, created): a new pending order for `topic`, or the buyer's recent pending one.

    The amount is the article's price now; a pending order made at another price, or
    with less than half of its time left, is not reused.
    """
    if topic.author_id == buyer.pk:
        raise ApiError(409, errors.OWN_ARTICLE, "You cannot buy your own article")
    if not topic.is_paid_article:
        raise ApiError(409, errors.FREE_ARTICLE, "This article is free")
    if selectors.has_bought(buyer, topic):
        raise ApiError(409, errors.ALREADY_BOUGHT, "You have already bought this article")
    reusable = selectors.pending_order(
        buyer=buyer, topic=topic, created_after=timezone.now() - selectors.order_timeout() / 2)
    if reusable is not None:
        return reusable, False
    order = Order.objects.create(
        order_no=new_order_no(), buyer=buyer, topic=topic, topic_title=topic.title,
        author_username=topic.author.username, amount=topic.price,
    )
    logger.info("Order %s created: %s buys topic %s for %s", order.order_no, buyer.username,
                topic.pk, order.amount)
    return order, True


def order_mark_paid(*, order, trade_no):
    """Record Alipay's payment once; True if this call did it.

    A closed order is paid too: the buyer's money was taken, so the article is theirs.
    """
    now = timezone.now()
    unpaid = Order.objects.filter(pk=order.pk, status__in=(Order.PENDING, Order.CLOSED))
    values = {"status": Order.PAID, "trade_no": trade_no, "paid_time": now, "updated_time": now}
    with transaction.atomic():
        try:
            with transaction.atomic():
                changed = unpaid.update(paid_topic=F("topic"), **values)
        except IntegrityError:
            # The buyer already owns the article through another order: paid twice.
            changed = unpaid.update(**values)
            if changed:
                logger.error("Order %s paid but %s already owns topic %s: refund trade %s",
                             order.order_no, order.buyer_id, order.topic_id, trade_no)
    order.refresh_from_db()
    if changed:
        logger.info("Order %s paid (trade %s)", order.order_no, trade_no)
    return bool(changed)


def order_mark_closed(*, order):
    """Close a pending order (timed out, or closed at Alipay); True if this call did it."""
    with transaction.atomic():
        changed = Order.objects.filter(pk=order.pk, status=Order.PENDING).update(
            status=Order.CLOSED, updated_time=timezone.now())
    order.refresh_from_db()
    if changed:
        logger.info("Order %s closed", order.order_no)
    return bool(changed)


def _notify_rejection(params, order):
    """Why a notification must not be trusted or acted on, or None when it may."""
    if not alipay.verify_signature(params):
        return "signature does not verify"
    if params.get("app_id") != settings.ALIPAY_APP_ID:
        return f"app_id {params.get('app_id')!r} is not ours"
    if order is None:
        return "unknown out_trade_no"
    if alipay.parse_amount(params.get("total_amount")) != order.amount:
        return f"total_amount {params.get('total_amount')!r} is not {order.amount}"
    if params.get("trade_status") not in PAID_TRADE_STATUSES:
        return f"trade_status {params.get('trade_status')!r} is not a payment"
    return None


def handle_notify(*, params):
    """Alipay's async notification; True (answer `success`) once the order is paid.

    Anything else, a database error included, answers `fail` so Alipay retries.
    """
    out_trade_no = str(params.get("out_trade_no", ""))
    try:
        order = Order.objects.filter(order_no=out_trade_no).first()
        reason = _notify_rejection(params, order)
        if reason is None:
            order_mark_paid(order=order, trade_no=str(params.get("trade_no", "")))
            return True
    except DatabaseError:
        logger.exception("Alipay notify for %r not recorded", out_trade_no)
        return False
    logger.warning("Alipay notify for %r rejected: %s", out_trade_no, reason)
    return False


def sync_order(*, order):
    """Trade-query a pending order and record Alipay's answer.

    Returns the alipay.Trade, or None when Alipay could not say (the order stays pending).
    """
    try:
        trade = alipay.trade_query(order.order_no)
    except GatewayError as error:
        logger.warning("Order %s not checked with Alipay: %s", order.order_no, error)
        return None
    if trade.status in PAID_TRADE_STATUSES:
        if trade.total_amount == order.amount:
            order_mark_paid(order=order, trade_no=trade.trade_no)
        else:
            logger.error("Order %s: Alipay reports %s paid, the order is for %s",
                         order.order_no, trade.total_amount, order.amount)
    elif trade.status == CLOSED_TRADE_STATUS:
        order_mark_closed(order=order)
    return trade


def refresh_pending_orders(*, orders):
    for order in orders:
        if order.status == Order.PENDING:
            sync_order(order=order)
    return orders


def handle_return(*, params):
    """The buyer back from the cashier: their order, checked with Alipay if still pending.

    None when the query is not Alipay's or names no order.
    """
    out_trade_no = str(params.get("out_trade_no", ""))
    if not alipay.verify_signature(params) or params.get("app_id") != settings.ALIPAY_APP_ID:
        logger.warning("Alipay return for %r rejected: not signed by Alipay for us", out_trade_no)
        return None
    order = Order.objects.filter(order_no=out_trade_no).first()
    if order is None:
        logger.warning("Alipay return for unknown order %r", out_trade_no)
        return None
    if order.status == Order.PENDING:
        sync_order(order=order)
    return order


def reconcile_orders(*, now=None):
    """Check pending orders older than a few minutes with Alipay; close the expired unpaid.

    An order Alipay cannot answer for stays pending until a later run.
    """
    now = now or timezone.now()
    quiet_since = now - timedelta(seconds=settings.ORDER_RECONCILE_AFTER_SECONDS)
    expired_since = now - selectors.order_timeout()
    counts = {"checked": 0, "paid": 0, "closed": 0, "pending": 0, "unanswered": 0}
    stale = Order.objects.filter(status=Order.PENDING, created_time__lte=quiet_since)
    for order in stale.order_by("created_time").iterator():
        counts["checked"] += 1
        trade = sync_order(order=order)
        if trade is None:
            counts["unanswered"] += 1
            continue
        if (order.status == Order.PENDING and order.created_time <= expired_since
                and trade.status not in PAID_TRADE_STATUSES):
            order_mark_closed(order=order)
        counts[order.status] += 1
    logger.info("Reconciled orders: %s", counts)
    return counts
