"""Issue 10.6: with Redis down, login limits do not switch off. A live server whose
Redis (cache and limits) listens nowhere still answers 429 after the allowed failures,
counting in its own process; SMS codes, which cannot be shared then, answer 503."""
import requests

from tests.hardening.conftest import REQUEST_TIMEOUT, free_port, manage_ok, server_env

CREATE_USER = """
from user.models import UserProfile
UserProfile.objects.create_user(username="carol", password="secret123", phone="13800000003",
                                email="carol@example.com", nickname="carol")
"""


def test_login_is_throttled_and_codes_are_503_with_redis_down(start_server, tmp_path):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    env = server_env(tmp_path, REDIS_URL=dead, REDIS_LIMITS_URL=dead, LOGIN_FAILURES_PER_USERNAME="3")
    manage_ok(env, "migrate", "--noinput")
    manage_ok(env, "shell", "-c", CREATE_USER)
    server = start_server(env)

    def login(password):
        return requests.post(f"{server.url}/v1/tokens", json={"username": "carol", "password": password},
                             timeout=REQUEST_TIMEOUT)

    assert [login("wrong-password").status_code for _ in range(4)] == [401, 401, 401, 429]
    throttled = login("secret123")
    assert throttled.status_code == 429 and throttled.json()["code"] == 10110

    code = requests.post(f"{server.url}/v1/users/sms", json={"phone": "13912345678"},
                         timeout=REQUEST_TIMEOUT)
    assert code.status_code == 503 and code.json()["code"] == 10007
