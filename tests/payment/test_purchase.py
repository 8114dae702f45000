"""The whole purchase through the fake Alipay, as a buyer clicks through it."""
from urllib.parse import parse_qs, urlsplit

from tests.payment.conftest import SECRET_TEXT, path_of, press_pay


def article_detail(client, article):
    return client.get(f"/v1/topics/{article.author.username}", {"t_id": article.id}).json()["data"]


def test_a_full_purchase_unlocks_the_article(gateway, login_as, buyer, article, api):
    client = login_as(buyer)
    before = article_detail(client, article)
    assert before["paid"] is False and "content" not in before

    order = client.post("/v1/orders", {"topic_id": article.id}).json()["data"]
    cashier = api.get(path_of(order["pay_url"]))
    assert cashier.status_code == 200
    assert "确认付款" in cashier.content.decode()

    paid = press_pay(api, order["order_no"])
    assert paid.status_code == 302
    # The notify reached the API before the browser came back.
    assert client.get(f"/v1/orders/{order['order_no']}").json()["data"]["status"] == "paid"

    back = api.get(path_of(paid["Location"]))
    assert back.status_code == 302
    landing = urlsplit(back["Location"])
    assert f"{landing.scheme}://{landing.netloc}{landing.path}" == \
        f"http://spa.test/author/topics/detail/{article.id}"
    assert parse_qs(landing.query) == {"pay": ["success"], "order_no": [order["order_no"]]}

    after = article_detail(client, article)
    assert after["paid"] is True
    assert SECRET_TEXT in after["content"]
