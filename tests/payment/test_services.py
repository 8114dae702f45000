"""The payment services called directly, as tasks and other services call them."""
from decimal import Decimal

import pytest

from payment import services, tasks
from payment.models import Order
from tests.payment.conftest import PRICE, age, events, notify
from tools.events import order_paid
from topic.models import Topic


@pytest.fixture
def queued_refunds(monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.refund_duplicate_payment_task, "delay", queued.append)
    return queued


@pytest.fixture
def announced():
    received = []

    def listener(sender, signal, **payload):
        received.append(payload)

    order_paid.connect(listener)
    yield received
    order_paid.disconnect(listener)


def paid_elsewhere(buyer, article):
    """The buyer already owns `article` through another, paid order."""
    owner = Order.objects.create(order_no="o" * 46, buyer=buyer, topic=article, topic_title="t",
                                 author_username="author", amount=PRICE)
    services.order_mark_paid(order=owner, trade_no="first")
    return owner


# --- order_mark_paid ------------------------------------------------------------------


def test_order_mark_paid_pays_a_pending_order_once(order):
    assert services.order_mark_paid(order=order, trade_no="t1") is True
    assert services.order_mark_paid(order=order, trade_no="t2") is False
    assert (order.status, order.trade_no, order.paid_topic_id) == ("paid", "t1", order.topic_id)
    assert order.pending_key is None


def test_order_mark_paid_pays_a_closed_order(order):
    services.order_mark_closed(order=order, reason="timed out")
    assert services.order_mark_paid(order=order, trade_no="t1")
    assert order.status == "paid"


def test_order_mark_paid_leaves_a_refunded_order_refunded(order):
    Order.objects.filter(pk=order.pk).update(status=Order.REFUNDED, pending_key=None)
    assert not services.order_mark_paid(order=order, trade_no="t1")
    assert order.status == "refunded"


def test_order_mark_paid_announces_the_sale_once_committed(order, announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.order_mark_paid(order=order, trade_no="t1")
    assert announced == [{"order_no": order.order_no, "buyer_id": order.buyer_id,
                          "topic_id": order.topic_id, "seller_id": order.topic.author_id}]


def test_a_second_payment_is_recorded_grants_nothing_and_queues_a_refund(
        buyer, article, order, queued_refunds, announced, django_capture_on_commit_callbacks):
    Order.objects.filter(pk=order.pk).update(pending_key=None)  # as if from another tab
    paid_elsewhere(buyer, article)
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.order_mark_paid(order=order, trade_no="t2")
    assert (order.status, order.paid_topic_id) == ("paid", None)
    assert queued_refunds == [order.order_no]
    assert announced == []
    assert events(order, "state")[-1] == \
        ("state", True, "paid twice: the buyer already owns the article; refund queued")


# --- order_mark_closed / order_mark_refunded -----------------------------------------------


def test_order_mark_closed_frees_the_buyer_to_order_again(buyer, article, order):
    assert services.order_mark_closed(order=order, reason="timed out")
    assert (order.status, order.pending_key) == ("closed", None)
    assert services.create_order(buyer=buyer, topic=article)[1] is True


def test_order_mark_closed_leaves_a_paid_order_alone(order):
    services.order_mark_paid(order=order, trade_no="t1")
    assert not services.order_mark_closed(order=order, reason="timed out")
    assert order.status == "paid"


def test_order_mark_refunded_never_refunds_the_order_that_grants_the_article(order):
    services.order_mark_paid(order=order, trade_no="t1")
    assert not services.order_mark_refunded(order=order)
    assert order.status == "paid"


def test_refund_duplicate_payment_leaves_an_ordinary_payment_alone(order, monkeypatch):
    services.order_mark_paid(order=order, trade_no="t1")
    monkeypatch.setattr(services.alipay, "trade_refund", pytest.fail)
    assert not services.refund_duplicate_payment(order=order)


def test_the_refund_request_number_is_the_same_for_every_try(order):
    assert services.refund_request_no(order) == services.refund_request_no(Order.objects.get(pk=order.pk))
    assert len(services.refund_request_no(order)) <= 64  # Alipay's limit


# --- create_order ------------------------------------------------------------------------


def test_create_order_reuses_the_pending_order(buyer, article, order):
    assert services.create_order(buyer=buyer, topic=article) == (order, False)


def test_create_order_replaces_an_order_at_an_old_price(buyer, article, order):
    article.price = Decimal("12.00")
    Topic.objects.filter(pk=article.pk).update(price=article.price)
    new, created = services.create_order(buyer=buyer, topic=article)
    order.refresh_from_db()
    assert created and new.amount == Decimal("12.00")
    assert order.status == "closed"


def test_create_order_replaces_an_order_close_to_its_timeout(buyer, article, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS // 2 + 1)
    assert services.create_order(buyer=buyer, topic=article)[1] is True


# --- handle_notify ------------------------------------------------------------------------


def test_handle_notify_is_true_for_a_payment_and_its_retries(order):
    params = notify(order)
    assert services.handle_notify(params=params) is True
    assert services.handle_notify(params=params) is True


def test_handle_notify_is_false_for_a_tampered_notify(order):
    assert services.handle_notify(params={**notify(order), "total_amount": "0.01"}) is False
