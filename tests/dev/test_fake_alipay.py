"""The offline cashier (devtools/fake_alipay.py): behaves like Alipay where the app relies
on it, and is mounted only where it may be. Development tooling, not the product."""
import importlib
import json
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import longtoblog.urls
from devtools import fake_alipay
from payment import alipay
from tests.payment.conftest import open_cashier, paid_trade, path_of

pytestmark = pytest.mark.dev
REAL_GATEWAY = "https://openapi.alipay.com/gateway.do"


def root_url_prefixes(**overrides):
    """The root URL patterns longtoblog/urls.py builds under `overrides`."""
    try:
        with override_settings(**overrides):
            patterns = importlib.reload(longtoblog.urls).urlpatterns
    finally:
        importlib.reload(longtoblog.urls)
        clear_url_caches()
    return [str(pattern.pattern) for pattern in patterns]


def test_the_fake_alipay_is_mounted_on_the_embedded_default(api):
    assert api.get("/fake-alipay/gateway.do").status_code == 200  # an Alipay error answer


def test_the_fake_alipay_is_not_mounted_for_a_real_gateway():
    assert "fake-alipay/" not in root_url_prefixes(ALIPAY_GATEWAY=REAL_GATEWAY)


def test_the_fake_alipay_is_not_mounted_in_production_even_when_pointed_at(settings):
    assert "fake-alipay/" in root_url_prefixes()
    assert "fake-alipay/" not in root_url_prefixes(PRODUCTION=True)


def test_the_cashier_refuses_a_pay_url_with_a_tampered_amount(api, login_as, buyer, article):
    pay_url = login_as(buyer).post("/v1/orders", {"topic_id": article.id}).json()["data"]["pay_url"]
    tampered = path_of(pay_url).replace("9.90", "0.01")
    response = api.get(tampered)
    assert response.status_code == 400
    assert "isv.invalid-signature" in response.content.decode()
    assert "确认付款" not in response.content.decode()


class NotifyReceiver:
    """Stands in for the app's notify URL: answers in turn, or raises."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.received = []

    def post(self, url, data, timeout):
        self.received.append(data)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return type("Answer", (), {"text": answer})()


def test_the_fake_retries_the_notify_until_answered_success(order, monkeypatch):
    receiver = NotifyReceiver(fake_alipay.requests.ConnectionError("down"), "fail", "success")
    monkeypatch.setattr(fake_alipay.requests, "post", receiver.post)
    assert fake_alipay.deliver_notify(paid_trade(order, notify_url="http://app.test/notify"))
    assert len(receiver.received) == 3


def test_the_fake_gives_up_after_its_retries(order, monkeypatch):
    receiver = NotifyReceiver("fail", "fail", "fail", "success")
    monkeypatch.setattr(fake_alipay.requests, "post", receiver.post)
    assert not fake_alipay.deliver_notify(paid_trade(order, notify_url="http://app.test/notify"))
    assert len(receiver.received) == len(fake_alipay.NOTIFY_RETRY_DELAYS)


# --- alipay.trade.refund ------------------------------------------------------------------


@pytest.fixture
def paid(gateway, api, order):
    open_cashier(api, order)
    return fake_alipay.pay_trade(order.order_no)


def refund(order, amount="9.90", out_request_no="r1"):
    return alipay.trade_refund(order_no=order.order_no, amount=Decimal(amount),
                               out_request_no=out_request_no)


def test_a_full_refund_is_confirmed_and_closes_the_trade(paid, order):
    response = refund(order)
    assert (response["code"], response["fund_change"], response["refund_fee"]) == ("10000", "Y", "9.90")
    assert response["trade_no"] == paid["trade_no"]
    assert alipay.trade_query(order.order_no).status == "TRADE_CLOSED"


def test_the_same_refund_request_refunds_once(paid, order):
    refund(order)
    again = refund(order)
    assert (again["fund_change"], again["refund_fee"]) == ("N", "9.90")
    assert fake_alipay.refunded_amount(fake_alipay.get_trade(order.order_no)) == Decimal("9.90")


def test_more_than_was_paid_is_not_refunded(paid, order):
    refund(order, amount="5.00", out_request_no="r1")
    with pytest.raises(alipay.GatewayError, match="ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"):
        refund(order, amount="5.00", out_request_no="r2")


def test_an_unpaid_trade_is_not_refunded(gateway, api, order):
    open_cashier(api, order)
    with pytest.raises(alipay.GatewayError, match="ACQ.TRADE_STATUS_ERROR"):
        refund(order)


def test_an_unknown_trade_is_not_refunded(gateway, order):
    with pytest.raises(alipay.GatewayError, match="ACQ.TRADE_NOT_EXIST"):
        refund(order)


def test_a_refund_request_not_signed_by_the_app_is_refused(gateway, api):
    params = {"method": "alipay.trade.refund", "app_id": "2021000000000042", "sign_type": "RSA2",
              "sign": "forged", "biz_content": json.dumps({"out_trade_no": "x", "refund_amount": "1"})}
    body = api.get("/fake-alipay/gateway.do", params).json()
    assert body["error_response"]["sub_code"] == "isv.invalid-signature"
