"""GET /v1/payment/result: the buyer's browser back from the cashier."""
from urllib.parse import parse_qs, urlencode, urlsplit

from devtools import fake_alipay
from tests.payment.conftest import notify, open_cashier, paid_trade, post_notify


def come_back(api, params):
    """Follow Alipay's return; (the SPA page landed on, its query)."""
    response = api.get("/v1/payment/result?" + urlencode(params))
    assert response.status_code == 302
    landing = urlsplit(response["Location"])
    return f"{landing.scheme}://{landing.netloc}{landing.path}", parse_qs(landing.query)


def test_return_after_the_notify_lands_on_the_article_with_success(api, order, article):
    post_notify(api, notify(order))
    page, query = come_back(api, fake_alipay.return_params(paid_trade(order)))
    assert page == f"http://spa.test/author/topics/detail/{article.id}"
    assert query == {"pay": ["success"], "order_no": [order.order_no]}


def test_return_before_the_notify_asks_alipay_and_records_the_payment(gateway, api, order):
    open_cashier(api, order)
    trade = fake_alipay.pay_trade(order.order_no)  # paid, but the notify is still on its way
    _, query = come_back(api, fake_alipay.return_params(trade))
    assert query["pay"] == ["success"]
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.trade_no == trade["trade_no"]


def test_return_of_an_unpaid_trade_is_pending(gateway, api, order):
    open_cashier(api, order)
    _, query = come_back(api, fake_alipay.return_params(fake_alipay.get_trade(order.order_no)))
    assert query["pay"] == ["pending"]
    order.refresh_from_db()
    assert order.status == "pending"


def test_return_for_an_unknown_order_goes_to_my_orders_with_fail(api, order):
    params = fake_alipay.return_params(paid_trade(order, out_trade_no="x" * 46))
    assert come_back(api, params) == ("http://spa.test/orders", {"pay": ["fail"]})


def test_return_with_a_tampered_query_changes_nothing(gateway, api, order):
    open_cashier(api, order)
    trade = fake_alipay.pay_trade(order.order_no)
    params = {**fake_alipay.return_params(trade), "total_amount": "0.01"}
    assert come_back(api, params) == ("http://spa.test/orders", {"pay": ["fail"]})
    order.refresh_from_db()
    assert order.status == "pending"


def test_return_for_a_deleted_article_goes_to_my_orders(api, login_as, author, article, order):
    post_notify(api, notify(order))
    login_as(author).delete(f"/v1/topics/author?t_id={article.id}")
    page, query = come_back(api, fake_alipay.return_params(paid_trade(order)))
    assert (page, query["pay"]) == ("http://spa.test/orders", ["success"])
