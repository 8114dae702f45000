"""Writes of the payment app: orders, Alipay's notifications, trade queries, refunds,
reconciliation, and the PaymentEvent row each of them leaves.

An order leaves `pending` through a compare-and-set UPDATE (docs/api.md §9), so however
often and however concurrently Alipay reports a payment, it is recorded once.
"""
import logging
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from payment import alipay, errors, selectors
from payment.alipay import GatewayError
from payment.models import Order, PaymentEvent
from tools.events import announce, order_paid
from tools.http import ApiError

logger = logging.getLogger("jiuzhi.payment")

# A notify or return is whatever anyone posts: keep a bounded copy, so forged requests
# cannot fill the event table.
PAYLOAD_MAX_FIELDS = 64
PAYLOAD_MAX_CHARS = 1024
AMOUNT_LIMIT = Decimal("1000000")  # what PaymentEvent.amount (8 digits, 2 decimals) holds


# --- the money trail ------------------------------------------------------------------


def _bounded(params):
    return {str(key)[:64]: str(value)[:PAYLOAD_MAX_CHARS]
            for key, value in list(params.items())[:PAYLOAD_MAX_FIELDS]}


def _storable_amount(value):
    amount = alipay.parse_amount(value) if value is not None else None
    if amount is None or abs(amount) >= AMOUNT_LIMIT:
        return None
    return amount.quantize(Decimal("0.01"))


def record_event(*, kind, accepted, order=None, order_no="", reason="", amount=None,
                 trade_no="", payload=None):
    """One PaymentEvent row; `order_no` names an order we do not know (a bad notify)."""
    return PaymentEvent.objects.create(
        order=order, order_no=(order.order_no if order else str(order_no))[:64], kind=kind,
        accepted=accepted, reason=str(reason)[:255], amount=_storable_amount(amount),
        trade_no=str(trade_no)[:64], payload=payload or {},
    )


def _record_state(order, reason):
    record_event(kind=PaymentEvent.STATE, order=order, accepted=True, reason=reason,
                 amount=order.amount, trade_no=order.trade_no)


# --- orders -----------------------------------------------------------------------------


def new_order_no():
    """Sortable by time, unguessable by anyone: 14 digits + 32 hex (Alipay allows 64)."""
    return timezone.localtime(timezone.now()).strftime("%Y%m%d%H%M%S") + secrets.token_hex(16)


def _check_can_buy(buyer, topic):
    if topic.author_id == buyer.pk:
        raise ApiError(409, errors.OWN_ARTICLE, "You cannot buy your own article")
    if not topic.is_paid_article:
        raise ApiError(409, errors.FREE_ARTICLE, "This article is free")
    if selectors.has_bought(buyer, topic):
        raise ApiError(409, errors.ALREADY_BOUGHT, "You have already bought this article")


def _why_stale(order, topic):
    """Why a pending order must not be handed out again, or None when it may."""
    if order.amount != topic.price:
        return f"price changed from {order.amount} to {topic.price}"
    if order.created_time <= timezone.now() - selectors.order_timeout() / 2:
        return "less than half of its time left"
    return None


def _new_order(buyer, topic):
    with transaction.atomic():
        order = Order.objects.create(
            order_no=new_order_no(), buyer=buyer, topic=topic, topic_title=topic.title,
            author_username=topic.author.username, amount=topic.price,
            pending_key=Order.pending_key_for(buyer, topic),
        )
        _record_state(order, "created: pending")
    logger.info("Order %s created: %s buys topic %s for %s", order.order_no, buyer.username,
                topic.pk, order.amount)
    return order


def create_order(*, buyer, topic):
    """(order, created): the buyer's pending order for `topic`, or a new one at its price.

    A pending order at another price, or with less than half of its time left, is closed
    and replaced. The unique pending_key keeps one pending order per buyer and article
    however many requests race (two tabs, a double click): the losers get the winner's.
    """
    _check_can_buy(buyer, topic)
    pending = selectors.pending_order(buyer=buyer, topic=topic)
    if pending is not None:
        stale = _why_stale(pending, topic)
        if stale is None:
            return pending, False
        order_mark_closed(order=pending, reason=stale)
    try:
        return _new_order(buyer, topic), True
    except IntegrityError:
        winner = selectors.pending_order(buyer=buyer, topic=topic)
        if winner is None:
            raise
        return winner, False


def _announce_paid(order):
    seller_id = order.topic.author_id if order.topic_id else None
    announce(order_paid, order_no=order.order_no, buyer_id=order.buyer_id,
             topic_id=order.topic_id, seller_id=seller_id)


def _queue_refund(order):
    from payment import tasks  # tasks call services: import here, not at module level

    # robust: a broker outage must not turn Alipay's notify into a 500;
    # reconciliation finds the order and refunds it later.
    transaction.on_commit(lambda: tasks.refund_duplicate_payment_task.delay(order.order_no),
                          robust=True)


def order_mark_paid(*, order, trade_no):
    """Record Alipay's payment once; True if this call did it.

    A closed order is paid too: the buyer's money was taken (docs/api.md §14). If the buyer
    already owns the article through another order, this payment is recorded and then
    refunded (refund_duplicate_payment, queued once the payment commits).
    """
    now = timezone.now()
    unpaid = Order.objects.filter(pk=order.pk, status__in=(Order.PENDING, Order.CLOSED))
    values = {"status": Order.PAID, "trade_no": trade_no, "paid_time": now, "updated_time": now,
              "pending_key": None}
    with transaction.atomic():
        try:
            with transaction.atomic():
                changed = unpaid.update(paid_topic=F("topic"), **values)
            paid_twice = False
        except IntegrityError:  # one_paid_order_per_article: the buyer owns it already
            changed = unpaid.update(**values)
            paid_twice = True
        order.refresh_from_db()
        if changed and paid_twice:
            _record_state(order, "paid twice: the buyer already owns the article; refund queued")
            _queue_refund(order)
            logger.error("Order %s paid but buyer %s already owns topic %s: refunding trade %s",
                         order.order_no, order.buyer_id, order.topic_id, trade_no)
        elif changed:
            _record_state(order, "paid")
            _announce_paid(order)
            logger.info("Order %s paid (trade %s)", order.order_no, trade_no)
    return bool(changed)


def order_mark_closed(*, order, reason):
    """Close a pending order (timed out, replaced, closed at Alipay); True if this call did it."""
    with transaction.atomic():
        changed = Order.objects.filter(pk=order.pk, status=Order.PENDING).update(
            status=Order.CLOSED, pending_key=None, updated_time=timezone.now())
        order.refresh_from_db()
        if changed:
            _record_state(order, f"closed: {reason}")
    if changed:
        logger.info("Order %s closed: %s", order.order_no, reason)
    return bool(changed)


def order_mark_refunded(*, order):
    """A second payment given back; only a paid order that grants nothing is refunded."""
    with transaction.atomic():
        changed = Order.objects.filter(
            pk=order.pk, status=Order.PAID, paid_topic__isnull=True,
        ).update(status=Order.REFUNDED, updated_time=timezone.now())
        order.refresh_from_db()
        if changed:
            _record_state(order, "refunded")
    if changed:
        logger.info("Order %s refunded", order.order_no)
    return bool(changed)


# --- refunds ------------------------------------------------------------------------------


def refund_request_no(order):
    """Alipay's out_request_no for the order's one full refund: the same for every retry,
    so Alipay never refunds it twice."""
    return f"{order.order_no}_refund"


def refund_duplicate_payment(*, order):
    """Give back a payment for an article the buyer already owns (docs/api.md §14); True once
    the order is refunded. Safe to run again: a retry asks Alipay with the same
    out_request_no, and an order that is not a duplicate payment is left alone."""
    if not selectors.is_duplicate_payment(order):
        return False
    try:
        response = alipay.trade_refund(order_no=order.order_no, amount=order.amount,
                                       out_request_no=refund_request_no(order))
    except GatewayError as error:
        record_event(kind=PaymentEvent.REFUND, order=order, accepted=False, reason=str(error),
                     amount=order.amount, trade_no=order.trade_no)
        logger.error("Order %s not refunded yet: %s", order.order_no, error)
        return False
    record_event(kind=PaymentEvent.REFUND, order=order, accepted=True,
                 reason=f"refunded, fund_change {response.get('fund_change', '')}",
                 amount=response.get("refund_fee"), trade_no=response.get("trade_no", ""),
                 payload=response)
    return order_mark_refunded(order=order)


# --- Alipay's notify and the buyer's return --------------------------------------------------


def _notify_rejection(params, order):
    """Why a notification is not Alipay's word about one of our orders, or None when it is."""
    if not alipay.verify_signature(params):
        return "signature does not verify"
    if params.get("app_id") != settings.ALIPAY_APP_ID:
        return f"app_id {params.get('app_id')!r} is not ours"
    if settings.ALIPAY_SELLER_ID and params.get("seller_id") != settings.ALIPAY_SELLER_ID:
        return f"seller_id {params.get('seller_id')!r} is not ours"
    if order is None:
        return "unknown out_trade_no"
    if alipay.parse_amount(params.get("total_amount")) != order.amount:
        return f"total_amount {params.get('total_amount')!r} is not {order.amount}"
    return None


def _notify_outcome(params, order):
    """(accepted, what happened) for a notification Alipay did send about `order`."""
    status = params.get("trade_status")
    if status in alipay.PAID_TRADE_STATUSES:
        newly_paid = order_mark_paid(order=order, trade_no=str(params.get("trade_no", "")))
        return True, "payment recorded" if newly_paid else "payment already recorded"
    if status == alipay.TRADE_CLOSED and order.status == Order.REFUNDED:
        return True, "refund confirmed"  # Alipay closes a trade once we refunded it in full
    return False, f"trade_status {status!r} is not a payment"


def handle_notify(*, params):
    """Alipay's async notification; True (answer `success`) once it is recorded.

    Anything else, a database error included, answers `fail` so Alipay retries.
    """
    out_trade_no = str(params.get("out_trade_no", ""))
    try:
        order = selectors.order_by_no(out_trade_no)
        rejection = _notify_rejection(params, order)
        if rejection:
            accepted, reason = False, rejection
        else:
            accepted, reason = _notify_outcome(params, order)
        record_event(kind=PaymentEvent.NOTIFY, order=order, order_no=out_trade_no,
                     accepted=accepted, reason=reason, amount=params.get("total_amount"),
                     trade_no=params.get("trade_no", ""), payload=_bounded(params))
    except DatabaseError:
        logger.exception("Alipay notify for %r not recorded", out_trade_no)
        return False
    if not accepted:
        logger.warning("Alipay notify for %r rejected: %s", out_trade_no, reason)
    return accepted


def handle_return(*, params):
    """The buyer back from the cashier: their order, checked with Alipay if still pending.

    None when the query is not Alipay's or names no order.
    """
    out_trade_no = str(params.get("out_trade_no", ""))
    order = selectors.order_by_no(out_trade_no)
    if not alipay.verify_signature(params) or params.get("app_id") != settings.ALIPAY_APP_ID:
        reason = "not signed by Alipay for us"
    elif order is None:
        reason = "unknown out_trade_no"
    else:
        reason = None
    record_event(kind=PaymentEvent.RETURN, order=order, order_no=out_trade_no, accepted=reason is None,
                 reason=reason or f"order {order.status}", payload=_bounded(params))
    if reason is not None:
        logger.warning("Alipay return for %r rejected: %s", out_trade_no, reason)
        return None
    refresh_order(order=order)
    return order


# --- trade queries and reconciliation --------------------------------------------------------


def _record_trade(order, trade):
    """Record a query's answer; False when it must not be acted on."""
    believable = trade.status not in alipay.PAID_TRADE_STATUSES or trade.total_amount == order.amount
    reason = trade.status if believable else \
        f"{trade.status} for {trade.total_amount}, the order is for {order.amount}"
    record_event(kind=PaymentEvent.TRADE_QUERY, order=order, accepted=believable, reason=reason,
                 amount=trade.total_amount, trade_no=trade.trade_no, payload=trade.response)
    if not believable:
        logger.error("Order %s: %s", order.order_no, reason)
    return believable


def sync_order(*, order, timeout=None):
    """Trade-query an order and record Alipay's answer.

    Returns the alipay.Trade, or None when Alipay could not say (the order stays as it is).
    """
    try:
        trade = alipay.trade_query(order.order_no, timeout=timeout)
    except GatewayError as error:
        record_event(kind=PaymentEvent.TRADE_QUERY, order=order, accepted=False, reason=str(error))
        logger.warning("Order %s not checked with Alipay: %s", order.order_no, error)
        return None
    if not _record_trade(order, trade):
        return trade
    if trade.status in alipay.PAID_TRADE_STATUSES:
        order_mark_paid(order=order, trade_no=trade.trade_no)
    elif trade.status == alipay.TRADE_CLOSED:
        order_mark_closed(order=order, reason="closed at Alipay")
    return trade


def refresh_order(*, order):
    """A buyer is waiting on this order: if pending, one trade query on a short budget
    (ALIPAY_REQUEST_TIMEOUT_SECONDS). Everything else is reconciliation's job."""
    if order.status == Order.PENDING:
        sync_order(order=order, timeout=settings.ALIPAY_REQUEST_TIMEOUT_SECONDS)
    return order


def _reconcile_order(order, expired_since):
    """What reconciliation made of one stale pending order: paid, closed, pending or unanswered."""
    trade = sync_order(order=order)
    if trade is None:
        return "unanswered"
    if (order.status == Order.PENDING and order.created_time <= expired_since
            and trade.status not in alipay.PAID_TRADE_STATUSES):
        order_mark_closed(order=order, reason="expired unpaid")
    return order.status


def reconcile_orders(*, now=None):
    """Check pending orders older than a few minutes with Alipay, close the expired unpaid,
    and refund second payments whose refund has not gone through yet.

    An order Alipay cannot answer for stays as it is until a later run.
    """
    now = now or timezone.now()
    quiet_since = now - timedelta(seconds=settings.ORDER_RECONCILE_AFTER_SECONDS)
    expired_since = now - selectors.order_timeout()
    counts = {"checked": 0, "paid": 0, "closed": 0, "pending": 0, "unanswered": 0, "refunded": 0}
    stale = Order.objects.filter(status=Order.PENDING, created_time__lte=quiet_since)
    for order in stale.order_by("created_time").iterator():
        outcome = _reconcile_order(order, expired_since)
        record_event(kind=PaymentEvent.RECONCILE, order=order, accepted=outcome != "unanswered",
                     reason=outcome)
        counts["checked"] += 1
        counts[outcome] += 1
    for order in selectors.duplicate_payments().order_by("paid_time"):
        counts["refunded"] += refund_duplicate_payment(order=order)
    logger.info("Reconciled orders: %s", counts)
    return counts
