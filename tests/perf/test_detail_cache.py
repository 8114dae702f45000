"""The cached article detail (issue 15): the part every viewer with the same access
sees alike is cached as encoded bytes; `views`, `liked` and `favorited` are added per
request and never reach another viewer; a visitor's hit reads no database at all."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from payment.models import Order
from tests.topic.factories import make_topic
from tools.cache import with_fields
from topic import hits
from topic.models import Topic
from topic.services import update_topic

pytestmark = pytest.mark.django_db(transaction=True)


def url(topic):
    return f"/v1/topics/{topic.author.username}?t_id={topic.id}"


def read(client, topic, **extra):
    response = client.get(url(topic), **extra)
    assert response.status_code == 200, response.content
    return response.json()["data"]


def without_own_fields(data):
    return {key: value for key, value in data.items() if key not in ("views", "liked", "favorited")}


def buy(buyer, topic):
    Order.objects.create(order_no=f"{buyer.pk:046d}", buyer=buyer, topic=topic, paid_topic=topic,
                         topic_title=topic.title, author_username=topic.author.username,
                         amount=topic.price, status=Order.PAID)


def test_a_visitors_cached_detail_reads_no_database(api, alice):
    topic = make_topic(alice)
    first = read(api, topic)
    with CaptureQueriesContext(connection) as queries:
        again = read(api, topic, REMOTE_ADDR="10.0.0.7")
    assert len(queries) == 0
    assert without_own_fields(again) == without_own_fields(first)
    assert (first["views"], again["views"]) == (1, 2)


def test_a_logged_in_readers_cached_detail_reads_only_who_they_are(alice, bob, login_as):
    topic = make_topic(alice)
    read(login_as(bob), topic)
    with CaptureQueriesContext(connection) as queries:
        read(login_as(bob), topic)
    # the reader, the article (what they may see), their like and favourite
    assert len(queries) == 4


def test_the_cached_body_is_the_uncached_one(api, alice, bob, login_as):
    topic = make_topic(alice, content="<p>全文</p>")
    login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "第一条评论"})
    cold = read(api, topic)
    warm = read(api, topic, REMOTE_ADDR="10.0.0.8")
    assert without_own_fields(cold) == without_own_fields(warm)
    assert warm["messages"][0]["content"] == "第一条评论" and warm["comments_total"] == 1
    assert (warm["liked"], warm["favorited"]) == (False, False)


def test_liked_and_favorited_never_reach_another_viewer(api, alice, bob, make_user, login_as):
    topic = make_topic(alice)
    bobs = login_as(bob)
    assert bobs.put(f"/v1/topics/{topic.id}/like").status_code in (200, 201, 204)
    assert bobs.put(f"/v1/users/bob/favorites/{topic.id}").status_code in (200, 201, 204)
    mine = read(bobs, topic)
    assert (mine["liked"], mine["favorited"], mine["likes"]) == (True, True, 1)
    carol = read(login_as(make_user("carol")), topic)
    visitor = read(api, topic)
    assert (carol["liked"], carol["favorited"], carol["likes"]) == (False, False, 1)
    assert (visitor["liked"], visitor["favorited"]) == (False, False)
    assert read(bobs, topic)["liked"] is True


def test_a_buyers_content_never_reaches_a_reader_who_has_not_paid(api, alice, bob, make_user, login_as):
    topic = make_topic(alice, price="3.00", content="<p>付费部分</p>")
    buy(bob, topic)
    assert read(login_as(bob), topic)["content"] == "<p>付费部分</p>"
    for client in (login_as(make_user("carol")), api):
        data = read(client, topic)
        assert data["paid"] is False and "content" not in data
        assert "付费部分" not in str(data)


def test_the_authors_view_never_reaches_a_visitor(api, alice, login_as):
    topic = make_topic(alice, content="<p>x</p>")
    make_topic(alice, "私密的新文章", limit=Topic.PRIVATE)
    own = read(login_as(alice), topic)
    assert "markdown" in own and own["next_title"] == "私密的新文章"
    visitor = read(api, topic)
    assert "markdown" not in visitor and visitor["next_title"] != "私密的新文章"


def test_a_private_article_is_404_for_visitors_after_its_author_read_it(api, alice, login_as):
    topic = make_topic(alice, limit=Topic.PRIVATE)
    read(login_as(alice), topic)
    assert api.get(url(topic)).status_code == 404


def test_an_article_made_private_leaves_the_visitors_cache(api, alice):
    topic = make_topic(alice)
    read(api, topic)
    update_topic(topic=topic, values={"limit": Topic.PRIVATE})
    assert api.get(url(topic)).status_code == 404


def test_an_article_of_another_author_is_404_under_this_authors_name(api, alice, bob):
    topic = make_topic(alice)
    read(api, topic)
    assert api.get(f"/v1/topics/bob?t_id={topic.id}").status_code == 404


def test_views_stay_right_across_a_flush(api, alice):
    topic = make_topic(alice)
    for n in range(3):
        read(api, topic, REMOTE_ADDR=f"10.0.1.{n}")
    assert hits.flush_views() == 1 and Topic.objects.get(pk=topic.pk).views == 3
    assert read(api, topic, REMOTE_ADDR="10.0.1.9")["views"] == 4


def test_views_are_read_again_when_the_counters_were_lost(api, alice):
    topic = make_topic(alice)
    for n in range(3):
        read(api, topic, REMOTE_ADDR=f"10.0.2.{n}")
    hits.flush_views()
    hits.store().clear()  # the limits cache restarted: counters and "seen" keys are gone
    assert read(api, topic, REMOTE_ADDR="10.0.2.9")["views"] == 4


def test_a_304_still_counts_the_view(api, alice):
    topic = make_topic(alice)
    etag = api.get(url(topic))["ETag"]
    response = api.get(url(topic), HTTP_IF_NONE_MATCH=etag, REMOTE_ADDR="10.0.3.1")
    assert response.status_code == 304
    assert read(api, topic, REMOTE_ADDR="10.0.3.2")["views"] == 3


def test_with_fields_appends_to_the_data_object():
    assert with_fields(b'{"code":200,"data":{"a":1}}', {"views": 2, "liked": False}) == \
        b'{"code":200,"data":{"a":1,"views":2,"liked":false}}'
    assert with_fields(b'{"code":200,"data":{"a":1}}', {}) == b'{"code":200,"data":{"a":1}}'
    with pytest.raises(ValueError):
        with_fields(b'{"code":200,"data":{}}', {"views": 1})
