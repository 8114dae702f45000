"""Issue 10.3: concurrent wrong passwords cannot all slip under the login throttle: each
attempt is counted (atomically) before its password is checked."""
import threading
import time

import pytest
from django.db import connection

from tests.conftest import ApiClient
from tests.hashers import FastPBKDF2PasswordHasher

CONCURRENT = 20


@pytest.fixture
def slow_password_check(monkeypatch):
    """Every password hash (a check, or the stand-in for an unknown user) takes 0.3 s, so
    the requests below overlap for sure."""
    original = FastPBKDF2PasswordHasher.encode

    def slow_encode(self, *args, **kwargs):
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FastPBKDF2PasswordHasher, "encode", slow_encode)


def concurrently(count, request):
    start = threading.Barrier(count)
    statuses = [None] * count

    def run(index):
        try:
            start.wait()
            statuses[index] = request(index)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_wrong_passwords_are_429_once_over_the_limit(make_user, settings,
                                                                       slow_password_check):
    make_user("carol")
    limit = settings.LOGIN_FAILURES_PER_USERNAME

    def wrong_password(index):
        return ApiClient().post("/v1/tokens", {"username": "carol", "password": "wrong-pass"},
                                REMOTE_ADDR=f"10.0.0.{index}").status_code

    statuses = concurrently(CONCURRENT, wrong_password)
    assert sorted(statuses) == [401] * limit + [429] * (CONCURRENT - limit)


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_from_one_address_stop_at_the_address_limit(make_user, settings,
                                                                        slow_password_check):
    settings.LOGIN_FAILURES_PER_IP = 4

    def guess(index):
        return ApiClient().post("/v1/tokens", {"username": f"ghost{index}", "password": "wrong-pass"},
                                REMOTE_ADDR="10.9.9.9").status_code

    statuses = concurrently(CONCURRENT, guess)
    assert sorted(statuses) == [401] * 4 + [429] * (CONCURRENT - 4)
