"""Redis client-side caching of the versioned-cache lookups (tools/nearcache.py):
a repeated lookup costs no round trip, and a change made by any other process is
seen by the very next lookup. Needs Redis (the stack pass, or REDIS_URL)."""
import os
import subprocess
import sys

import pytest
from django.core.cache import cache

from tools import cache as versioned, nearcache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")

SCOPE = "author:nearcache"


@pytest.fixture
def near():
    near = versioned._near_cache()
    assert near is not None
    return near


def other_process(code):
    """Run redis-py `code` (with `r` = the cache's Redis and `key()` = a full cache
    key) in a separate process, and wait for it."""
    program = ("import os, redis\n"
               "r = redis.Redis.from_url(os.environ['REDIS_URL'])\n"
               f"key = lambda name: {cache.make_key('NAME')!r}.replace('NAME', name)\n"
               + code)
    subprocess.run([sys.executable, "-c", program], check=True, timeout=60)


def test_a_repeated_lookup_is_answered_from_process_memory(near):
    versioned.current_version(SCOPE)
    versioned._lookup((SCOPE,), "entry")
    misses = near.misses
    for _ in range(10):
        versioned._lookup((SCOPE,), "entry")
    assert near.misses == misses


def test_a_version_bumped_by_another_process_is_seen_by_the_next_lookup(near):
    for _ in range(20):
        before = versioned._lookup((SCOPE,), "entry")[0][0]
        other_process(f"r.incr(key('ver:{SCOPE}'))")
        assert versioned._lookup((SCOPE,), "entry")[0][0] == before + 1


def test_a_value_stored_by_another_process_replaces_the_remembered_one(near):
    calls = []
    assert versioned.cached_for_version((SCOPE,), ("x",), lambda: calls.append(1) or "first") == "first"
    assert versioned.cached_for_version((SCOPE,), ("x",), lambda: "again") == "first"
    other_process(f"r.incr(key('ver:{SCOPE}'))")
    assert versioned.cached_for_version((SCOPE,), ("x",), lambda: "second") == "second"


def test_a_flush_forgets_everything(near):
    versioned.current_version(SCOPE)
    versioned._lookup((SCOPE,), "entry")
    other_process("r.flushdb()")
    assert cache.get(f"ver:{SCOPE}") is None
    # the lost version key restarts from the clock, never from the remembered number
    versions, value, _ = versioned._lookup((SCOPE,), "entry")
    assert value is None and cache.get(f"ver:{SCOPE}") == versions[0]


def test_an_unreachable_redis_is_no_near_cache_and_no_error():
    near = nearcache.NearCache("redis://127.0.0.1:1/0")  # nothing listens on port 1
    assert near.get_many([b"a"]) is None
    assert near.get_many([b"a"]) is None  # and it does not retry at once


def test_it_can_be_switched_off(settings):
    settings.REDIS_CLIENT_TRACKING = False
    assert versioned._near_cache() is None
