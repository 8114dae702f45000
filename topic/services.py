"""Writes of the topic app. Each one invalidates the author's lists (tools.cache) and
announces itself (tools.events) so other apps can follow without being called."""
import logging
import threading
import time

from django.db import transaction
from django.utils import timezone

from tools.cache import ALL_AUTHORS, invalidate, scope
from tools.events import announce, topic_changed
from topic.markdown import render_markdown
from topic.models import Tag, Topic, TopicTag
from topic.sanitize import block_text, clean_html, split_paywall
from topic.tags import tag_key

logger = logging.getLogger(__name__)

INTRODUCE_LENGTH = 30
ELLIPSIS = "…"


def author_scope(username):
    return scope("author", username)


def invalidate_author_lists(username):
    invalidate(author_scope(username), ALL_AUTHORS)


def excerpt(text, length=INTRODUCE_LENGTH):
    """The first `length` characters, ending with "…" when something was cut."""
    return text if len(text) <= length else text[:length] + ELLIPSIS


def _apply_body(topic, values):
    """`content` (HTML) or `markdown` (rendered, then sanitized like any body)."""
    fmt = values.get("format") or ""
    if fmt == Topic.MARKDOWN or (not fmt and "markdown" in values and topic.format == Topic.MARKDOWN):
        topic.format = Topic.MARKDOWN
        topic.markdown = values.get("markdown", topic.markdown) or ""
        topic.content = clean_html(render_markdown(topic.markdown)).strip()
    elif fmt == Topic.HTML or "content" in values:
        topic.format = Topic.HTML
        topic.markdown = ""
        if "content" in values:
            topic.content = clean_html(values["content"] or "")


def _derive_free_parts(topic):
    """preview (the free part before the paywall mark) and introduce (docs/api.md §11): a paid
    article's introduce comes from its free part only, never from past the mark; with
    no mark the whole body is paid, and only `summary` (shown instead) describes it."""
    free, marked = split_paywall(topic.content)
    topic.preview = free if marked else ""
    if topic.is_paid_article:
        source = free
    else:
        source = topic.content
    topic.introduce = excerpt(block_text(source))


def _apply_status(topic, values, now):
    status = values.get("status") or ""
    if status:
        becomes_public = status == Topic.PUBLISHED and topic.status != Topic.PUBLISHED
        topic.publish_at = (values.get("publish_at") or topic.publish_at) if status == Topic.SCHEDULED else None
        topic.status = status
        if becomes_public and topic.pk is not None:
            topic.created_time = now  # a draft's date is the day it is published
    elif values.get("publish_at") and topic.status == Topic.SCHEDULED:
        topic.publish_at = values["publish_at"]


def _apply(topic, values, now):
    for name in ("title", "category", "limit", "price", "comments_enabled"):
        if name in values and values[name] is not None:
            setattr(topic, name, values[name])
    for name in ("summary", "cover"):
        if name in values:
            setattr(topic, name, (values[name] or "").strip())
    _apply_body(topic, values)
    _apply_status(topic, values, now)
    _derive_free_parts(topic)


def set_tags(topic, names):
    """The article's tags become `names`, in that order; a tag seen before keeps the
    spelling it was first written with."""
    TopicTag.objects.filter(topic=topic).delete()
    links = []
    for position, name in enumerate(names):
        tag, _ = Tag.objects.get_or_create(key=tag_key(name), defaults={"name": name})
        links.append(TopicTag(topic=topic, tag=tag, position=position))
    TopicTag.objects.bulk_create(links)


def _changed(topic, action):
    invalidate_author_lists(topic.author.username)
    announce(topic_changed, topic_id=topic.pk, author_id=topic.author_id,
             author=topic.author.username, action=action)


def create_topic(*, author, values):
    topic = Topic(author=author)
    _apply(topic, values, timezone.now())
    with transaction.atomic():
        topic.save()
        set_tags(topic, values.get("tags") or [])
        _changed(topic, "created")
    return topic


def update_topic(*, topic, values):
    _apply(topic, values, timezone.now())
    with transaction.atomic():
        topic.save()
        if "tags" in values:
            set_tags(topic, values["tags"] or [])
        _changed(topic, "updated")
    return topic


def delete_topic(*, topic):
    topic_id = topic.pk
    with transaction.atomic():
        topic.delete()  # comments cascade; orders keep their snapshot (SET_NULL)
        topic.pk = topic_id
        _changed(topic, "deleted")


def refresh_free_parts(batch_size=500):
    """Derive `preview` and `introduce` again for every article (after an upgrade: older
    rows of priced articles had an introduce taken from the paid text). Returns how many
    changed; each changed one is announced like an edit (lists, search, pages follow)."""
    changed = 0
    queryset = Topic.objects.select_related("author").only(
        "id", "content", "price", "preview", "introduce", "author__username").order_by("id")
    for topic in queryset.iterator(chunk_size=batch_size):
        before = (topic.preview, topic.introduce)
        _derive_free_parts(topic)
        if (topic.preview, topic.introduce) != before:
            with transaction.atomic():
                Topic.objects.filter(pk=topic.pk).update(preview=topic.preview, introduce=topic.introduce)
                _changed(topic, "updated")
            changed += 1
    return changed


# --- scheduled articles (docs/api.md §11) ------------------------------------------------------

def publish_due_topics(now=None):
    """Publish every scheduled article whose `publish_at` has come, dated `publish_at`.
    Each is a compare-and-set (status still scheduled, same publish_at), so two runs at
    once (beat and a read, two processes) publish it once. Returns how many."""
    now = now or timezone.now()
    due = Topic.objects.filter(status=Topic.SCHEDULED, publish_at__lte=now).select_related("author")
    published = 0
    for topic in due:
        with transaction.atomic():
            changed = Topic.objects.filter(
                pk=topic.pk, status=Topic.SCHEDULED, publish_at=topic.publish_at,
            ).update(status=Topic.PUBLISHED, created_time=topic.publish_at)
            if changed:
                topic.status, topic.created_time = Topic.PUBLISHED, topic.publish_at
                _changed(topic, "updated")
                published += 1
    return published


class _Throttle:
    """Runs a function at most once every `seconds` in this process."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.next_run = 0.0
        self.lock = threading.Lock()

    def due(self):
        with self.lock:
            now = time.monotonic()
            if now < self.next_run:
                return False
            self.next_run = now + self.seconds
            return True

    def reset(self):
        with self.lock:
            self.next_run = 0.0


PUBLISH_ON_READ_SECONDS = 3
publish_on_read = _Throttle(PUBLISH_ON_READ_SECONDS)


def publish_due_topics_on_read():
    """Where no Celery beat runs (the embedded default): publish due articles when
    someone reads, at most once every few seconds per process; never fails the read."""
    if not publish_on_read.due():
        return 0
    try:
        return publish_due_topics()
    except Exception:  # a locked SQLite file or a cache hiccup: the next read retries
        publish_on_read.reset()
        logger.exception("publishing due articles failed")
        return 0
