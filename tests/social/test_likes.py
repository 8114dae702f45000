"""Likes (docs/api.md §12): PUT/DELETE /v1/topics/<id>/like, idempotent, counted on the detail."""
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from social.models import Like
from tests.hardening.conftest import REQUEST_TIMEOUT, LiveServer, manage_ok, server_env
from tests.topic.factories import make_topic
from topic.models import Topic


def like_url(topic):
    return f"/v1/topics/{topic.id}/like"


def detail(client, topic):
    return client.get(f"/v1/topics/{topic.author.username}", {"t_id": topic.id}).json()["data"]


def test_liking_answers_the_new_state_and_count(alice, bob, login_as):
    topic = make_topic(alice)
    response = login_as(bob).put(like_url(topic))
    assert response.status_code == 200
    assert response.json()["data"] == {"topic_id": topic.id, "liked": True, "likes": 1}


def test_liking_twice_keeps_one_like(alice, bob, login_as):
    topic = make_topic(alice)
    client = login_as(bob)
    client.put(like_url(topic))
    response = client.put(like_url(topic))
    assert response.status_code == 200 and response.json()["data"]["likes"] == 1
    assert Like.objects.filter(topic=topic).count() == 1


def test_unliking_twice_is_still_200(alice, bob, login_as):
    topic = make_topic(alice)
    client = login_as(bob)
    client.put(like_url(topic))
    assert client.delete(like_url(topic)).json()["data"] == {"topic_id": topic.id, "liked": False,
                                                              "likes": 0}
    second = client.delete(like_url(topic))
    assert second.status_code == 200 and second.json()["data"]["likes"] == 0


def test_liking_needs_a_login(api, alice):
    assert api.put(like_url(make_topic(alice))).status_code == 401


def test_liking_a_private_article_of_someone_else_is_404(alice, bob, login_as):
    topic = make_topic(alice, limit=Topic.PRIVATE)
    response = login_as(bob).put(like_url(topic))
    assert response.status_code == 404 and response.json()["code"] == 10302


def test_junk_topic_id_is_400(as_alice):
    assert as_alice.put("/v1/topics/abc/like").status_code == 400


def test_detail_shows_likes_and_whether_the_viewer_liked(alice, bob, api, login_as):
    topic = make_topic(alice)
    login_as(bob).put(like_url(topic))
    assert detail(login_as(bob), topic)["liked"] is True
    as_alice = detail(login_as(alice), topic)
    assert as_alice["likes"] == 1 and as_alice["liked"] is False
    visitor = detail(api, topic)
    assert visitor["likes"] == 1 and visitor["liked"] is False and visitor["favorited"] is False


def test_the_cached_like_count_follows_an_unlike(alice, bob, api, login_as):
    topic = make_topic(alice)
    login_as(bob).put(like_url(topic))
    assert detail(api, topic)["likes"] == 1  # now cached
    login_as(bob).delete(like_url(topic))
    assert detail(api, topic)["likes"] == 0


SEED = """
from topic.models import Topic
from tools.auth import make_token
from user.models import UserProfile

alice = UserProfile.objects.create_user(username="alice", password="secret123", phone="13800000001")
bob = UserProfile.objects.create_user(username="bob", password="secret123", phone="13800000002")
topic = Topic.objects.create(author=alice, title="t", category="tec", limit="public",
                             introduce="t", content="<p>t</p>")
print(topic.id, make_token(bob))
"""


def test_ten_concurrent_likes_make_one_row(tmp_path):
    """Ten requests at once on a real server (ten threads, its own SQLite file): the unique
    constraint, not a read-then-write, keeps it one like."""
    env = server_env(tmp_path)
    manage_ok(env, "migrate", "--noinput")
    topic_id, token = manage_ok(env, "shell", "-c", SEED).splitlines()[-1].split()
    server = LiveServer(env, tmp_path / "server.log", workers=1, threads=10)
    try:
        barrier = threading.Barrier(10)

        def like(_):
            barrier.wait(timeout=REQUEST_TIMEOUT)
            return requests.put(f"{server.url}/v1/topics/{topic_id}/like",
                                headers={"Authorization": token}, timeout=REQUEST_TIMEOUT)

        with ThreadPoolExecutor(10) as pool:
            responses = list(pool.map(like, range(10)))
        assert [response.status_code for response in responses] == [200] * 10
        count = manage_ok(env, "shell", "-c",
                          f"from social.models import Like; print(Like.objects.filter(topic_id={topic_id}).count())")
        assert count.splitlines()[-1] == "1"
    finally:
        server.stop()
