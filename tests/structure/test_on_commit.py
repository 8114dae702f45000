"""Cross-app effects and cache invalidation run when the write commits (issue 14)."""
import pytest
from django.db import connection, transaction

from message import services as message_services
from message.models import Message
from tests.topic.factories import make_topic
from tools import cache as tools_cache
from tools.events import topic_changed
from topic import services as topic_services
from topic.models import Topic

ARTICLE = {"title": "Fresh", "content": "<p>x</p>", "limit": "public", "category": "tec"}


@pytest.fixture
def bumps(monkeypatch):
    """Every version bump, with whether a transaction was still open at the time."""
    seen = []
    real = tools_cache.bump_version

    def recording(name):
        seen.append((name, connection.in_atomic_block))
        return real(name)

    monkeypatch.setattr(tools_cache, "bump_version", recording)
    return seen


@pytest.mark.django_db(transaction=True)
def test_article_write_invalidates_its_lists_after_commit(alice, bumps):
    topic_services.create_topic(author=alice, values=ARTICLE)
    assert ("author:alice", False) in bumps and ("all:", False) in bumps


@pytest.mark.django_db(transaction=True)
def test_comment_invalidates_the_thread_after_commit(alice, bob, bumps):
    topic = make_topic(alice)
    message_services.post_message(topic=topic, publisher=bob, content="hi")
    assert (f"thread:{topic.pk}", False) in bumps


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_announces_nothing(alice):
    heard = []
    topic_changed.connect(lambda sender, **payload: heard.append(payload), weak=False,
                          dispatch_uid="test-rollback")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            topic_services.create_topic(author=alice, values=ARTICLE)
            raise RuntimeError("rolled back")
        assert heard == [] and not Topic.objects.exists()
        topic_services.create_topic(author=alice, values=ARTICLE)
        assert [p["action"] for p in heard] == ["created"]
    finally:
        topic_changed.disconnect(dispatch_uid="test-rollback")


# Direct service tests, beside the HTTP ones.

@pytest.mark.django_db
def test_create_topic_sanitizes_and_derives_the_introduction(alice):
    topic = topic_services.create_topic(author=alice, values={
        **ARTICLE, "content": "<p onclick='x()'>Hello <script>bad()</script>world</p>"})
    assert "onclick" not in topic.content and "script" not in topic.content
    assert topic.introduce == "Hello world"


@pytest.mark.django_db
def test_post_message_stores_a_reply_under_its_comment(alice, bob):
    topic = make_topic(alice)
    parent = message_services.post_message(topic=topic, publisher=bob, content="first")
    reply = message_services.post_message(topic=topic, publisher=alice, content="thanks",
                                          parent_id=parent.pk)
    assert reply.parent_id == parent.pk
    assert list(Message.objects.filter(topic=topic).values_list("content", flat=True)
                .order_by("id")) == ["first", "thanks"]
