"""Login throttling holds across processes: two gunicorn servers sharing one Redis.

The account gets a fresh random name per run and nothing is flushed, so runs on other
checkouts sharing this Redis cannot disturb each other."""
import secrets

import pytest
import redis
import requests

from tests.hardening.conftest import REQUEST_TIMEOUT, manage_ok, server_env

REDIS_URL = "redis://127.0.0.1:6379/13"
USERNAME = "c" + secrets.token_hex(5)
USER_ID = secrets.randbelow(10**12) + 10**6  # the throttle counts per account id
CREATE_USER = f"""
from user.models import UserProfile
UserProfile.objects.create_user(id={USER_ID}, username="{USERNAME}", password="secret123", phone="13800000003",
                                email="carol@example.com", nickname="carol")
"""


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis answers at {REDIS_URL}")


def login(server, password):
    return requests.post(f"{server.url}/v1/tokens", json={"username": USERNAME, "password": password},
                         timeout=REQUEST_TIMEOUT)


def test_login_failures_spread_over_two_processes_hit_the_429_limit(shared_redis, start_server, tmp_path):
    env = server_env(tmp_path, REDIS_URL=REDIS_URL, LOGIN_FAILURES_PER_USERNAME="5",
                     LOGIN_FAILURES_PER_IP="1000")
    manage_ok(env, "migrate", "--noinput")
    manage_ok(env, "shell", "-c", CREATE_USER)
    first, second = start_server(env), start_server(env)

    # 3 failures on one process, 2 on the other: neither alone reached the limit of 5.
    for attempt in range(5):
        response = login(first if attempt % 2 == 0 else second, "wrong-password")
        assert response.status_code == 401, response.text

    for server in (first, second):
        response = login(server, "secret123")  # even the right password waits now
        assert response.status_code == 429
        assert response.json()["code"] == 10110
        assert int(response.headers["Retry-After"]) > 0
