import os
import time

import pytest
from django.core.cache import caches
from django.test import Client, TestCase

from tests.fakes.yuntongxun import FakeYunTongXun, RemoteFakeYunTongXun
from tools import ratelimit
from tools.auth import make_token
from user.models import UserProfile

# Set by .ci/run's second pass: the fake gateway a real Celery worker sends to.
REMOTE_SMS_GATEWAY = os.environ.get("TEST_SMS_GATEWAY_URL")
ON_STACK = bool(os.environ.get("CELERY_BROKER_URL"))


def pytest_collection_modifyitems(config, items):
    if not ON_STACK:
        skip = pytest.mark.skip(reason="needs the production stack (.ci/run's second pass)")
        for item in items:
            if "stack" in item.keywords:
                item.add_marker(skip)


def clear_caches():
    """The list cache, the limits store (counters, SMS codes) and its in-process fallback."""
    for alias in ("default", "limits"):
        caches[alias].clear()
    ratelimit.fallback.clear()


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Fresh caches, a private media folder and a cheap (non-md5) password hash per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["tests.hashers.FastPBKDF2PasswordHasher"]
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def _no_publishing_on_read(settings):
    """A read publishes due articles at most every few seconds per process
    (topic/middleware.py), so whether one given request does depends on the tests
    before it, and a query count would hold only by chance: off here, on again in the
    tests of that feature (tests/topic/test_drafts.py)."""
    settings.PUBLISH_DUE_ON_READ = False


@pytest.fixture
def api():
    return ApiClient()


class ApiClient(Client):
    """Django's test client speaking JSON, with an optional token.

    A test runs inside one transaction that never commits; a real request's writes
    commit when it ends, so the on-commit work (events, invalidation) runs then too.
    """

    def __init__(self, token=None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)

    def _auth(self, extra):
        if self.token and "HTTP_AUTHORIZATION" not in extra:
            extra["HTTP_AUTHORIZATION"] = self.token
        return extra

    def get(self, path, data=None, **extra):
        return super().get(path, data, **self._auth(extra))

    def post(self, path, data=None, content_type="application/json", **extra):
        return super().post(path, data, content_type=content_type, **self._auth(extra))

    def put(self, path, data=None, content_type="application/json", **extra):
        return super().put(path, data, content_type=content_type, **self._auth(extra))

    def patch(self, path, data=None, content_type="application/json", **extra):
        return super().patch(path, data, content_type=content_type, **self._auth(extra))

    def delete(self, path, data=None, content_type="application/json", **extra):
        return super().delete(path, data, content_type=content_type, **self._auth(extra))


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def factory(username=None, password="secret123", **fields):
        counter["n"] += 1
        username = username or f"user{counter['n']}"
        phone = fields.pop("phone", f"1380000{counter['n']:04d}")
        return UserProfile.objects.create_user(
            username=username, password=password, phone=phone,
            email=fields.pop("email", f"{username}@example.com"),
            nickname=fields.pop("nickname", username), **fields,
        )

    return factory


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def as_alice(alice, login_as):
    return login_as(alice)


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def login_as():
    def client_for(user):
        return ApiClient(token=make_token(user))

    return client_for


@pytest.fixture
def sms_gateway(settings):
    """Where SMS codes end up: an in-thread fake, or the standalone one on the stack."""
    if REMOTE_SMS_GATEWAY:
        yield RemoteFakeYunTongXun(REMOTE_SMS_GATEWAY)
        return
    fake = FakeYunTongXun().start()
    for name, value in fake.settings().items():
        setattr(settings, name, value)
    yield fake
    fake.stop()


def wait_for(predicate, timeout=120.0, interval=0.05):
    """Poll until predicate() is truthy (work done by a real Celery worker). The deadline
    only fails a test whose work never happens: a busy machine may take long to get there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


@pytest.fixture
def redis_down(settings):
    """Redis (the cache and the limits store) is a server nobody answers on, with outages
    ignored (as in production)."""
    from django_redis.cache import RedisCache

    dead = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient",
                    "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
    settings.CACHES = {"default": dead, "limits": dead}
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    assert isinstance(caches["default"], RedisCache) and isinstance(caches["limits"], RedisCache)
