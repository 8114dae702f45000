"""Comment controls (docs/api.md §12): comments off per article, a site-wide blocked-words list."""
from message.models import Message
from tests.topic.factories import make_topic
from topic.models import Topic

ARTICLE = {"title": "t", "content": "<p>body</p>", "content_text": "body", "limit": "public",
           "category": "tec"}


def test_a_new_article_takes_comments_by_default(as_alice):
    data = as_alice.post("/v1/topics/alice", ARTICLE).json()["data"]
    assert data["comments_enabled"] is True


def test_the_author_can_turn_comments_off_on_create_and_on_edit(as_alice):
    data = as_alice.post("/v1/topics/alice", {**ARTICLE, "comments_enabled": False}).json()["data"]
    assert data["comments_enabled"] is False
    edited = as_alice.put(f"/v1/topics/alice?t_id={data['id']}", {"comments_enabled": True})
    assert edited.status_code == 200 and edited.json()["data"]["comments_enabled"] is True


def test_comments_enabled_must_be_a_json_boolean(as_alice):
    for value in ("false", 0, "yes"):
        response = as_alice.post("/v1/topics/alice", {**ARTICLE, "comments_enabled": value})
        assert response.status_code == 400 and response.json()["code"] == 10301, value


def test_commenting_on_a_closed_article_is_403(alice, bob, login_as):
    topic = make_topic(alice)
    Topic.objects.filter(pk=topic.pk).update(comments_enabled=False)
    response = login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "hello"})
    assert response.status_code == 403 and response.json()["code"] == 10406
    assert not Message.objects.exists()


def test_a_comment_with_a_blocked_word_is_400_naming_it(alice, bob, login_as, settings):
    settings.BLOCKED_WORDS = ["spam", "广告"]
    topic = make_topic(alice)
    response = login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "加微信看广告"})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10407 and "广告" in body["error"]
    assert login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "Buy SPAM"}).status_code == 400
    assert not Message.objects.exists()


def test_a_latin_blocked_word_counts_as_a_whole_word_a_chinese_one_anywhere(alice, bob, login_as, settings):
    settings.BLOCKED_WORDS = ["ass", "spam", "广告"]
    topic = make_topic(alice)
    client = login_as(bob)
    assert client.post(f"/v1/messages/{topic.id}", {"content": "A classic class, passed."}).status_code == 201
    assert client.post(f"/v1/messages/{topic.id}", {"content": "这是spam吗"}).status_code == 400
    assert client.post(f"/v1/messages/{topic.id}", {"content": "SPAM!"}).status_code == 400
    assert client.post(f"/v1/messages/{topic.id}", {"content": "看小广告"}).status_code == 400
    assert Message.objects.count() == 1


def test_without_blocked_words_any_comment_passes(alice, bob, login_as, settings):
    settings.BLOCKED_WORDS = []
    topic = make_topic(alice)
    assert login_as(bob).post(f"/v1/messages/{topic.id}", {"content": "广告"}).status_code == 201
