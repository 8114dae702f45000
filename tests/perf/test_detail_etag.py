"""Conditional article details (issue 15): an ETag from the versions the detail is
built from, 304 on If-None-Match without building the body, private for logged-in
viewers."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from payment.models import Order
from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)


def detail_url(topic):
    return f"/v1/topics/{topic.author.username}?t_id={topic.id}"


def test_detail_carries_an_etag_and_public_cache_control_for_a_visitor(api, alice):
    response = api.get(detail_url(make_topic(alice)))
    assert response.status_code == 200 and response["ETag"].startswith('"')
    assert response["Cache-Control"] == "public, no-cache" and "Authorization" in response["Vary"]


def test_a_logged_in_detail_is_private(alice, bob, login_as):
    response = login_as(bob).get(detail_url(make_topic(alice)))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"


def test_matching_if_none_match_is_304_without_building_the_body(api, alice):
    topic = make_topic(alice)
    etag = api.get(detail_url(topic))["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert len(queries) == 0  # a visitor's revalidation is answered from the cache alone


def test_the_same_detail_keeps_its_etag(api, alice):
    topic = make_topic(alice)
    assert api.get(detail_url(topic))["ETag"] == api.get(detail_url(topic))["ETag"]


def test_editing_the_article_changes_the_etag(api, alice, login_as):
    topic = make_topic(alice)
    etag = api.get(detail_url(topic))["ETag"]
    assert login_as(alice).put(detail_url(topic), {"title": "Edited"}).status_code == 200
    response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json()["data"]["title"] == "Edited"


def test_a_new_comment_changes_the_etag(api, alice, bob, login_as):
    topic = make_topic(alice)
    etag = api.get(detail_url(topic))["ETag"]
    assert login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "First!"}).status_code == 201
    response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json()["data"]["messages_count"] == 1


def test_a_commenters_new_nickname_changes_the_etag(api, alice, bob, login_as):
    topic = make_topic(alice)
    login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "First!"})
    etag = api.get(detail_url(topic))["ETag"]
    assert login_as(bob).put("/v1/users/bob", {"nickname": "Robert"}).status_code == 200
    response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["data"]["messages"][0]["publisher_nickname"] == "Robert"


def test_a_newer_article_changes_the_etag_of_the_older_one(api, alice, login_as):
    topic = make_topic(alice)
    etag = api.get(detail_url(topic))["ETag"]
    article = {"title": "Newer", "content": "<p>x</p>", "limit": "public", "category": "tec"}
    assert login_as(alice).post("/v1/topics/alice", article).status_code == 201
    response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response.json()["data"]["next_title"] == "Newer"


def test_owner_and_visitor_get_different_etags(api, alice, login_as):
    topic = make_topic(alice)
    visitor = api.get(detail_url(topic))["ETag"]
    owner = login_as(alice).get(detail_url(topic), HTTP_IF_NONE_MATCH=visitor)
    assert owner.status_code == 200 and owner["ETag"] != visitor


def test_a_buyer_and_a_non_buyer_get_different_etags(alice, bob, make_user, login_as):
    topic = make_topic(alice, limit=Topic.PUBLIC, price=5)
    topic.refresh_from_db()
    assert topic.is_paid_article
    carol = make_user("carol")
    Order.objects.create(order_no="p" * 46, buyer=bob, topic=topic, paid_topic=topic,
                         topic_title=topic.title, author_username="alice", amount=5,
                         status=Order.PAID)
    stranger = login_as(carol).get(detail_url(topic))
    buyer = login_as(bob).get(detail_url(topic), HTTP_IF_NONE_MATCH=stranger["ETag"])
    assert "content" not in stranger.json()["data"]
    assert buyer.status_code == 200 and "content" in buyer.json()["data"]
    assert buyer["ETag"] != stranger["ETag"]


def test_a_private_article_is_404_even_with_an_old_etag(api, alice, login_as):
    topic = make_topic(alice)
    etag = api.get(detail_url(topic))["ETag"]
    assert login_as(alice).put(detail_url(topic), {"limit": "private"}).status_code == 200
    response = api.get(detail_url(topic), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404 and "ETag" not in response
