"""Following (docs/api.md §12): PUT/DELETE /v1/users/<username>/follow, profile counts, timeline."""
from social.models import Follow
from tests.topic.factories import make_topic
from topic.models import Topic


def test_following_answers_the_new_state(alice, bob, login_as):
    response = login_as(bob).put("/v1/users/alice/follow")
    assert response.status_code == 200
    assert response.json()["data"] == {"username": "alice", "following": True, "followers": 1}


def test_following_twice_keeps_one_row(alice, bob, login_as):
    client = login_as(bob)
    client.put("/v1/users/alice/follow")
    assert client.put("/v1/users/alice/follow").json()["data"]["followers"] == 1
    assert Follow.objects.filter(follower=bob, followee=alice).count() == 1


def test_unfollowing_twice_is_200(alice, bob, login_as):
    client = login_as(bob)
    client.put("/v1/users/alice/follow")
    assert client.delete("/v1/users/alice/follow").json()["data"]["following"] is False
    assert client.delete("/v1/users/alice/follow").status_code == 200


def test_following_yourself_is_400(as_alice):
    response = as_alice.put("/v1/users/alice/follow")
    assert response.status_code == 400 and response.json()["code"] == 10722


def test_following_nobody_is_404(as_alice):
    assert as_alice.put("/v1/users/nobody/follow").status_code == 404


def test_following_needs_a_login(api, alice):
    assert api.put("/v1/users/alice/follow").status_code == 401


def test_profile_counts_followers_following_and_articles(api, make_user, login_as):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    make_topic(alice, "public")
    make_topic(alice, "private", limit=Topic.PRIVATE)
    login_as(bob).put("/v1/users/alice/follow")
    login_as(carol).put("/v1/users/alice/follow")
    login_as(alice).put("/v1/users/bob/follow")
    data = api.get("/v1/users/alice").json()["data"]
    assert (data["followers"], data["following"], data["topics_count"]) == (2, 1, 1)
    assert len(data["date_joined"]) == len("2026-01-01 00:00:00")
    assert login_as(alice).get("/v1/users/alice").json()["data"]["topics_count"] == 2


def test_profile_says_whether_the_viewer_follows(alice, bob, api, login_as):
    login_as(bob).put("/v1/users/alice/follow")
    assert login_as(bob).get("/v1/users/alice").json()["data"]["is_following"] is True
    assert api.get("/v1/users/alice").json()["data"]["is_following"] is False


def test_the_cached_follower_count_follows_an_unfollow(alice, bob, api, login_as):
    login_as(bob).put("/v1/users/alice/follow")
    assert api.get("/v1/users/alice").json()["data"]["followers"] == 1
    login_as(bob).delete("/v1/users/alice/follow")
    assert api.get("/v1/users/alice").json()["data"]["followers"] == 0


def test_timeline_lists_the_followed_authors_visible_articles_newest_first(make_user, login_as):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    make_topic(alice, "alice old")
    make_topic(carol, "carol not followed")
    make_topic(alice, "alice private", limit=Topic.PRIVATE)
    draft = make_topic(alice, "alice draft")
    Topic.objects.filter(pk=draft.pk).update(status=Topic.DRAFT)
    make_topic(alice, "alice new")
    client = login_as(bob)
    client.put("/v1/users/alice/follow")
    data = client.get("/v1/users/bob/timeline").json()["data"]
    assert [item["title"] for item in data["topics"]] == ["alice new", "alice old"]
    assert data["total"] == 2 and data["topics"][0]["nickname"] == "alice"


def test_someone_elses_timeline_is_403(alice, bob, login_as):
    assert login_as(bob).get("/v1/users/alice/timeline").status_code == 403
