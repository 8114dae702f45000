"""docs/api.md §13, operators: Django's admin at /admin/, staff only, over users, articles,
comments, orders and payment events; hiding an article and deleting a comment go
through the apps' services, so cached lists and threads follow at once."""
from decimal import Decimal

import pytest

from message.models import Message
from payment.models import Order, PaymentEvent
from tests.admin.conftest import AdminClient
from tests.topic.factories import make_topic
from tools.auth import make_token
from topic.models import Topic

CHANGELISTS = ["/admin/user/userprofile/", "/admin/topic/topic/", "/admin/message/message/",
               "/admin/payment/order/", "/admin/payment/paymentevent/"]


@pytest.fixture
def article(alice):
    return make_topic(alice, "番茄炒蛋的做法")


@pytest.fixture
def order(article, bob):
    order = Order.objects.create(order_no="20261127000000000001", buyer=bob, topic=article,
                                 topic_title=article.title, author_username="alice",
                                 amount=Decimal("9.90"), status=Order.PAID, paid_topic=article)
    PaymentEvent.objects.create(order=order, order_no=order.order_no, kind=PaymentEvent.NOTIFY,
                                accepted=True, reason="paid", amount=Decimal("9.90"))
    return order


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", *CHANGELISTS])
def test_a_visitor_is_sent_to_the_admin_login(path):
    response = AdminClient().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/login/?next={path}")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", *CHANGELISTS])
def test_a_logged_in_reader_who_is_not_staff_is_refused(alice, path):
    client = AdminClient()
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_the_admin_login_form_refuses_a_reader_who_is_not_staff(alice):
    response = AdminClient().post("/admin/login/", {"username": "alice", "password": "secret123"})
    assert response.status_code == 200  # the form again, with its error
    assert "staff" in response.content.decode() or "职员" in response.content.decode()
    assert AdminClient().get("/admin/").status_code == 302


@pytest.mark.django_db
def test_an_api_token_of_a_staff_user_does_not_open_the_admin(staff):
    response = AdminClient().get("/admin/", HTTP_AUTHORIZATION=make_token(staff))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_staff_logs_in_with_the_admin_form(staff):
    client = AdminClient()
    response = client.post("/admin/login/?next=/admin/", {"username": "operator", "password": "secret123"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_sees_every_list(as_staff, alice, article, order):
    Message.objects.create(topic=article, publisher=alice, content="先炒蛋还是先炒番茄？")
    expected = {"/admin/user/userprofile/": "alice", "/admin/topic/topic/": "番茄炒蛋的做法",
                "/admin/message/message/": "先炒蛋还是先炒番茄？",
                "/admin/payment/order/": order.order_no, "/admin/payment/paymentevent/": order.order_no}
    for path, text in expected.items():
        response = as_staff.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path


@pytest.mark.django_db
def test_staff_searches_and_filters_articles(as_staff, alice, bob):
    make_topic(alice, "Redis 缓存失效")
    make_topic(bob, "周末去香山", limit=Topic.PRIVATE)
    found = as_staff.get("/admin/topic/topic/", {"q": "缓存"}).content.decode()
    assert "Redis 缓存失效" in found and "周末去香山" not in found
    private = as_staff.get("/admin/topic/topic/", {"limit__exact": "private"}).content.decode()
    assert "周末去香山" in private and "Redis 缓存失效" not in private


@pytest.mark.django_db
def test_staff_searches_users_by_phone(as_staff, make_user):
    make_user("findme", phone="13700001111")
    page = as_staff.get("/admin/user/userprofile/", {"q": "13700001111"}).content.decode()
    assert "findme" in page and "alice" not in page


@pytest.mark.django_db
def test_payment_events_and_orders_are_read_only(as_staff, order):
    event = PaymentEvent.objects.get()
    assert as_staff.get("/admin/payment/paymentevent/add/").status_code == 403
    assert as_staff.get("/admin/payment/order/add/").status_code == 403
    response = as_staff.post(f"/admin/payment/paymentevent/{event.pk}/change/",
                             {"kind": "refund", "accepted": "on", "reason": "changed"})
    assert response.status_code == 403
    assert as_staff.post(f"/admin/payment/order/{order.pk}/delete/", {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.reason == "paid" and Order.objects.filter(pk=order.pk).exists()


@pytest.mark.django_db
def test_hiding_an_article_removes_it_from_the_cached_visitor_list(as_staff, api, article):
    assert [t["id"] for t in api.get("/v1/topics/alice").json()["data"]["topics"]] == [article.id]
    response = as_staff.post("/admin/topic/topic/", {"action": "hide_articles",
                                                     "_selected_action": [article.id]})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.limit == Topic.PRIVATE
    assert api.get("/v1/topics/alice").json()["data"]["topics"] == []
    assert api.get("/v1/topics").json()["data"]["topics"] == []
    assert api.get("/v1/topics/alice", {"t_id": article.id}).status_code == 404


@pytest.mark.django_db
def test_hiding_an_article_announces_the_change(as_staff, article):
    from tools.events import topic_changed

    heard = []
    topic_changed.connect(lambda **payload: heard.append(payload), weak=False, dispatch_uid="admin-test")
    try:
        as_staff.post("/admin/topic/topic/", {"action": "hide_articles", "_selected_action": [article.id]})
    finally:
        topic_changed.disconnect(dispatch_uid="admin-test")
    assert [(p["topic_id"], p["action"]) for p in heard] == [(article.id, "updated")]


@pytest.mark.django_db
def test_deleting_a_comment_in_the_admin_updates_the_cached_thread(as_staff, api, alice, bob, article):
    comment = Message.objects.create(topic=article, publisher=bob, content="广告：加微信")
    Message.objects.create(topic=article, publisher=alice, content="请不要发广告", parent=comment)
    assert api.get("/v1/topics/alice", {"t_id": article.id}).json()["data"]["messages_count"] == 1
    response = as_staff.post(f"/admin/message/message/{comment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Message.objects.filter(topic=article).exists()
    assert api.get("/v1/topics/alice", {"t_id": article.id}).json()["data"]["messages"] == []


@pytest.mark.django_db
def test_deleting_comments_with_their_replies_in_bulk(as_staff, alice, bob, article):
    comment = Message.objects.create(topic=article, publisher=bob, content="一")
    reply = Message.objects.create(topic=article, publisher=alice, content="二", parent=comment)
    other = Message.objects.create(topic=article, publisher=bob, content="三")
    response = as_staff.post("/admin/message/message/", {
        "action": "delete_selected", "_selected_action": [comment.pk, reply.pk, other.pk], "post": "yes"})
    assert response.status_code == 302
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_editing_an_article_in_the_admin_goes_through_the_service(as_staff, api, article):
    api.get("/v1/topics/alice")  # cached
    response = as_staff.post(f"/admin/topic/topic/{article.pk}/change/",
                             {"title": "番茄炒蛋（修订）", "category": "no-tec", "limit": "public"})
    assert response.status_code == 302
    assert api.get("/v1/topics/alice").json()["data"]["topics"][0]["title"] == "番茄炒蛋（修订）"


@pytest.mark.django_db
def test_the_admin_login_form_is_protected_against_csrf(staff):
    client = AdminClient(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "operator", "password": "secret123"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_json_api_needs_no_csrf_token(alice):
    client = AdminClient(enforce_csrf_checks=True)
    response = client.post("/v1/tokens", {"username": "alice", "password": "secret123"},
                           content_type="application/json")
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_admin_pages_have_their_styles(as_staff):
    page = as_staff.get("/admin/").content.decode()
    assert "/static/admin/css/base.css" in page
    css = AdminClient().get("/static/admin/css/base.css")
    assert css.status_code == 200 and b"body" in b"".join(css.streaming_content)


@pytest.mark.django_db
def test_a_password_set_by_an_operator_revokes_the_accounts_tokens(as_staff, alice, login_as):
    old = login_as(alice)
    assert old.get("/v1/users/alice").json()["data"].get("phone")  # the owner's view
    response = as_staff.post(f"/admin/user/userprofile/{alice.pk}/password/",
                             {"password1": "set-by-operator-1", "password2": "set-by-operator-1"})
    assert response.status_code == 302
    assert old.get("/v1/users/alice").status_code == 401
    alice.refresh_from_db()
    assert alice.check_password("set-by-operator-1")


@pytest.mark.django_db
def test_an_account_switched_off_by_an_operator_cannot_use_its_tokens(as_staff, alice, login_as):
    old = login_as(alice)
    page = as_staff.get(f"/admin/user/userprofile/{alice.pk}/change/")
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and name not in ("is_active", "groups", "user_permissions",
                                                   "last_login", "date_joined", "avatar")}
    response = as_staff.post(f"/admin/user/userprofile/{alice.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    alice.refresh_from_db()
    assert alice.is_active is False
    assert old.get("/v1/users/alice").status_code == 401
