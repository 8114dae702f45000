"""Writes of the message app; each invalidates the article's thread on commit and
announces itself (tools.events)."""
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from message import errors
from message.models import Message
from message.selectors import thread_scope
from tools import ratelimit
from tools.cache import invalidate
from tools.events import announce, comment_created, comment_deleted
from tools.http import ApiError

DUPLICATE_WINDOW_SECONDS = 60


def _parent(topic, parent_id):
    if parent_id is None:
        return None
    parent = (Message.objects.filter(id=parent_id, topic=topic, parent__isnull=True)
              .select_related("publisher").first())
    if parent is None:
        raise ApiError(400, errors.INVALID_INPUT,
                       "parent_id must be a top-level comment of this article",
                       fields={"parent_id": "not a top-level comment of this article"})
    return parent


def _refuse_duplicate(publisher, topic, content):
    digest = hashlib.sha256(content.encode()).hexdigest()
    # add() is False when the key exists; None means django-redis swallowed an outage,
    # and a cache outage must not turn every comment into a duplicate.
    key = f"msg:dup:{publisher.pk}:{topic.pk}:{digest}"
    if cache.add(key, 1, DUPLICATE_WINDOW_SECONDS) is False:
        raise ApiError(409, errors.DUPLICATE, "You just posted the same comment")


def _refuse_closed(topic):
    if not topic.comments_enabled:
        raise ApiError(403, errors.COMMENTS_CLOSED, "The author has turned comments off for this article")


def _contains_word(text, word):
    """`word` in `text` (both case-folded). A word of ASCII letters and digits counts only
    where no such character touches it (`ass` is not in `class`, `spam` is in `这是spam`);
    any other word, Chinese included, which has no spaces to mark its ends, anywhere."""
    if not re.fullmatch(r"[a-z0-9]+", word):
        return word in text
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def _refuse_blocked_words(content):
    """docs/api.md §12: the site-wide BLOCKED_WORDS, case-insensitively (_contains_word)."""
    text = content.casefold()
    for word in settings.BLOCKED_WORDS:
        if word.strip() and _contains_word(text, word.strip().casefold()):
            raise ApiError(400, errors.BLOCKED_WORD, f"The comment contains a blocked word: {word}",
                           fields={"content": f"contains a blocked word: {word}"})


def post_message(*, topic, publisher, content, parent_id=None):
    _refuse_closed(topic)
    _refuse_blocked_words(content)
    parent = _parent(topic, parent_id)
    ratelimit.limit(f"msg:rate:{publisher.pk}", settings.COMMENTS_PER_MINUTE, 60,
                    errors.TOO_MANY, "Too many comments; wait a minute")
    _refuse_duplicate(publisher, topic, content)
    with transaction.atomic():
        message = Message.objects.create(topic=topic, publisher=publisher, content=content,
                                         parent=parent)
        invalidate(thread_scope(topic.pk))
        announce(comment_created, message_id=message.pk, topic_id=topic.pk,
                 topic_author_id=topic.author_id, publisher_id=publisher.pk,
                 parent_id=parent_id, parent_publisher_id=parent.publisher_id if parent else None)
    return message


def delete_message(*, message, user, as_operator=False):
    """The comment's author or the article's author may delete, and an operator in the
    admin (`as_operator`, a staff user); replies go with it."""
    allowed = user.pk in (message.publisher_id, message.topic.author_id) or (
        as_operator and user.is_staff)
    if not allowed:
        raise ApiError(403, errors.NOT_ALLOWED, "You cannot delete this comment")
    message_id = message.pk
    with transaction.atomic():
        message.delete()
        invalidate(thread_scope(message.topic_id))
        announce(comment_deleted, message_id=message_id, topic_id=message.topic_id)
