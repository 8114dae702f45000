"""Versioned caches (SPEC §6): the article lists, their totals, comment threads.

Every cached value belongs to scopes (an author's lists, one article's comments, ...)
and is tied to their current version numbers; a write bumps a version, which makes
every older value unreachable at once, whatever parameters it was stored under.
The stale values then expire on their own.

Invalidation (`invalidate`) happens twice: once before the write commits, which also
proves the cache can record it (a write whose invalidation cannot be recorded is
refused with 503, so private or deleted content never comes back when the cache
returns), and once on commit, so a reader who cached the old data in between does
not keep it.
"""
import hashlib
import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from tools.http import SERVICE_UNAVAILABLE, ApiError

logger = logging.getLogger("jiuzhi.cache")


def scope(kind, name=""):
    """A scope name; the kind prefix keeps e.g. a user called `people` apart from the
    people scope."""
    return f"{kind}:{name}"


ALL_AUTHORS = scope("all")


def _version_key(name):
    return f"ver:{name}"


def current_version(name):
    version = cache.get(_version_key(name))
    if version is None:
        # A lost version key must never bring back an older number; the clock cannot.
        version = time.time_ns()
        cache.add(_version_key(name), version, None)
        version = cache.get(_version_key(name), version)
    return version


def bump_version(name):
    """Move `name` to a new version; False when the cache could not record it."""
    key = _version_key(name)
    try:
        return cache.incr(key) is not None  # django-redis answers None in an outage
    except ValueError:  # no version yet (or it was evicted): start from the clock
        added = cache.add(key, time.time_ns(), None)
        if added is False:
            return bump_version(name)
        return added is not None


def invalidate(*scopes):
    """Invalidate `scopes` for a write in progress: now (or 503, before anything is
    committed) and again once the surrounding transaction commits."""
    for name in scopes:
        if not bump_version(name):
            raise ApiError(503, SERVICE_UNAVAILABLE,
                           "The cache is unavailable; please try again in a moment")

    def after_commit():
        for name in scopes:
            if not bump_version(name):
                logger.error("cache invalidation of %s lost after commit", name)

    transaction.on_commit(after_commit)


def _lookup(scopes, key):
    """(the scopes' versions now, the value under `key` if stored for exactly those
    versions, else None), in one round trip. The versions are read before any
    recomputation, so a value computed across a write is stored under the old ones."""
    version_keys = [_version_key(name) for name in scopes]
    found = cache.get_many([*version_keys, key])
    versions = tuple(found.get(version_key) or current_version(name)
                     for version_key, name in zip(version_keys, scopes))
    entry = found.get(key)
    return versions, (entry[1] if entry is not None and entry[0] == versions else None)


def _store(key, versions, value, expire):
    cache.set(key, (versions, value), expire)


def _key(kind, scopes, parts):
    digest = hashlib.md5(repr(parts).encode()).hexdigest()
    return f"{kind}:{'|'.join(scopes)}:{digest}"


def cached_for_version(scopes, parts, compute, expire=600):
    """compute() once per combination of the scopes' versions and `parts` (a tuple of
    plain values naming the variant): for values only writes to those scopes change."""
    key = _key("val", scopes, parts)
    versions, value = _lookup(scopes, key)
    if value is None:
        value = compute()
        _store(key, versions, value, expire)
    return value


def cached_response(request, scopes, parts, build, expire=600):
    """A GET response's body, cached per scope versions and `parts` (the validated
    parameters and the viewer's role, never the raw query string); only 200s are kept.

    A hit costs one cache round trip and no database query. The ETag is derived from
    the key and the versions the body was built from, so `If-None-Match` is answered
    with 304 before any body is built or sent.
    """
    key = _key("resp", scopes, parts)
    versions, body = _lookup(scopes, key)
    etag = '"%s"' % hashlib.md5(repr((key, versions)).encode()).hexdigest()
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    elif body is not None:
        response = HttpResponse(body, content_type="application/json")
    else:
        response = build()
        if response.status_code != 200:
            return response
        _store(key, versions, response.content, expire)
    response["ETag"] = etag
    response["Cache-Control"] = _cache_control(request)
    patch_vary_headers(response, ["Authorization"])
    return response


def _cache_control(request):
    # Anyone may keep a visitor's list; a logged-in viewer's copy is theirs alone.
    # Either way it is revalidated (ETag) before each use, since writes show at once.
    if "Authorization" in request.headers:
        return "private, no-cache"
    return "public, no-cache"
