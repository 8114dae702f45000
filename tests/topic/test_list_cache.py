"""The article-list cache (docs/api.md §6). Writes invalidate after their transaction commits, so
these tests commit for real (transaction=True) instead of running inside a rolled-back one."""
import pytest

from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = {"title": "Fresh", "content": "<p>x</p>", "limit": "public", "category": "tec"}


def titles(client, path="/v1/topics/alice", **query):
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["data"]["topics"]]


def test_list_is_served_from_the_cache(api, alice):
    make_topic(alice, "cached")
    assert titles(api) == ["cached"]
    Topic.objects.update(title="changed behind the api's back")
    assert titles(api) == ["cached"]


def test_cache_hit_does_not_touch_the_database(api, alice, django_assert_num_queries):
    make_topic(alice, "cached")
    first = api.get("/v1/topics/alice")
    with django_assert_num_queries(0):
        second = api.get("/v1/topics/alice")
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == "application/json"


@pytest.mark.parametrize("path,query", [
    ("/v1/topics/alice", {}),
    ("/v1/topics/alice", {"category": "tec"}),
    ("/v1/topics/alice", {"page": 1, "per_page": 5}),
    ("/v1/topics", {}),
    ("/v1/topics", {"category": "tec", "page": 1}),
])
def test_new_article_shows_in_a_cached_visitor_list_at_once(api, as_alice, alice, path, query):
    make_topic(alice, "old")
    assert titles(api, path, **query) == ["old"]
    assert as_alice.post("/v1/topics/alice", ARTICLE).status_code == 201
    assert titles(api, path, **query) == ["Fresh", "old"]


def test_edited_title_shows_in_a_cached_list_at_once(api, as_alice, alice):
    topic = make_topic(alice, "old title")
    assert titles(api) == ["old title"]
    as_alice.put(f"/v1/topics/alice?t_id={topic.id}", {"title": "new title"})
    assert titles(api) == ["new title"]


def test_moving_an_article_to_another_category_updates_both_cached_lists(api, as_alice, alice):
    topic = make_topic(alice, "moving", category=Topic.TEC)
    assert titles(api, category="tec") == ["moving"] and titles(api, category="no-tec") == []
    as_alice.put(f"/v1/topics/alice?t_id={topic.id}", {"category": "no-tec"})
    assert titles(api, category="tec") == [] and titles(api, category="no-tec") == ["moving"]


def test_article_made_private_leaves_the_cached_visitor_list_at_once(api, as_alice, alice):
    topic = make_topic(alice, "going private")
    assert titles(api) == ["going private"] and titles(api, "/v1/topics") == ["going private"]
    as_alice.put(f"/v1/topics/alice?t_id={topic.id}", {"limit": "private"})
    assert titles(api) == [] and titles(api, "/v1/topics") == []


def test_deleted_article_leaves_every_cached_page_at_once(api, as_alice, alice):
    for number in range(3):
        make_topic(alice, f"t{number}")
    assert titles(api, page=2, per_page=2) == ["t0"]
    assert titles(api, per_page=2) == ["t2", "t1"]
    newest = Topic.objects.get(title="t2")
    assert as_alice.delete(f"/v1/topics/alice?t_id={newest.id}").status_code == 204
    assert titles(api, per_page=2) == ["t1", "t0"]
    assert titles(api, page=2, per_page=2) == []
    assert api.get("/v1/topics/alice", {"page": 2, "per_page": 2}).json()["data"]["total"] == 2


def test_nickname_change_shows_in_a_cached_list_at_once(api, as_alice, alice):
    assert api.get("/v1/topics/alice").json()["data"]["nickname"] == "alice"
    assert as_alice.put("/v1/users/alice", {"nickname": "新昵称"}).status_code == 200
    assert api.get("/v1/topics/alice").json()["data"]["nickname"] == "新昵称"


def test_nickname_is_returned_verbatim(api, as_alice):
    nickname = '<img src=x onerror="alert(1)">'
    as_alice.put("/v1/users/alice", {"nickname": nickname})
    assert api.get("/v1/topics/alice").json()["data"]["nickname"] == nickname


def test_owners_cached_list_never_reaches_a_visitor(api, as_alice, alice):
    make_topic(alice, "public")
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert titles(as_alice) == ["secret", "public"]
    assert titles(api) == ["public"]


def test_owners_cached_list_never_reaches_other_users(as_alice, alice, make_user, login_as):
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert titles(as_alice) == ["secret"]
    assert titles(login_as(make_user("bob"))) == []


def test_owner_sees_own_private_article_after_a_visitor_cached_the_list(api, as_alice, alice):
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert titles(api) == []
    assert titles(as_alice) == ["secret"]


def test_private_article_published_after_caching_stays_hidden_from_visitors(api, as_alice, alice):
    assert titles(api) == []
    as_alice.post("/v1/topics/alice", {**ARTICLE, "limit": "private"})
    assert titles(api) == [] and titles(as_alice) == ["Fresh"]


def test_another_authors_write_keeps_this_authors_list_correct(api, alice, make_user, login_as):
    make_user("bob")
    make_topic(alice, "alice's")
    assert titles(api) == ["alice's"]
    login_as(make_user("carol")).post("/v1/topics/carol", ARTICLE)
    assert titles(api) == ["alice's"]


def test_errors_are_not_cached(api, make_user):
    assert api.get("/v1/topics/latecomer").status_code == 404
    make_user("latecomer")
    assert api.get("/v1/topics/latecomer").status_code == 200


def test_list_answers_from_the_database_when_redis_is_down(api, alice, redis_down):
    make_topic(alice, "from the database")
    assert titles(api) == ["from the database"]
    assert titles(api, "/v1/topics") == ["from the database"]
    make_topic(alice, "newer")
    assert titles(api) == ["newer", "from the database"]
