"""The comment thread of an article detail is cached; every write that changes what
it shows must show at once."""
import io

import pytest
from django.test.client import MULTIPART_CONTENT
from PIL import Image

from tests.message.test_messages import comment, thread
from tests.topic.factories import make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(make_user):
    return make_topic(make_user("alice"))


@pytest.fixture
def bob(make_user):
    return make_user("bob", nickname="Bob")


def test_a_new_comment_shows_after_the_thread_was_cached(topic, bob, login_as):
    assert thread(topic) == []
    comment(login_as(bob), topic, "first!")
    assert [m["content"] for m in thread(topic)] == ["first!"]


def test_a_new_reply_shows_after_the_thread_was_cached(topic, bob, login_as):
    parent_id = comment(login_as(bob), topic, "question").json()["data"]["id"]
    thread(topic)
    comment(login_as(bob), topic, "answer", parent_id=parent_id)
    assert [r["content"] for r in thread(topic)[0]["reply"]] == ["answer"]


def test_a_deleted_comment_disappears_after_the_thread_was_cached(topic, bob, login_as):
    message_id = comment(login_as(bob), topic, "oops").json()["data"]["id"]
    assert len(thread(topic)) == 1
    login_as(bob).delete(f"/v1/messages/{topic.id}?m_id={message_id}")
    assert thread(topic) == []


def test_a_nickname_change_shows_in_cached_threads(topic, bob, login_as):
    comment(login_as(bob), topic)
    assert thread(topic)[0]["publisher_nickname"] == "Bob"
    login_as(bob).put("/v1/users/bob", {"nickname": "Robert"})
    assert thread(topic)[0]["publisher_nickname"] == "Robert"


def test_an_avatar_change_shows_in_cached_threads(topic, bob, login_as):
    comment(login_as(bob), topic)
    assert thread(topic)[0]["publisher_avatar"] == ""
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "PNG")
    image.seek(0)
    image.name = "me.png"
    avatar = login_as(bob).post("/v1/users/bob/avatar", {"avatar": image},
                                content_type=MULTIPART_CONTENT).json()["data"]["avatar_url"]
    assert thread(topic)[0]["publisher_avatar"] == avatar != ""


def test_a_cached_thread_costs_no_comment_query(topic, bob, login_as, api, settings,
                                                django_assert_max_num_queries):
    settings.COMMENTS_PER_MINUTE = 100
    for n in range(20):
        comment(login_as(bob), topic, f"comment {n}")
    assert len(thread(topic)) == 20
    with django_assert_max_num_queries(5):  # author, article, its tags, prev, next; no comments
        api.get("/v1/topics/alice", {"t_id": topic.id})
