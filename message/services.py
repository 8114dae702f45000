"""Writes of the message app."""
import hashlib

from django.conf import settings
from django.core.cache import cache

from message import errors
from message.models import Message
from message.selectors import PEOPLE_SCOPE, thread_scope
from tools import ratelimit
from tools.cache import bump_version
from tools.http import ApiError

DUPLICATE_WINDOW_SECONDS = 60


def _parent(topic, parent_id):
    if parent_id is None:
        return None
    parent = Message.objects.filter(id=parent_id, topic=topic, parent__isnull=True).first()
    if parent is None:
        raise ApiError(400, errors.INVALID_INPUT,
                       "parent_id must be a top-level comment of this article",
                       fields={"parent_id": "not a top-level comment of this article"})
    return parent


def post_message(*, topic, publisher, content, parent_id=None):
    parent = _parent(topic, parent_id)
    ratelimit.limit(f"msg:rate:{publisher.pk}", settings.COMMENTS_PER_MINUTE, 60,
                    errors.TOO_MANY, "Too many comments; wait a minute")
    digest = hashlib.sha256(content.encode()).hexdigest()
    # add() is False when the key exists; None means django-redis swallowed an outage,
    # and a cache outage must not turn every comment into a duplicate.
    key = f"msg:dup:{publisher.pk}:{topic.pk}:{digest}"
    if cache.add(key, 1, DUPLICATE_WINDOW_SECONDS) is False:
        raise ApiError(409, errors.DUPLICATE, "You just posted the same comment")
    message = Message.objects.create(topic=topic, publisher=publisher, content=content,
                                     parent=parent)
    bump_version(thread_scope(topic.pk))  # after the (autocommitted) write: no stale thread
    return message


def delete_message(*, message, user):
    """The comment's author or the article's author may delete; replies go with it."""
    if user.pk not in (message.publisher_id, message.topic.author_id):
        raise ApiError(403, errors.NOT_ALLOWED, "You cannot delete this comment")
    message.delete()
    bump_version(thread_scope(message.topic_id))


def invalidate_comment_authors():
    """A nickname or avatar changed: every cached thread may show it."""
    bump_version(PEOPLE_SCOPE)
