"""Counters in the shared cache, so limits hold across gunicorn processes."""
from django.conf import settings
from django.core.cache import cache

from tools.http import ApiError


def client_ip(request):
    """The client address, trusting exactly NUM_PROXIES proxies in front of us."""
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if settings.NUM_PROXIES and len(forwarded) >= settings.NUM_PROXIES:
        return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key, window_seconds):
    """Count one event in a fixed window; returns the count so far (atomic in Redis)."""
    added = cache.add(key, 1, window_seconds)
    if added is None:  # django-redis swallowed an outage: count nothing, block nothing
        return 0
    if added:
        return 1
    try:
        return cache.incr(key) or 0
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return 1


def count(key):
    return cache.get(key) or 0


def reset(key):
    cache.delete(key)


def too_many(code, message, retry_after):
    return ApiError(429, code, message, headers={"Retry-After": str(int(retry_after))})


def limit(key, max_events, window_seconds, code, message):
    """Count one event and raise 429 once the window holds more than max_events."""
    if hit(key, window_seconds) > max_events:
        raise too_many(code, message, window_seconds)
