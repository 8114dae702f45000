"""Which database a query goes to when there is a read replica (tools/db_router.py).

The embedded default has one database, so the router runs here against stand-in
connections; tests/replica proves the same rules on a real MariaDB primary/replica.
"""
import time

import pytest
from django.core.cache import cache
from django.db.utils import OperationalError
from django.test import RequestFactory

from payment.models import Order
from tools import cache as versioned, db_router
from tools.auth import make_token
from tools.db_router import PRIMARY, REPLICA, ReplicaRouter
from tools.middleware import ReplicaRoutingMiddleware
from topic.models import Topic
from user.models import UserProfile


class FakeConnection:
    def __init__(self, reachable=True):
        self.in_atomic_block = False
        self.reachable = reachable
        self.attempts = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.attempts += 1
        if not self.reachable:
            raise OperationalError("(2003) Can't connect to MySQL server")

    def close(self):
        pass


@pytest.fixture
def connections(monkeypatch):
    fakes = {PRIMARY: FakeConnection(), REPLICA: FakeConnection()}
    monkeypatch.setattr(db_router, "connections", fakes)
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)
    return fakes


router = ReplicaRouter()


def serve(request, view):
    """Run `view(request)` behind the routing middleware; returns what it returned."""
    seen = {}

    def get_response(req):
        seen["value"] = view(req)
        return "response"

    ReplicaRoutingMiddleware(get_response)(request)
    return seen["value"]


def reads_from(method="get", path="/v1/topics/alice", token=None, model=Topic):
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    request = getattr(RequestFactory(), method)(path, **headers)
    return serve(request, lambda req: router.db_for_read(model))


def write_in_request(token):
    request = RequestFactory().put("/v1/topics/alice", HTTP_AUTHORIZATION=token)
    return serve(request, lambda req: router.db_for_write(Topic))


class Alice:  # make_token needs only these
    pk, username, token_version = 7, "alice", 0


def test_a_visitors_read_goes_to_the_replica(connections):
    assert reads_from() == REPLICA


def test_a_visitors_read_costs_no_cache_lookup(connections, monkeypatch):
    monkeypatch.setattr(db_router.cache, "get", lambda *a, **k: pytest.fail("cache read"))
    assert reads_from() == REPLICA


def test_a_read_outside_any_request_goes_to_the_replica(connections):
    assert router.db_for_read(Topic) == REPLICA


def test_every_write_goes_to_the_primary(connections):
    assert router.db_for_write(Topic) == PRIMARY
    assert router.db_for_write(UserProfile) == PRIMARY


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_read_of_a_writing_request_goes_to_the_primary(connections, method):
    assert reads_from(method=method) == PRIMARY


def test_a_read_inside_a_transaction_of_the_primary_goes_to_the_primary(connections):
    connections[PRIMARY].in_atomic_block = True
    assert reads_from() == PRIMARY


def test_payment_reads_go_to_the_primary(connections):
    assert router.db_for_read(Order) == PRIMARY
    assert reads_from(model=Order) == PRIMARY


@pytest.mark.parametrize("path", ["/v1/orders", "/v1/orders/abc", "/v1/payment/result"])
def test_every_read_of_a_payment_request_goes_to_the_primary(connections, path):
    assert reads_from(path=path) == PRIMARY


def test_related_rows_of_an_object_read_from_the_primary_come_from_the_primary(connections):
    topic = Topic()
    topic._state.db = PRIMARY
    assert router.db_for_read(UserProfile, instance=topic) == PRIMARY


def test_an_author_reads_from_the_primary_right_after_their_own_write(connections):
    token = make_token(Alice)
    assert reads_from(token=token) == REPLICA
    write_in_request(token)
    assert reads_from(token=token) == PRIMARY


def test_another_users_reads_stay_on_the_replica_after_someone_writes(connections):
    write_in_request(make_token(Alice))

    class Bob:
        pk, username, token_version = 8, "bob", 0

    assert reads_from(token=make_token(Bob)) == REPLICA
    assert reads_from() == REPLICA


def test_the_authors_pin_ends_after_a_few_seconds(connections, settings):
    settings.REPLICA_PIN_SECONDS = 1
    token = make_token(Alice)
    write_in_request(token)
    assert reads_from(token=token) == PRIMARY
    deadline = time.monotonic() + 30
    while reads_from(token=token) == PRIMARY:
        assert time.monotonic() < deadline, "the pin never ended"
        time.sleep(0.1)


def test_a_forged_token_is_never_pinned(connections):
    write_in_request(make_token(Alice))
    forged = make_token(Alice)[:-4] + "AAAA"
    assert reads_from(token=forged) == REPLICA


def test_an_unreachable_replica_sends_reads_to_the_primary(connections):
    connections[REPLICA].reachable = False
    assert reads_from() == PRIMARY


def test_an_unreachable_replica_is_tried_once_per_period_not_per_query(connections):
    connections[REPLICA].reachable = False
    for _ in range(5):
        assert reads_from() == PRIMARY
    assert connections[REPLICA].attempts == 1


def test_a_replica_that_comes_back_is_used_again_after_the_period(connections, monkeypatch):
    connections[REPLICA].reachable = False
    assert reads_from() == PRIMARY
    connections[REPLICA].reachable = True
    monkeypatch.setattr(db_router, "_replica_down_until", time.monotonic() - 1)
    assert reads_from() == REPLICA


def test_primary_reads_block_reads_from_the_primary(connections):
    with db_router.primary_reads():
        assert router.db_for_read(Topic) == PRIMARY
    assert router.db_for_read(Topic) == REPLICA


def test_a_cache_value_computed_right_after_a_write_to_its_scope_reads_the_primary(connections):
    seen = []

    def compute():
        seen.append(router.db_for_read(Topic))
        return len(seen)

    versioned.bump_version("author:alice")
    versioned.cached_for_version(("author:alice",), ("x",), compute)
    cache.delete("recent:author:alice")  # the few seconds have passed
    versioned.bump_version("all:")
    versioned.cached_for_version(("author:alice",), ("y",), compute)
    assert seen == [PRIMARY, REPLICA]


def test_migrations_run_on_the_primary_only(connections):
    assert router.allow_migrate(PRIMARY, "topic") is True
    assert router.allow_migrate(REPLICA, "topic") is False
