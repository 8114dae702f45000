"""Versioned caches (SPEC §6): the article lists, their totals, comment threads.

Every cached value belongs to scopes (an author's lists, one article's comments, ...)
and is tied to their current version numbers; a write bumps a version, which makes
every older value unreachable at once, whatever query string it was stored under.
The stale values then expire on their own.
"""
import functools
import hashlib
import time

from django.core.cache import cache
from django.http import HttpResponse

from tools.auth import get_user_by_request

ALL_SCOPE = "*"


def _version_key(scope):
    return f"ver:{scope}"


def current_version(scope):
    version = cache.get(_version_key(scope))
    if version is None:
        # A lost version key must never bring back an older number; the clock cannot.
        version = time.time_ns()
        cache.add(_version_key(scope), version, None)
        version = cache.get(_version_key(scope), version)
    return version


def bump_version(scope):
    try:
        cache.incr(_version_key(scope))
    except ValueError:
        cache.set(_version_key(scope), time.time_ns(), None)


def _lookup(scopes, key):
    """(the scopes' versions now, the value under `key` if stored for exactly those
    versions, else None), in one round trip. The versions are read before any
    recomputation, so a value computed across a write is stored under the old ones."""
    version_keys = [_version_key(scope) for scope in scopes]
    found = cache.get_many([*version_keys, key])
    versions = tuple(found.get(version_key) or current_version(scope)
                     for version_key, scope in zip(version_keys, scopes))
    entry = found.get(key)
    return versions, (entry[1] if entry is not None and entry[0] == versions else None)


def _store(key, versions, value, expire):
    cache.set(key, (versions, value), expire)


def cached_for_version(scopes, name, compute, expire=600):
    """compute() once per combination of the scopes' versions: for values that only
    writes bumping one of those scopes can change."""
    key = f"val:{'|'.join(scopes)}:{name}"
    versions, value = _lookup(scopes, key)
    if value is None:
        value = compute()
        _store(key, versions, value, expire)
    return value


def cache_set(expire, scope_kwarg="author", skip_param=None):
    """Cache a GET view's 200 responses per scope version, viewer role and query string.

    The scope is the URL kwarg `scope_kwarg` (ALL_SCOPE when absent); the viewer is
    the "owner" when logged in as that scope, else a "visitor". Requests carrying
    `skip_param` (e.g. a detail id) are not cached. Sets request.myuser.
    A hit costs one cache round trip (see _lookup).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            request.myuser = get_user_by_request(request)
            if skip_param and skip_param in request.GET:
                return view(request, *args, **kwargs)
            scope = kwargs.get(scope_kwarg, ALL_SCOPE)
            is_owner = request.myuser is not None and request.myuser.username == scope
            query = hashlib.md5(request.META.get("QUERY_STRING", "").encode()).hexdigest()
            key = f"list:{scope}:{'owner' if is_owner else 'visitor'}:{query}"
            versions, body = _lookup((scope,), key)
            if body is not None:
                return HttpResponse(body, content_type="application/json")
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                _store(key, versions, response.content, expire)
            return response

        return wrapper

    return decorator
