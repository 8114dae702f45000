"""Every payment step leaves a PaymentEvent row: the money trail support reads."""
from decimal import Decimal

from devtools import fake_alipay
from payment import services
from payment.models import PaymentEvent
from tests.payment.conftest import (
    age, events, notify, open_cashier, paid_trade, post_notify, unreachable_gateway,
)


def test_a_new_order_is_recorded(order):
    assert events(order) == [("state", True, "created: pending")]


def test_an_accepted_notify_is_recorded_with_what_alipay_sent(api, order):
    params = notify(order)
    post_notify(api, params)
    row = PaymentEvent.objects.get(order=order, kind="notify")
    assert (row.accepted, row.reason, row.amount, row.trade_no) == \
        (True, "payment recorded", Decimal("9.90"), params["trade_no"])
    assert row.payload == params
    assert events(order, "state")[-1] == ("state", True, "paid")


def test_a_rejected_notify_is_recorded_with_the_reason(api, order):
    post_notify(api, notify(order, total_amount="0.01"))
    assert events(order, "notify") == [("notify", False, "total_amount '0.01' is not 9.90")]


def test_a_notify_for_an_unknown_order_is_recorded_under_its_order_no(api, order):
    post_notify(api, notify(order, out_trade_no="nobody-knows-this"))
    row = PaymentEvent.objects.get(kind="notify")
    assert (row.order, row.order_no, row.accepted, row.reason) == \
        (None, "nobody-knows-this", False, "unknown out_trade_no")


def test_every_retry_of_a_notify_is_recorded_and_the_payment_once(api, order):
    params = notify(order)
    for _ in range(3):
        post_notify(api, params)
    assert [reason for _, _, reason in events(order, "notify")] == \
        ["payment recorded", "payment already recorded", "payment already recorded"]
    assert [reason for _, _, reason in events(order, "state")] == ["created: pending", "paid"]


def test_a_forged_notify_cannot_fill_the_table(api, order):
    post_notify(api, {**{f"k{n}": "x" * 2000 for n in range(200)}, "out_trade_no": order.order_no})
    row = PaymentEvent.objects.get(kind="notify")
    assert len(row.payload) <= 64 and all(len(value) <= 1024 for value in row.payload.values())
    assert (row.accepted, row.reason) == (False, "signature does not verify")


def test_a_trade_query_is_recorded(gateway, api, login_as, buyer, order):
    open_cashier(api, order)
    login_as(buyer).get(f"/v1/orders/{order.order_no}")
    row = PaymentEvent.objects.get(order=order, kind="trade_query")
    assert (row.accepted, row.reason) == (True, "WAIT_BUYER_PAY")
    assert row.payload["out_trade_no"] == order.order_no


def test_an_unanswered_trade_query_is_recorded_as_not_accepted(settings, login_as, buyer, order):
    unreachable_gateway(settings)
    login_as(buyer).get(f"/v1/orders/{order.order_no}")
    (kind, accepted, reason), = events(order, "trade_query")
    assert not accepted and "failed" in reason


def test_a_return_is_recorded(api, order):
    api.get("/v1/payment/result", fake_alipay.return_params(paid_trade(order, trade_status="")))
    assert events(order, "return")[0][:2] == ("return", True)


def test_reconciliation_records_what_it_made_of_each_order(gateway, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    fake_alipay.save_trade({**paid_trade(order), "trade_status": "TRADE_CLOSED"})
    services.reconcile_orders()
    assert events(order, "reconcile") == [("reconcile", True, "closed")]
    assert events(order, "state")[-1] == ("state", True, "closed: closed at Alipay")
