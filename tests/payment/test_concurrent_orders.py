"""One pending order per buyer and article, also under concurrent requests (docs/api.md §14).

The test database (in-memory SQLite) fails a second concurrent writer at once instead
of letting it wait, so the race runs in a child process on a SQLite file, whose writers
wait for each other as on a deployment.
"""
import json
import threading

from tests.hardening.conftest import manage_ok, server_env

CLICKS = 8


def test_concurrent_orders_for_one_article_make_one_pending_order(tmp_path, alipay_keys_dir):
    env = server_env(tmp_path, ALIPAY_APP_PRIVATE_KEY_FILE=str(alipay_keys_dir / "app_private.pem"),
                     ALIPAY_PUBLIC_KEY_FILE=str(alipay_keys_dir / "alipay_public.pem"))
    manage_ok(env, "migrate", "--noinput")
    out = manage_ok(env, "shell", "-c",
                    "from tests.payment.test_concurrent_orders import race; race()")
    result = json.loads(out.strip().splitlines()[-1])
    (order_no, status), = result["orders"]
    assert status == "pending"
    assert sorted(code for code, _ in result["answers"]) == [200] * (CLICKS - 1) + [201]
    assert {number for _, number in result["answers"]} == {order_no}


def race():
    """In the child process: a buyer's CLICKS requests at once (two tabs, a double click).

    Every request looks for a pending order and finds none before any of them writes
    (the barrier), so only the database's unique pending_key can keep it to one order.
    """
    from django.db import connections
    from django.test import Client

    from payment import selectors
    from payment.models import Order
    from tools.auth import make_token

    buyer, article = _buyer_and_article()
    token = make_token(buyer)
    everyone_looked = threading.Barrier(CLICKS)
    looked = threading.local()
    look_for_pending = selectors.pending_order

    def look_then_wait(**kwargs):
        found = look_for_pending(**kwargs)
        if not getattr(looked, "once", False):
            looked.once = True
            everyone_looked.wait(timeout=30)
        return found

    selectors.pending_order = look_then_wait
    answers = []

    def click():
        try:
            response = Client().post("/v1/orders", json.dumps({"topic_id": article.id}),
                                     content_type="application/json", HTTP_AUTHORIZATION=token)
            answers.append((response.status_code, response.json().get("data", {}).get("order_no")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    orders = list(Order.objects.filter(buyer=buyer, topic=article).values_list("order_no", "status"))
    print(json.dumps({"answers": answers, "orders": orders}))


def _buyer_and_article():
    from decimal import Decimal

    from topic.models import Topic
    from user.models import UserProfile

    def user(name, phone):
        return UserProfile.objects.create_user(username=name, password="secret123", phone=phone,
                                               email=f"{name}@example.com", nickname=name)

    author, buyer = user("author", "13800000001"), user("buyer", "13800000002")
    article = Topic.objects.create(author=author, title="付费文章", category=Topic.TEC,
                                   limit=Topic.PUBLIC, introduce="", content="<p>x</p>",
                                   price=Decimal("9.90"))
    return buyer, article
