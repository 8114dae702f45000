"""Article views (docs/api.md §12): counted in the cache, written to Topic.views in batches.

A view counts once per viewer (the user, or a hash of IP + user agent for a visitor)
per VIEW_WINDOW_SECONDS: `cache.add` of a "seen" key is the test. A counted view
increments the article's pending counter in the cache and costs no database write.
`flush_views()` (Celery beat every VIEWS_FLUSH_SECONDS on the stack, and a task
queued after every VIEWS_FLUSH_EVERY counted views, which runs in-process on the
embedded default) adds the pending counts to Topic.views with one UPDATE per
FLUSH_BATCH articles and takes them off the counters.

Everything lives in the limits cache (tools.ratelimit.store): it is not evicted by
cache traffic (a Redis with `noeviction` in production, a large local store on the
embedded default), and a "seen" key is a per-client window like a rate limit.

Which articles have pending views is a queue in the cache (`views:queue:<n>`): an
article joins when its pending counter goes from 0 to 1, and again when a flush
leaves something behind (views counted while it ran). The detail shows Topic.views
plus the pending count, so a reader sees a view at once; a detail served from cache
adds the growth of `views:counted:<id>` since it was built, a counter no flush
touches, so it needs no database read (views_now, views_since). If the cache loses the
counters (restart of the local-memory cache, eviction) those views are lost; the
database total never goes down.
"""
import hashlib
import secrets

from django.conf import settings
from django.db.models import Case, F, PositiveBigIntegerField, Value, When

from tools.ratelimit import store
from topic.models import Topic

SEEN = "views:seen:{topic}:{viewer}"
PENDING = "views:pending:{topic}"
COUNTED_FOR = "views:counted:{topic}"  # views ever counted here: only grows (cached details)
QUEUE_TAIL = "views:queue:tail"   # the number of the last queued entry
QUEUE_HEAD = "views:queue:head"   # the number of the last flushed entry
QUEUE_ENTRY = "views:queue:{n}"
COUNTED = "views:counted"         # counted views, to queue a flush every VIEWS_FLUSH_EVERY
FLUSH_LOCK = "views:flush:lock"   # one flush at a time (beat and a queued one may meet)
FLUSH_LOCK_SECONDS = 60
FLUSH_BATCH = 500                 # articles per UPDATE statement


def viewer_key(user, ip, user_agent):
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return "a" + hashlib.sha256(f"{ip}\n{user_agent}".encode()).hexdigest()[:32]


def _incr(key, delta=1, start=0):
    """The counter after adding `delta` (created at `start`), or None when the cache fails."""
    try:
        return store().incr(key, delta)
    except ValueError:
        if store().add(key, start, None) is None:
            return None
        try:
            return store().incr(key, delta)
        except ValueError:
            return None


def _enqueue(topic_id):
    number = _incr(QUEUE_TAIL)
    if number is not None:
        store().set(QUEUE_ENTRY.format(n=number), topic_id, None)


def count_view(topic_id, viewer):
    """Count a view of the article by `viewer` (viewer_key) unless counted within the
    window. True when this view counted."""
    if not store().add(SEEN.format(topic=topic_id, viewer=viewer), 1, settings.VIEW_WINDOW_SECONDS):
        return False
    if _incr(PENDING.format(topic=topic_id)) == 1:
        _enqueue(topic_id)
    _incr(COUNTED_FOR.format(topic=topic_id), start=_counter_start())
    counted = _incr(COUNTED)
    if counted and counted % settings.VIEWS_FLUSH_EVERY == 0:
        from topic.tasks import flush_views_task  # tasks import this module

        flush_views_task.delay()
    return True


def pending_views(topic_id):
    return store().get(PENDING.format(topic=topic_id)) or 0


def _counter_start():
    # Random high bits name this counter's life, so a counter that was lost and
    # created again is not mistaken for the one a cached detail remembers.
    return secrets.randbits(30) << 32


def views_now(topic):
    """(the article's views as shown now, the mark to pass to views_since later)."""
    keys = [PENDING.format(topic=topic.pk), COUNTED_FOR.format(topic=topic.pk)]
    found = store().get_many(keys)
    mark = found.get(keys[1])
    if mark is None:
        store().add(keys[1], _counter_start(), None)
        mark = store().get(keys[1])
    return topic.views + (found.get(keys[0]) or 0), mark


def views_since(topic_id, views, mark):
    """The article's views now, from what views_now() said then, with no database read:
    the views counted since are the growth of a counter no flush touches. Should that
    counter have been lost meanwhile, the views are read again."""
    counted = store().get(COUNTED_FOR.format(topic=topic_id))
    if counted is not None and mark is not None and counted >> 32 == mark >> 32 and counted >= mark:
        return views + counted - mark
    topic = Topic.objects.only("views").filter(pk=topic_id).first()
    return views_now(topic)[0] if topic is not None else views


def flush_views():
    """Add every pending count to Topic.views; the number of articles written (0 also
    when another flush is running)."""
    if not store().add(FLUSH_LOCK, 1, FLUSH_LOCK_SECONDS):
        return 0
    try:
        return _flush()
    finally:
        store().delete(FLUSH_LOCK)


def _flush():
    tail = store().get(QUEUE_TAIL) or 0
    head = store().get(QUEUE_HEAD) or 0
    if tail <= head:
        return 0
    entries = store().get_many([QUEUE_ENTRY.format(n=n) for n in range(head + 1, tail + 1)])
    store().set(QUEUE_HEAD, tail, None)
    store().delete_many(list(entries))
    keys = {topic_id: PENDING.format(topic=topic_id) for topic_id in set(entries.values())}
    found = store().get_many(list(keys.values()))
    pending = {topic_id: found.get(key) or 0 for topic_id, key in keys.items()}
    pending = {topic_id: count for topic_id, count in pending.items() if count > 0}
    ids = sorted(pending)
    for start in range(0, len(ids), FLUSH_BATCH):
        batch = ids[start:start + FLUSH_BATCH]
        # One UPDATE for the whole batch: views = views + CASE id WHEN … THEN n … END
        added = Case(*(When(pk=topic_id, then=Value(pending[topic_id])) for topic_id in batch),
                     default=Value(0), output_field=PositiveBigIntegerField())
        Topic.objects.filter(pk__in=batch).update(views=F("views") + added)
    for topic_id in ids:
        try:
            left = store().decr(keys[topic_id], pending[topic_id])
        except ValueError:  # the counter was lost meanwhile
            left = 0
        if left and left > 0:  # views counted while this ran: flush them next time
            _enqueue(topic_id)
    return len(ids)
