"""A pending order is checked against Alipay (alipay.trade.query) when the buyer looks at it."""
import socket
import time
from contextlib import contextmanager

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from devtools import fake_alipay
from payment import alipay
from tests.payment.conftest import open_cashier, unreachable_gateway


@contextmanager
def silent_gateway(settings):
    """A gateway that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        settings.ALIPAY_GATEWAY = settings.ALIPAY_FAKE_GATEWAY = \
            f"http://127.0.0.1:{sock.getsockname()[1]}/gateway.do"
        yield


def order_status(login_as, buyer, order):
    return login_as(buyer).get(f"/v1/orders/{order.order_no}").json()["data"]["status"]


def test_a_pending_order_paid_at_alipay_becomes_paid(gateway, api, login_as, buyer, order):
    open_cashier(api, order)
    trade = fake_alipay.pay_trade(order.order_no)
    assert order_status(login_as, buyer, order) == "paid"
    order.refresh_from_db()
    assert (order.trade_no, order.paid_topic_id) == (trade["trade_no"], order.topic_id)


def test_the_order_list_does_not_ask_alipay(gateway, api, login_as, buyer, order, monkeypatch):
    open_cashier(api, order)
    fake_alipay.pay_trade(order.order_no)
    queried = []
    monkeypatch.setattr(alipay, "trade_query", lambda *args, **kwargs: queried.append(args))
    orders = login_as(buyer).get("/v1/orders").json()["data"]["orders"]
    assert [item["status"] for item in orders] == ["pending"]  # until its page or reconciliation
    assert queried == []


def test_the_order_page_waits_on_alipay_two_seconds_at_most(login_as, buyer, order, settings):
    settings.ALIPAY_TIMEOUT_SECONDS = 30  # what reconciliation may wait, not a buyer
    with silent_gateway(settings):
        started = time.monotonic()
        data = login_as(buyer).get(f"/v1/orders/{order.order_no}").json()["data"]
        waited = time.monotonic() - started
    assert data["status"] == "pending"
    assert settings.ALIPAY_REQUEST_TIMEOUT_SECONDS == 2
    assert 2 <= waited < 15  # room for a busy machine, far from 30


def test_an_unpaid_trade_stays_pending(gateway, api, login_as, buyer, order):
    open_cashier(api, order)
    assert order_status(login_as, buyer, order) == "pending"


def test_a_trade_alipay_does_not_know_stays_pending(gateway, login_as, buyer, order):
    assert alipay.trade_query(order.order_no).status == alipay.TRADE_NOT_EXIST
    assert order_status(login_as, buyer, order) == "pending"


def test_a_trade_closed_at_alipay_closes_the_order(gateway, api, login_as, buyer, order):
    open_cashier(api, order)
    fake_alipay.save_trade({**fake_alipay.get_trade(order.order_no), "trade_status": "TRADE_CLOSED"})
    assert order_status(login_as, buyer, order) == "closed"


def test_a_trade_paid_with_another_amount_stays_pending(gateway, api, login_as, buyer, order):
    open_cashier(api, order)
    fake_alipay.save_trade({**fake_alipay.pay_trade(order.order_no), "total_amount": "0.01"})
    assert order_status(login_as, buyer, order) == "pending"


def test_an_unreachable_gateway_leaves_the_order_pending(settings, login_as, buyer, order):
    unreachable_gateway(settings)
    assert order_status(login_as, buyer, order) == "pending"
    with pytest.raises(alipay.GatewayError):
        alipay.trade_query(order.order_no)


def test_a_gateway_error_response_leaves_the_order_pending(gateway, login_as, buyer, order, monkeypatch):
    monkeypatch.setattr(fake_alipay, "request_is_signed_by_app", lambda params: False)
    with pytest.raises(alipay.GatewayError):
        alipay.trade_query(order.order_no)
    assert order_status(login_as, buyer, order) == "pending"


def test_a_query_answer_with_a_forged_signature_is_not_believed(gateway, api, login_as, buyer, order, monkeypatch):
    open_cashier(api, order)
    fake_alipay.pay_trade(order.order_no)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    monkeypatch.setattr(fake_alipay, "_fake_private_key", lambda: forger)
    with pytest.raises(alipay.GatewayError):
        alipay.trade_query(order.order_no)
    assert order_status(login_as, buyer, order) == "pending"
