"""The whole purchase through the fake Alipay, as a buyer clicks through it."""
from urllib.parse import parse_qs, urlsplit

from payment import fake_alipay
from tests.payment.conftest import SECRET_TEXT, paid_trade, path_of, press_pay


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
