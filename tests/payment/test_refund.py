"""A second payment for an article the buyer already owns is refunded (docs/api.md §14)."""
from decimal import Decimal

import pytest

from devtools import fake_alipay
from payment import alipay, services
from payment.alipay import GatewayError
from payment.models import Order
from tests.payment.conftest import (
    events, notify, open_cashier, post_notify, press_pay, unreachable_gateway,
)
from topic.models import Topic


@pytest.fixture
def two_orders(gateway, api, buyer, article, order):
    """Two tabs: the first order at the cashier, then replaced by a second one."""
    open_cashier(api, order)
    services.order_mark_closed(order=order, reason="less than half of its time left")
    second, _ = services.create_order(buyer=buyer, topic=article)
    open_cashier(api, second)
    return order, second


def status_of(order):
    order.refresh_from_db()
    return order.status


def test_paying_both_orders_refunds_the_second_through_alipay(api, login_as, buyer, two_orders):
    first, second = two_orders
    press_pay(api, first.order_no)
    press_pay(api, second.order_no)
    assert status_of(first) == "paid" and first.paid_topic_id == first.topic_id
    assert login_as(buyer).get(f"/v1/orders/{second.order_no}").json()["data"]["status"] == "refunded"
    trade = fake_alipay.get_trade(second.order_no)
    assert trade["refunds"] == {services.refund_request_no(second): "9.90"}
    assert trade["trade_status"] == "TRADE_CLOSED"


def test_the_refund_is_recorded_step_by_step(api, two_orders):
    first, second = two_orders
    press_pay(api, first.order_no)
    press_pay(api, second.order_no)
    steps = [(kind, reason) for kind, _, reason in events(second) if kind in ("state", "refund")]
    assert steps[-3:] == [
        ("state", "paid twice: the buyer already owns the article; refund queued"),
        ("refund", "refunded, fund_change Y"),
        ("state", "refunded"),
    ]
    assert events(second, "notify") == [("notify", True, "payment recorded")]


def test_the_order_that_grants_the_article_is_never_refunded(api, two_orders):
    first, second = two_orders
    press_pay(api, first.order_no)
    press_pay(api, second.order_no)
    assert not services.refund_duplicate_payment(order=first)
    assert status_of(first) == "paid"
    assert fake_alipay.get_trade(first.order_no).get("refunds") is None


def test_a_refund_alipay_does_not_confirm_stays_paid_and_is_recorded(api, two_orders, settings):
    first, second = two_orders
    press_pay(api, first.order_no)
    post_notify(api, notify(second))
    second.refresh_from_db()
    unreachable_gateway(settings)
    assert not services.refund_duplicate_payment(order=second)
    assert status_of(second) == "paid"
    assert events(second, "refund")[-1][:2] == ("refund", False)


def test_reconciliation_retries_the_refund_with_the_same_request_number(api, two_orders, monkeypatch):
    """The first answer is lost: Alipay refunded, we did not hear. The retry must not
    refund again, and needs no new request number to achieve that."""
    first, second = two_orders
    press_pay(api, first.order_no)
    real_refund = alipay.trade_refund

    def refund_then_lose_the_answer(**kwargs):
        real_refund(**kwargs)
        raise GatewayError("timed out")

    monkeypatch.setattr(alipay, "trade_refund", refund_then_lose_the_answer)
    press_pay(api, second.order_no)
    assert status_of(second) == "paid"
    monkeypatch.setattr(alipay, "trade_refund", real_refund)
    assert services.reconcile_orders()["refunded"] == 1
    assert status_of(second) == "refunded"
    assert fake_alipay.refunded_amount(fake_alipay.get_trade(second.order_no)) == Decimal("9.90")
    assert events(second, "refund")[-1] == ("refund", True, "refunded, fund_change N")


def test_a_payment_of_an_order_closed_by_a_price_change_is_still_recorded(api, login_as, buyer, article, order):
    """docs/api.md §14: the money was taken at the old price, so the notify is `success`."""
    Topic.objects.filter(pk=article.pk).update(price=Decimal("12.00"))
    new = login_as(buyer).post("/v1/orders", {"topic_id": article.id}).json()["data"]
    assert status_of(order) == "closed"
    assert post_notify(api, notify(order)).content == b"success"
    assert status_of(order) == "paid" and order.amount == Decimal("9.90")
    assert order.paid_topic_id == article.id
    assert Order.objects.get(order_no=new["order_no"]).amount == Decimal("12.00")
