import time

import jwt
import pytest
from django.conf import settings

from tools.auth import make_token


@pytest.mark.django_db
def test_login_returns_token_usable_raw_and_as_bearer(api, make_user):
    make_user("alice")
    response = api.post("/v1/tokens", {"username": "alice", "password": "secret123"})
    assert response.status_code == 200 and response.json()["username"] == "alice"
    token = response.json()["data"]["token"]
    for header in (token, f"Bearer {token}"):
        me = api.get("/v1/users/alice", HTTP_AUTHORIZATION=header)
        assert me.json()["data"]["phone"]  # only the owner sees it


@pytest.mark.django_db
def test_login_with_wrong_password_is_401(api, make_user):
    make_user("alice")
    response = api.post("/v1/tokens", {"username": "alice", "password": "wrong-pass"})
    assert response.status_code == 401 and response.json()["code"] == 10109


@pytest.mark.django_db
def test_repeated_login_failures_are_throttled(api, make_user, settings):
    make_user("alice")
    statuses = [api.post("/v1/tokens", {"username": "alice", "password": "nope-nope"}).status_code
                for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 1)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {401}
    # Even the right password waits out the throttle.
    response = api.post("/v1/tokens", {"username": "alice", "password": "secret123"})
    assert response.status_code == 429 and "Retry-After" in response


@pytest.mark.django_db
def test_login_failures_per_ip_are_throttled(api, make_user, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    for i in range(3):
        api.post("/v1/tokens", {"username": f"ghost{i}", "password": "nope-nope"})
    response = api.post("/v1/tokens", {"username": "another", "password": "nope-nope"})
    assert response.status_code == 429 and response.json()["code"] == 10110


def forged(payload, key=None, algorithm="HS256"):
    return jwt.encode(payload, key or settings.JWT_SECRET, algorithm=algorithm)


@pytest.mark.django_db
def test_expired_token_is_401(api, make_user):
    user = make_user("alice")
    token = make_token(user, now=time.time() - settings.JWT_EXPIRE_SECONDS - 5)
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401 and response.json()["code"] == 10201


@pytest.mark.django_db
def test_token_signed_with_other_key_is_401(api, make_user):
    make_user("alice")
    token = forged({"username": "alice", "ver": 0, "exp": int(time.time()) + 60}, key="x" * 40)
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401 and response.json()["code"] == 10200


@pytest.mark.django_db
def test_alg_none_token_is_401(api, make_user):
    make_user("alice")
    token = jwt.encode({"username": "alice", "ver": 0, "exp": int(time.time()) + 60}, None,
                       algorithm="none")
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401


@pytest.mark.django_db
def test_token_without_exp_is_401(api, make_user):
    make_user("alice")
    response = api.put("/v1/users/alice", {"sign": "x"},
                       HTTP_AUTHORIZATION=forged({"username": "alice", "ver": 0}))
    assert response.status_code == 401


@pytest.mark.django_db
def test_tampered_token_is_401(api, make_user):
    token = make_token(make_user("alice"))
    head, payload, sig = token.split(".")
    tampered = f"{head}.{payload[:-2]}AA.{sig}"
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=tampered)
    assert response.status_code == 401


@pytest.mark.django_db
def test_missing_token_is_401(api, make_user):
    make_user("alice")
    response = api.put("/v1/users/alice", {"sign": "x"})
    assert response.status_code == 401 and response.json()["code"] == 10200


@pytest.mark.django_db
def test_token_of_deleted_user_is_401(api, make_user):
    user = make_user("alice")
    token = make_token(user)
    user.delete()
    response = api.get("/v1/users/bob", HTTP_AUTHORIZATION=token)
    assert response.status_code == 401
