"""The read replica (docs/deploy.md): which database a query goes to.

Listed in DATABASE_ROUTERS only when DATABASE_REPLICA_URL is set. Public reads go to
the `replica` alias; these go to the primary (`default`):

- every write, and every read of a request that writes (any method but GET/HEAD/
  OPTIONS): a write decides from what it read;
- reads inside a transaction of the primary (`in_atomic_block`);
- the payment app's reads (money is never read from a copy that may lag), and every
  read of a request under /v1/payment or /v1/orders;
- read-your-writes: for REPLICA_PIN_SECONDS after a request of a user wrote, that
  user's requests read from the primary (a marker in the shared cache, keyed by the
  user id from the token, so every worker process honours it);
- values computed for the shared caches right after a write to their scope
  (`tools.cache` asks for the primary while the scope's "recent write" marker lives),
  so a lagging replica cannot store an old list under the new version;
- everything, for a few seconds, once the replica could not be reached: the API keeps
  answering from the primary.

The request's routing state lives in a context variable set by
`tools.middleware.ReplicaRoutingMiddleware`; outside a request (Celery, management
commands) reads go to the replica unless a rule above says otherwise.
"""
import contextvars
import logging
import time
from contextlib import contextmanager

import jwt
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.utils import OperationalError

logger = logging.getLogger("jiuzhi.db")

PRIMARY = "default"
REPLICA = "replica"
PRIMARY_APPS = frozenset({"payment"})
PRIMARY_PATHS = ("/v1/payment", "/v1/orders")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def recent_write_seconds():
    """How long an author reads from the primary after their write, and cache fills
    of a written scope read from it: settings.REPLICA_PIN_SECONDS, which must exceed
    the replication lag (docs/deploy.md: watch Seconds_Behind_Master)."""
    return settings.REPLICA_PIN_SECONDS

# After a failed connection to the replica, how long this process does not retry it.
REPLICA_RETRY_SECONDS = 5


def writer_key(user_id):
    return f"recent-writer:{user_id}"


class Routing:
    """What the router needs to know about the current request."""

    __slots__ = ("token", "primary", "wrote", "_pinned")

    def __init__(self, token=None, primary=False):
        self.token = token          # the raw JWT, decoded only if a read needs it
        self.primary = primary      # the whole request reads from the primary
        self.wrote = False          # a write went to the primary during the request
        self._pinned = None

    def user_id(self):
        if not self.token:
            return None
        try:  # the signature is checked; the user row is not needed for an id
            payload = jwt.decode(self.token, settings.JWT_SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            return None
        return payload.get("uid")

    def pinned(self):
        """Whether this request's user wrote in the last REPLICA_PIN_SECONDS (one
        cache read per request, and none for a visitor)."""
        if self._pinned is None:
            user_id = self.user_id()
            self._pinned = bool(user_id is not None and cache.get(writer_key(user_id)))
        return self._pinned

    def remember_write(self):
        """After the request: pin its user to the primary for a few seconds."""
        user_id = self.user_id()
        if user_id is not None:
            cache.set(writer_key(user_id), 1, recent_write_seconds())


_routing = contextvars.ContextVar("jiuzhi_db_routing", default=None)
_force_primary = contextvars.ContextVar("jiuzhi_db_force_primary", default=False)
_replica_down_until = 0.0


def begin_request(token, primary):
    return _routing.set(Routing(token, primary))


def end_request(reset_token):
    routing = _routing.get()
    _routing.reset(reset_token)
    return routing


@contextmanager
def primary_reads():
    """Reads inside the block go to the primary (e.g. filling a shared cache)."""
    reset_token = _force_primary.set(True)
    try:
        yield
    finally:
        _force_primary.reset(reset_token)


def replica_available():
    """Whether the replica answers; a failed connection is remembered for a few
    seconds, so a dead replica costs one connection attempt per process per period."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except OperationalError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning("replica unreachable, reading from the primary: %s", error)
        connection.close()
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_APPS or _force_primary.get():
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY:
            return PRIMARY  # related rows of an object read from the primary
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        routing = _routing.get()
        if routing is not None and (routing.primary or routing.wrote or routing.pinned()):
            return PRIMARY
        return REPLICA if replica_available() else PRIMARY

    def db_for_write(self, model, **hints):
        routing = _routing.get()
        if routing is not None:
            routing.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # the replica gets the schema through replication
