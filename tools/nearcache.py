"""Redis client-side caching for the versioned-cache lookups (issue 15).

A cached-list hit reads a few small keys (the scopes' versions and the entry) in one
MGET; the round trip to Redis is most of what a hit costs. Here each worker process
keeps the raw values it read in memory, and Redis tells it, through server-assisted
client-side caching (`CLIENT TRACKING ... REDIRECT`), the moment any of those keys
changes (a version bump, a new entry, an expiry, a flush): a second connection of the
process subscribes to `__redis__:invalidate`, and before every lookup the process
reads whatever invalidations have arrived (a non-blocking poll of a local socket, no
round trip) and forgets those keys. Redis queues the invalidation while it executes
the write, and writes it out in the same pass as the writer's reply, so by the time
the writer's request has committed and answered, every process has it in its socket:
invalidation stays immediate across processes (docs/api.md §6).

Redis 7.0 is enough (RESP2 and a redirect connection; redis-py's own client-side
cache needs 7.4). Anything unexpected (Redis down, a broken connection) forgets
everything and falls back to plain lookups, retrying after a few seconds.
Off with REDIS_CLIENT_TRACKING=0.
"""
import logging
import os
import threading
import time

import redis

logger = logging.getLogger("jiuzhi.cache")

INVALIDATE_CHANNEL = b"__redis__:invalidate"
MAX_ENTRIES = 20_000
RETRY_SECONDS = 5

_instances = {}
_instances_lock = threading.Lock()


class NearCache:
    """Raw values of recently read keys of one Redis database, kept while Redis says
    they are unchanged. Thread-safe; one per process and Redis URL."""

    def __init__(self, url):
        self.url = url
        self.lock = threading.Lock()
        self.pid = None
        self.data = self.listen = None
        self.values = {}
        self.down_until = 0.0
        self.hits = self.misses = 0

    def get_many(self, keys):
        """{key: raw value or None (absent)} for every key (bytes), or None when the
        near cache cannot answer (the caller then asks Redis the usual way)."""
        with self.lock:
            try:
                if self.pid != os.getpid():
                    if time.monotonic() < self.down_until:
                        return None
                    self._connect()
                self._drain()
                missing = [key for key in keys if key not in self.values]
                if missing:
                    self.misses += 1
                    self.data.send_command("MGET", *missing)
                    found = self.data.read_response()
                    if len(self.values) + len(missing) > MAX_ENTRIES:
                        self.values.clear()
                    self.values.update(zip(missing, found))
                else:
                    self.hits += 1
                return {key: self.values[key] for key in keys}
            except (redis.RedisError, OSError, ValueError) as error:
                logger.warning("client-side cache off for %s s: %s", RETRY_SECONDS, error)
                self._reset()
                self.down_until = time.monotonic() + RETRY_SECONDS
                return None

    def _connect(self):
        self._reset()
        # RESP2 on both: invalidations arrive as plain pub/sub messages.
        pool = redis.ConnectionPool.from_url(self.url, socket_timeout=1,
                                             socket_connect_timeout=1, protocol=2)
        self.listen = pool.make_connection()
        self.listen.send_command("CLIENT", "ID")
        listen_id = self.listen.read_response()
        self.listen.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
        self.listen.read_response()
        self.data = pool.make_connection()
        self.data.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", listen_id)
        if self.data.read_response() not in (b"OK", "OK"):
            raise redis.RedisError("CLIENT TRACKING was refused")
        self.pid = os.getpid()

    def _drain(self):
        """Forget every key Redis said changed since the last lookup."""
        while self.listen.can_read(timeout=0):
            message = self.listen.read_response()
            if not isinstance(message, list) or len(message) != 3 or message[0] != b"message":
                continue
            if message[1] != INVALIDATE_CHANNEL:
                continue
            if message[2] is None:  # FLUSHDB/FLUSHALL, or the tracking table overflowed
                self.values.clear()
            else:
                for key in message[2]:
                    self.values.pop(key, None)

    def _reset(self):
        self.values.clear()
        for connection in (self.data, self.listen):
            if connection is not None:
                try:
                    connection.disconnect()
                except Exception:  # already broken: nothing more to release
                    pass
        self.data = self.listen = None
        self.pid = None


def for_url(url):
    near = _instances.get(url)
    if near is None:
        with _instances_lock:
            near = _instances.setdefault(url, NearCache(url))
    return near
