"""Writes of the topic app; every one that changes a list invalidates it."""
from django.db import transaction

from tools.cache import ALL_SCOPE, bump_version
from topic.models import Topic
from topic.sanitize import clean_html, plain_text

INTRODUCE_LENGTH = 30


def invalidate_author_lists(author):
    """After the surrounding transaction commits, no cached list of `author` is served."""
    def bump():
        bump_version(author.username)
        bump_version(ALL_SCOPE)

    transaction.on_commit(bump)


def _apply(topic, values):
    for name in ("title", "category", "limit", "price"):
        if name in values and values[name] is not None:
            setattr(topic, name, values[name])
    if "content" in values:
        topic.content = clean_html(values["content"])
    if "content" in values or values.get("content_text"):
        # introduce: the start of what the author typed, else of the sanitized body.
        text = (values.get("content_text") or "").strip() or plain_text(topic.content)
        topic.introduce = text[:INTRODUCE_LENGTH]


def create_topic(*, author, values):
    topic = Topic(author=author)
    _apply(topic, values)
    with transaction.atomic():
        topic.save()
        invalidate_author_lists(author)
    return topic


def update_topic(*, topic, values):
    _apply(topic, values)
    with transaction.atomic():
        topic.save()
        invalidate_author_lists(topic.author)
    return topic


def delete_topic(*, topic):
    with transaction.atomic():
        topic.delete()  # comments cascade; orders keep their snapshot (SET_NULL)
        invalidate_author_lists(topic.author)
