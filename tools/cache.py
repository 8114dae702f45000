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


def current_versions(scopes):
    """The versions of several scopes in one round trip."""
    found = cache.get_many([_version_key(scope) for scope in scopes])
    return [found.get(_version_key(scope)) or current_version(scope) for scope in scopes]


def cached_for_version(scopes, name, compute, expire=600):
    """compute() once per combination of the scopes' versions: for values that only
    writes bumping one of those scopes can change."""
    versions = ":".join(str(version) for version in current_versions(scopes))
    key = f"val:{'|'.join(scopes)}:{versions}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, expire)
    return value


def cache_set(expire, scope_kwarg="author", skip_param=None):
    """Cache a GET view's 200 responses per scope version, viewer role and query string.

    The scope is the URL kwarg `scope_kwarg` (ALL_SCOPE when absent); the viewer is
    the "owner" when logged in as that scope, else a "visitor". Requests carrying
    `skip_param` (e.g. a detail id) are not cached. Sets request.myuser.

    An entry is (version, body) under a key without the version, so a hit costs one
    round trip (the version and the entry in one get_many); an entry whose version
    is not the current one is a miss.
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
            found = cache.get_many([_version_key(scope), key])
            # Read before the view runs: a body computed across a write keeps the old version.
            version = found.get(_version_key(scope)) or current_version(scope)
            entry = found.get(key)
            if entry is not None and entry[0] == version:
                return HttpResponse(entry[1], content_type="application/json")
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, (version, response.content), expire)
            return response

        return wrapper

    return decorator
