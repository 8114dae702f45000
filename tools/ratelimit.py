"""Rate-limit counters in the "limits" cache, so limits hold across gunicorn processes.

The limits alias is never the list cache: list traffic must not evict a counter
(settings.CACHES, docs/deploy.md). Counting is one atomic ADD or INCR, done before
the work it limits, so concurrent requests cannot all slip under a limit.

When the shared store is down (django-redis swallows the error and answers None),
limits do not switch off: counting moves to `fallback`, a store in this process with
the same windows. Each process then limits on its own, which still slows a brute force.
"""
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tools.http import ApiError

LIMITS_ALIAS = "limits"

# Per-process counters used while the shared store does not answer.
fallback = LocMemCache("jiuzhi-limits-fallback", {"MAX_ENTRIES": settings.LIMITS_MAX_LOCAL_ENTRIES})


def store():
    """The shared store of counters, SMS codes and cooldowns."""
    return caches[LIMITS_ALIAS]


def client_ip(request):
    """The client address, trusting exactly NUM_PROXIES proxies in front of us."""
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if settings.NUM_PROXIES and len(forwarded) >= settings.NUM_PROXIES:
        return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "unknown")


def _hit(counters, key, window_seconds):
    """The count after this event in `counters`, or None when they do not answer."""
    added = counters.add(key, 1, window_seconds)
    if added is None:
        return None
    if added:
        return 1
    try:
        return counters.incr(key)  # None if the store went away since the add
    except ValueError:  # expired between add and incr: this event opens a new window
        return _hit(counters, key, window_seconds)


def hit(key, window_seconds):
    """Count one event in a fixed window; returns the count so far, this one included."""
    count = _hit(store(), key, window_seconds)
    if count is None:
        count = _hit(fallback, key, window_seconds)
    return count


def give_back(key):
    """Uncount one event of `key` (an attempt that turned out fine)."""
    for counters in (store(), fallback):
        try:
            if counters.decr(key) is not None:
                return
        except ValueError:  # nothing counted there (expired, or counted in the other store)
            pass


def reset(key):
    store().delete(key)
    fallback.delete(key)


def too_many(code, message, retry_after):
    return ApiError(429, code, message, headers={"Retry-After": str(int(retry_after))})


def limit(key, max_events, window_seconds, code, message):
    """Count one event and raise 429 once the window holds more than max_events."""
    if hit(key, window_seconds) > max_events:
        raise too_many(code, message, window_seconds)
