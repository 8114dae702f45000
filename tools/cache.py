"""Versioned caches (docs/api.md §6): the article lists, their totals, comment threads.

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
import functools
import hashlib
import logging
import time
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from tools import nearcache
from tools.db_router import primary_reads, recent_write_seconds
from tools.http import SERVICE_UNAVAILABLE, ApiError, dumps

logger = logging.getLogger("jiuzhi.cache")


def scope(kind, name=""):
    """A scope name; the kind prefix keeps e.g. a user called `people` apart from the
    people scope."""
    return f"{kind}:{name}"


ALL_AUTHORS = scope("all")


def _version_key(name):
    return f"ver:{name}"


def _recent_key(name):
    # Lives for a few seconds after each bump: values computed meanwhile are read from
    # the primary, so a lagging read replica cannot store old rows under the new
    # version (tools/db_router.py). Read in the same round trip as the versions.
    return f"recent:{name}"


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
    cache.set(_recent_key(name), 1, recent_write_seconds())
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


def _lookup(scopes, key=None, stored_for=None):
    """(the scopes' versions now, the value under `key` if stored for exactly the
    versions of the first `stored_for` scopes (all by default), else None, and how to
    read the data for a new value), in one round trip. The versions are read before
    any recomputation, so a value computed across a write is stored under the old ones."""
    version_keys = [_version_key(name) for name in scopes]
    recent_keys = [_recent_key(name) for name in scopes]
    found = _get_many([*version_keys, *recent_keys, *([key] if key else [])])
    versions = tuple(found.get(version_key) or current_version(name)
                     for version_key, name in zip(version_keys, scopes))
    entry = found.get(key) if key else None
    stored_for = len(scopes) if stored_for is None else stored_for
    value = entry[1] if entry is not None and entry[0] == versions[:stored_for] else None
    reads = primary_reads() if any(k in found for k in recent_keys) else nullcontext()
    return versions, value, reads


def _near_cache():
    """The process's client-side cache of the Redis behind `cache`, if any."""
    if not settings.REDIS_CLIENT_TRACKING:
        return None
    config = settings.CACHES["default"]
    location = config.get("LOCATION")
    if (config["BACKEND"] != "django_redis.cache.RedisCache" or not isinstance(location, str)
            or not location.startswith(("redis://", "rediss://", "unix://"))):
        return None
    return nearcache.for_url(location)


def _get_many(keys):
    """cache.get_many(keys), from process memory while Redis says nothing changed
    (tools/nearcache.py), else with one round trip."""
    near = _near_cache()
    if near is not None:
        backend = caches["default"]  # the object behind the `cache` proxy, once
        raw_keys = [_raw_key(backend, key) for key in keys]
        found = near.get_many(raw_keys)
        if found is not None:
            decode = backend.client.decode
            return {key: decode(found[raw]) for key, raw in zip(keys, raw_keys)
                    if found[raw] is not None}
    return cache.get_many(keys)


@functools.lru_cache(maxsize=10_000)
def _raw_key(backend, key):
    """The Redis key of a cache key (prefix and version added), remembered: the same
    few version keys are looked up by every request."""
    return backend.make_key(key).encode()


def _store(key, versions, value, expire):
    cache.set(key, (versions, value), expire)


def _key(kind, scopes, parts):
    digest = hashlib.md5(repr(parts).encode()).hexdigest()
    return f"{kind}:{'|'.join(scopes)}:{digest}"


def cached_for_version(scopes, parts, compute, expire=600):
    """compute() once per combination of the scopes' versions and `parts` (a tuple of
    plain values naming the variant): for values only writes to those scopes change."""
    key = _key("val", scopes, parts)
    versions, value, reads = _lookup(scopes, key)
    if value is None:
        with reads:
            value = compute()
        _store(key, versions, value, expire)
    return value


def cached_response(request, scopes, parts, build, expire=600):
    """A GET response's body, cached per scope versions and `parts` (the validated
    parameters and the viewer's role, never the raw query string); only 200s are kept.

    A hit costs one cache lookup (no round trip while client-side caching holds the
    keys) and no database query. The ETag is derived from the key and the versions the
    body was built from, so `If-None-Match` is answered with 304 before any body is
    built or sent. A visitor's request is also remembered with its key, so the next
    identical one is answered by CachedResponseMiddleware before URL resolution.
    """
    key = _key("resp", scopes, parts)
    response, versions, reads = _from_cache(request, scopes, key)
    if response is None:
        with reads:
            response = build()
        if response.status_code != 200:
            return response
        _store(key, versions, response.content, expire)
        response = _validators(request, response, _etag(key, versions))
    _remember_route(request, scopes, key)
    return response


def _from_cache(request, scopes, key):
    """(the response from the cache: a 304 or the stored body, else None; the scopes'
    versions; how to read for a new value)."""
    versions, body, reads = _lookup(scopes, key)
    etag = _etag(key, versions)
    if _not_modified(request, etag):
        return _validators(request, HttpResponseNotModified(), etag), versions, reads
    if body is not None:
        response = HttpResponse(body, content_type="application/json")
        response["Content-Length"] = str(len(body))
        return _validators(request, response, etag), versions, reads
    return None, versions, reads


# A visitor's GET (method, path, query string, host, scheme: everything its cache key is
# derived from when no token is sent) → (scopes, key), per process and bounded.
_ROUTES = {}
_ROUTES_MAX = 4096


def _route(request):
    meta = request.META
    return (request.path_info, meta.get("QUERY_STRING", ""), request.scheme, meta.get("HTTP_HOST"),
            meta.get("HTTP_X_FORWARDED_HOST"), meta.get("SERVER_NAME"), meta.get("SERVER_PORT"))


def _remember_route(request, scopes, key):
    if request.method == "GET" and "HTTP_AUTHORIZATION" not in request.META:
        if len(_ROUTES) >= _ROUTES_MAX:
            _ROUTES.clear()
        _ROUTES[_route(request)] = (scopes, key)


def forget_route(request):
    """Let the next request like this one reach its view again (a view that must run
    every time, such as bench/urls.py's, which bumps a version first)."""
    _ROUTES.pop(_route(request), None)


class CachedResponseMiddleware:
    """Answers a visitor's GET whose cached response a view (cached_response) already
    keyed, before URL resolution, the view and the middleware below this one: what a
    cached list costs beyond a bare view is mostly those layers, and for a request with
    no token and no body they protect nothing (the sessions, login, messages and CSRF
    of the admin; the token check; the error envelope). A miss, a request with a token
    or anything unusual goes the normal way. Place it below the layers every response
    needs (request log, CORS, body limit, security and frame headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and "HTTP_AUTHORIZATION" not in request.META:
            route = _ROUTES.get(_route(request))
            if route is not None:
                try:
                    response = _from_cache(request, *route)[0]
                except Exception:  # the view's own path decides what a failure answers
                    logger.exception("answering %s from the cache failed", request.path)
                    response = None
                if response is not None:
                    return response
        return self.get_response(request)


def shared_response(request, scopes, parts, build, personal, *, viewer_scopes=(), viewer_parts=(),
                    expire=600):
    """A GET response whose `data` is the same for every viewer of one variant (`parts`:
    the object, the viewer's role, ...) but for a few fields of each viewer's own.

    The shared part is cached as encoded bytes per the versions of `scopes`; on a miss
    `build()` gives `(data, meta)`. On every request, hit or miss, `personal(meta)`
    gives the viewer's own fields, which are appended to the cached `data` without
    decoding it, so they never reach another viewer. The ETag names the versions of
    `scopes` and `viewer_scopes` and the `viewer_parts`; a match is a 304. A hit costs
    one cache round trip plus what `personal` reads.
    """
    key = _key("shared", scopes, parts)
    versions, entry, reads = _lookup((*scopes, *viewer_scopes), key, stored_for=len(scopes))
    etag = _etag(key, (versions, viewer_parts))
    if entry is None:
        with reads:
            data, meta = build()
        entry = (dumps({"code": 200, "data": data}), meta)
        _store(key, versions[:len(scopes)], entry, expire)
    fields = personal(entry[1])
    if _not_modified(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(with_fields(entry[0], fields), content_type="application/json")
    return _validators(request, response, etag)


def with_fields(body, fields):
    """The encoded envelope `body` with `fields` added to its `data` object, which must be
    its last member and not empty (`{"code":200,"data":{…}}`): byte surgery, not a decode
    and re-encode of a body that may be a hundred kilobytes."""
    if not fields:
        return body
    if not body.endswith(b"}}") or body.endswith(b"{}}"):
        raise ValueError("with_fields needs a non-empty data object at the end of the envelope")
    return b"".join((body[:-2], b",", dumps(fields)[1:-1], b"}}"))


def _etag(key, versions):
    return '"%s"' % hashlib.md5(repr((key, versions)).encode()).hexdigest()


def _not_modified(request, etag):
    # META, not request.headers: building that mapping costs more than the whole lookup
    return etag in request.META.get("HTTP_IF_NONE_MATCH", "")


def _validators(request, response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = _cache_control(request)
    if "Vary" in response:
        patch_vary_headers(response, ["Authorization"])
    else:  # the same, for the usual fresh response, without parsing a header
        response["Vary"] = "Authorization"
    return response


def _cache_control(request):
    # Anyone may keep a visitor's list; a logged-in viewer's copy is theirs alone.
    # Either way it is revalidated (ETag) before each use, since writes show at once.
    if "HTTP_AUTHORIZATION" in request.META:
        return "private, no-cache"
    return "public, no-cache"
