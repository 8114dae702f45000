import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from payment import services
from payment.models import Order
from tests.payment.conftest import PRICE, age, events, notify, post_notify
from topic.models import Topic


def test_creating_an_order_returns_201_with_a_pending_order_at_the_article_price(login_as, buyer, article, settings):
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["status"] == "pending"
    assert data["amount"] == "9.90"
    assert data["pay_url"].startswith(settings.ALIPAY_GATEWAY + "?")
    order = Order.objects.get(order_no=data["order_no"])
    assert (order.buyer, order.topic, order.amount) == (buyer, article, PRICE)


def test_the_amount_comes_from_the_article_never_from_the_client(login_as, buyer, article):
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id, "amount": "0.01",
                                                   "order_no": "mine"})
    data = response.json()["data"]
    assert data["amount"] == "9.90"
    assert data["order_no"] != "mine"


def test_order_numbers_are_unguessable(login_as, make_user, article):
    numbers = {login_as(make_user()).post("/v1/orders", {"topic_id": article.id}).json()["data"]["order_no"]
               for _ in range(3)}
    assert len(numbers) == 3
    assert all(re.fullmatch(r"\d{14}[0-9a-f]{32}", number) for number in numbers)


def test_a_pending_order_for_the_same_article_is_returned_with_200(login_as, buyer, article):
    client = login_as(buyer)
    first = client.post("/v1/orders", {"topic_id": article.id})
    again = client.post("/v1/orders", {"topic_id": article.id})
    assert again.status_code == 200
    assert again.json()["data"]["order_no"] == first.json()["data"]["order_no"]
    assert Order.objects.count() == 1


def test_a_price_change_makes_a_new_order_at_the_new_price(login_as, buyer, article, order):
    Topic.objects.filter(pk=article.pk).update(price=Decimal("12.00"))
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 201
    assert response.json()["data"]["amount"] == "12.00"


def test_buying_your_own_article_is_409(login_as, author, article):
    response = login_as(author).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 409
    assert response.json()["code"] == 10503


def test_buying_a_free_article_is_409(login_as, buyer, author):
    free = Topic.objects.create(author=author, title="免费", category="tec", limit="public",
                                introduce="", content="<p>x</p>", price=0)
    response = login_as(buyer).post("/v1/orders", {"topic_id": free.id})
    assert response.status_code == 409
    assert response.json()["code"] == 10504


def test_buying_an_article_already_paid_for_is_409(api, login_as, buyer, article, order):
    assert post_notify(api, notify(order)).content == b"success"
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 409
    assert response.json()["code"] == 10505


def test_buying_a_private_article_of_someone_else_is_404(login_as, buyer, article):
    Topic.objects.filter(pk=article.pk).update(limit=Topic.PRIVATE)
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 404
    assert Order.objects.count() == 0


def test_buying_a_missing_article_is_404(login_as, buyer):
    assert login_as(buyer).post("/v1/orders", {"topic_id": 999999}).status_code == 404


def test_a_bad_topic_id_is_400(login_as, buyer):
    client = login_as(buyer)
    for body in ({}, {"topic_id": "abc"}, {"topic_id": 0}, {"topic_id": True},
                 {"topic_id": 1.5}, {"topic_id": 2**70}):
        response = client.post("/v1/orders", body)
        assert response.status_code == 400, body
        assert response.json()["code"] == 10501


def test_ordering_needs_a_login(api, article):
    assert api.post("/v1/orders", {"topic_id": article.id}).status_code == 401


def test_the_order_list_shows_the_buyers_orders_newest_first(login_as, buyer, make_user, author, article):
    other = Topic.objects.create(author=author, title="第二篇", category="tec", limit="public",
                                 introduce="", content="<p>y</p>", price=Decimal("1.50"))
    older, _ = services.create_order(buyer=buyer, topic=article)
    newer, _ = services.create_order(buyer=buyer, topic=other)
    services.create_order(buyer=make_user(), topic=article)
    data = login_as(buyer).get("/v1/orders").json()["data"]
    assert [item["order_no"] for item in data["orders"]] == [newer.order_no, older.order_no]
    assert data["total"] == 2
    assert data["orders"][0] == {
        "order_no": newer.order_no, "topic_id": other.id, "topic_title": "第二篇",
        "author": "author", "amount": "1.50", "status": "pending",
        "created_time": data["orders"][0]["created_time"], "paid_time": None,
        "pay_url": data["orders"][0]["pay_url"],
    }


def test_the_order_list_rejects_bad_paging(login_as, buyer):
    assert login_as(buyer).get("/v1/orders", {"per_page": 0}).status_code == 400


def test_an_order_of_someone_else_is_404(login_as, make_user, order):
    response = login_as(make_user()).get(f"/v1/orders/{order.order_no}")
    assert response.status_code == 404
    assert response.json()["code"] == 10502


def test_orders_need_a_login(api, order):
    assert api.get("/v1/orders").status_code == 401
    assert api.get(f"/v1/orders/{order.order_no}").status_code == 401


def test_an_order_survives_the_deletion_of_its_article(api, login_as, buyer, author, article, order):
    post_notify(api, notify(order))
    login_as(author).delete(f"/v1/topics/author?t_id={article.id}")
    data = login_as(buyer).get(f"/v1/orders/{order.order_no}").json()["data"]
    assert (data["status"], data["topic_id"], data["topic_title"]) == ("paid", None, "付费文章")


def test_a_paid_order_has_no_pay_url(api, login_as, buyer, order):
    post_notify(api, notify(order))
    data = login_as(buyer).get(f"/v1/orders/{order.order_no}").json()["data"]
    assert data["status"] == "paid" and "pay_url" not in data


def test_a_price_change_closes_the_pending_order_and_makes_a_new_one(login_as, buyer, article, order):
    Topic.objects.filter(pk=article.pk).update(price=Decimal("12.00"))
    data = login_as(buyer).post("/v1/orders", {"topic_id": article.id}).json()["data"]
    order.refresh_from_db()
    assert order.status == "closed"
    assert events(order, "state")[-1] == ("state", True, "closed: price changed from 9.90 to 12.00")
    assert (data["order_no"], data["status"]) != (order.order_no, "pending")
    assert Order.objects.filter(buyer=buyer, status="pending").get().amount == Decimal("12.00")


def test_a_pending_order_with_less_than_half_its_time_left_is_replaced(login_as, buyer, article, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS // 2 + 1)
    response = login_as(buyer).post("/v1/orders", {"topic_id": article.id})
    assert response.status_code == 201
    order.refresh_from_db()
    assert order.status == "closed"


def test_the_database_keeps_one_pending_order_per_buyer_and_article(buyer, article, order):
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(order_no="x" * 46, buyer=buyer, topic=article, topic_title="t",
                             author_username="author", amount=PRICE,
                             pending_key=Order.pending_key_for(buyer, article))
