"""Favourites (docs/api.md §12): PUT/DELETE /v1/users/<me>/favorites/<topic_id>, GET the list."""
from social.models import Favorite
from tests.topic.factories import make_topic
from topic.models import Topic


def fav_url(username, topic):
    return f"/v1/users/{username}/favorites/{topic.id}"


def test_keeping_an_article_answers_the_new_state(alice, bob, login_as):
    topic = make_topic(alice)
    response = login_as(bob).put(fav_url("bob", topic))
    assert response.status_code == 200
    assert response.json()["data"] == {"topic_id": topic.id, "favorited": True}


def test_keeping_twice_keeps_one_row_and_removing_twice_is_200(alice, bob, login_as):
    topic = make_topic(alice)
    client = login_as(bob)
    assert [client.put(fav_url("bob", topic)).status_code for _ in range(2)] == [200, 200]
    assert Favorite.objects.filter(user=bob, topic=topic).count() == 1
    assert [client.delete(fav_url("bob", topic)).status_code for _ in range(2)] == [200, 200]
    assert not Favorite.objects.filter(user=bob, topic=topic).exists()


def test_someone_elses_favourites_are_403(alice, bob, login_as):
    topic = make_topic(alice)
    response = login_as(bob).put(fav_url("alice", topic))
    assert response.status_code == 403 and response.json()["code"] == 10723
    assert login_as(bob).get("/v1/users/alice/favorites").status_code == 403


def test_favourites_need_a_login(api, alice):
    assert api.get("/v1/users/alice/favorites").status_code == 401


def test_detail_shows_favorited_to_the_viewer_only(alice, bob, api, login_as):
    topic = make_topic(alice)
    login_as(bob).put(fav_url("bob", topic))
    url = "/v1/topics/alice"
    assert login_as(bob).get(url, {"t_id": topic.id}).json()["data"]["favorited"] is True
    assert login_as(alice).get(url, {"t_id": topic.id}).json()["data"]["favorited"] is False


def test_favourites_list_newest_first_with_the_author(alice, bob, login_as):
    first, second = make_topic(alice, "first"), make_topic(alice, "second")
    client = login_as(bob)
    client.put(fav_url("bob", second))
    client.put(fav_url("bob", first))
    data = client.get("/v1/users/bob/favorites").json()["data"]
    assert [item["title"] for item in data["topics"]] == ["first", "second"]
    assert data["total"] == 2 and (data["page"], data["per_page"]) == (1, 20)
    item = data["topics"][0]
    assert item["author"] == "alice" and item["nickname"] == "alice" and "favorited_time" in item


def test_favourites_hide_articles_that_became_private_or_drafts(alice, bob, login_as):
    kept, hidden, draft = (make_topic(alice, title) for title in ("kept", "hidden", "draft"))
    client = login_as(bob)
    for topic in (kept, hidden, draft):
        client.put(fav_url("bob", topic))
    Topic.objects.filter(pk=hidden.pk).update(limit=Topic.PRIVATE)
    Topic.objects.filter(pk=draft.pk).update(status=Topic.DRAFT)
    data = client.get("/v1/users/bob/favorites").json()["data"]
    assert [item["title"] for item in data["topics"]] == ["kept"] and data["total"] == 1


def test_keeping_an_article_you_cannot_see_is_404(alice, bob, login_as):
    topic = make_topic(alice, limit=Topic.PRIVATE)
    assert login_as(bob).put(fav_url("bob", topic)).status_code == 404


def test_bad_paging_of_favourites_is_400(bob, login_as):
    response = login_as(bob).get("/v1/users/bob/favorites", {"per_page": 0})
    assert response.status_code == 400 and response.json()["code"] == 10721
