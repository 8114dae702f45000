import pytest
from django.core.cache import caches

from tools import ratelimit

DEAD_REDIS = {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
    "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Counters, codes and cooldowns start empty in every test, shared store and fallback."""
    caches["limits"].clear()
    ratelimit.fallback.clear()
    yield
    ratelimit.fallback.clear()


@pytest.fixture
def limits_down(settings):
    """The limits store is a Redis nobody answers on (outages ignored, as in production);
    the list cache is left as it is."""
    settings.CACHES = {**settings.CACHES, "limits": DEAD_REDIS}
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True


@pytest.fixture
def all_redis_down(redis_down, limits_down):
    """Both the list cache and the limits store are down."""
