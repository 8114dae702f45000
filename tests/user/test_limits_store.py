"""Issue 10.4 and 10.6: counters, SMS codes and cooldowns live in their own store, which
list-cache traffic cannot evict, and limits keep working in each process while that
store (Redis) is down."""
import json
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from tests.user.test_registration import PHONE, register_payload, request_code
from tools import ratelimit


def fill_the_list_cache(entries=1000):
    for i in range(entries):
        cache.set(f"list:filler:{i}", "x" * 100, 600)


def wrong_login(api, username="alice"):
    return api.post("/v1/tokens", {"username": username, "password": "wrong-pass"})


@pytest.mark.django_db
def test_filling_the_cache_does_not_reset_a_login_failure_counter(api, make_user, settings):
    make_user("alice")
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert wrong_login(api).status_code == 401
    fill_the_list_cache()
    assert api.post("/v1/tokens", {"username": "alice", "password": "secret123"}).status_code == 429


@pytest.mark.django_db
def test_filling_the_cache_does_not_lose_an_sms_code(api, sms_gateway):
    code = request_code(api, sms_gateway)
    fill_the_list_cache()
    assert api.post("/v1/users", register_payload(sms_num=code)).status_code == 201


@pytest.mark.django_db
def test_filling_the_cache_does_not_lift_the_sms_cooldown(api, sms_gateway):
    request_code(api, sms_gateway)
    fill_the_list_cache()
    assert api.post("/v1/users/sms", {"phone": PHONE}).status_code == 429


@pytest.mark.django_db
def test_login_is_still_throttled_while_the_limits_store_is_down(api, make_user, settings, limits_down):
    make_user("alice")
    statuses = [wrong_login(api).status_code for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 1)]
    assert statuses == [401] * settings.LOGIN_FAILURES_PER_USERNAME + [429]
    assert api.post("/v1/tokens", {"username": "alice", "password": "secret123"}).status_code == 429


@pytest.mark.django_db
def test_login_works_while_the_limits_store_is_down(api, make_user, limits_down):
    make_user("alice")
    assert api.post("/v1/tokens", {"username": "alice", "password": "secret123"}).status_code == 200


@pytest.mark.django_db
def test_registration_is_still_rate_limited_while_the_limits_store_is_down(api, settings, limits_down):
    settings.REGISTER_ATTEMPTS_PER_IP = 2
    statuses = [api.post("/v1/users", register_payload()).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_the_fallback_counts_in_the_same_windows(limits_down):
    assert [ratelimit.hit("k", 60) for _ in range(3)] == [1, 2, 3]
    ratelimit.reset("k")
    assert ratelimit.hit("k", 60) == 1


def test_counting_is_one_per_event_in_the_shared_store():
    assert [ratelimit.hit("k", 60) for _ in range(3)] == [1, 2, 3]
    ratelimit.give_back("k")
    assert ratelimit.hit("k", 60) == 3


def settings_of(**env):
    """CACHES as a fresh process builds them from these variables."""
    code = "from django.conf import settings; import json; print(json.dumps(settings.CACHES))"
    variables = {"DJANGO_SETTINGS_MODULE": "longtoblog.settings", "PATH": "/usr/bin:/bin",
                 "JIUZHI_LOCAL_DIR": str(django_settings.LOCAL_DIR), **env}
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                            cwd=django_settings.BASE_DIR, env=variables, capture_output=True,
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_keeps_limits_in_their_own_large_local_store():
    caches = settings_of()
    assert caches["limits"]["BACKEND"].endswith("LocMemCache")
    assert caches["limits"]["LOCATION"] != caches["default"].get("LOCATION", "")
    assert caches["limits"]["OPTIONS"]["MAX_ENTRIES"] >= 100_000


def test_redis_limits_url_points_the_limits_store_elsewhere():
    caches = settings_of(REDIS_URL="redis://cache.internal:6379/0",
                         REDIS_LIMITS_URL="redis://limits.internal:6379/0")
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert caches["limits"]["LOCATION"] == "redis://limits.internal:6379/0"


def test_without_redis_limits_url_limits_share_the_cache_database_under_their_own_prefix():
    caches = settings_of(REDIS_URL="redis://cache.internal:6379/3")
    assert caches["limits"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert caches["limits"]["KEY_PREFIX"] != caches["default"]["KEY_PREFIX"]
