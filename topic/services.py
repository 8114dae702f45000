"""Writes of the topic app. Each one invalidates the author's lists (tools.cache) and
announces itself (tools.events) so other apps can follow without being called."""
from django.db import transaction

from tools.cache import ALL_AUTHORS, invalidate, scope
from tools.events import announce, topic_changed
from topic.models import Topic
from topic.sanitize import clean_html, plain_text

INTRODUCE_LENGTH = 30


def author_scope(username):
    return scope("author", username)


def invalidate_author_lists(username):
    invalidate(author_scope(username), ALL_AUTHORS)


def _apply(topic, values):
    for name in ("title", "category", "limit", "price", "comments_enabled"):
        if name in values and values[name] is not None:
            setattr(topic, name, values[name])
    if "content" in values:
        topic.content = clean_html(values["content"])
    if "content" in values or values.get("content_text"):
        # introduce: the start of what the author typed, else of the sanitized body.
        text = (values.get("content_text") or "").strip() or plain_text(topic.content)
        topic.introduce = text[:INTRODUCE_LENGTH]


def _changed(topic, action):
    invalidate_author_lists(topic.author.username)
    announce(topic_changed, topic_id=topic.pk, author_id=topic.author_id,
             author=topic.author.username, action=action)


def create_topic(*, author, values):
    topic = Topic(author=author)
    _apply(topic, values)
    with transaction.atomic():
        topic.save()
        _changed(topic, "created")
    return topic


def update_topic(*, topic, values):
    _apply(topic, values)
    with transaction.atomic():
        topic.save()
        _changed(topic, "updated")
    return topic


def delete_topic(*, topic):
    topic_id = topic.pk
    with transaction.atomic():
        topic.delete()  # comments cascade; orders keep their snapshot (SET_NULL)
        topic.pk = topic_id
        _changed(topic, "deleted")
