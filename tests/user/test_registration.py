import re

import pytest
from django.core.cache import caches

from user.models import UserProfile

PHONE = "13912345678"


def register_payload(**overrides):
    return {"username": "alice", "email": "alice@example.com", "phone": PHONE,
            "password_1": "secret123", "password_2": "secret123", "sms_num": "000000",
            **overrides}


def request_code(api, sms_gateway, phone=PHONE):
    from tests.conftest import wait_for

    already_sent = len(sms_gateway.codes_for(phone))  # the stack's fake outlives a test
    response = api.post("/v1/users/sms", {"phone": phone})
    assert response.status_code == 202, response.content
    return wait_for(lambda: sms_gateway.codes_for(phone)[already_sent:])[-1]


@pytest.mark.django_db
def test_register_with_sms_code_returns_token(api, sms_gateway):
    code = request_code(api, sms_gateway)
    response = api.post("/v1/users", register_payload(sms_num=code))
    assert response.status_code == 201
    body = response.json()
    assert body["code"] == 200 and body["username"] == "alice" and body["data"]["token"]
    user = UserProfile.objects.get(username="alice")
    assert user.password.startswith("pbkdf2_sha256$") and user.check_password("secret123")


@pytest.mark.django_db
def test_sms_code_is_six_digits_sent_through_yuntongxun(api, sms_gateway):
    code = request_code(api, sms_gateway)
    assert re.fullmatch(r"[0-9]{6}", code)
    assert [code, "5"] in [m["datas"] for m in sms_gateway.messages if m["to"] == PHONE]


@pytest.mark.django_db
def test_wrong_code_is_rejected_and_user_not_created(api, sms_gateway):
    code = request_code(api, sms_gateway)
    wrong = "111111" if code != "111111" else "222222"
    response = api.post("/v1/users", register_payload(sms_num=wrong))
    assert response.status_code == 400 and response.json()["code"] == 10104
    assert not UserProfile.objects.exists()


@pytest.mark.django_db
def test_code_is_single_use(api, sms_gateway):
    code = request_code(api, sms_gateway)
    assert api.post("/v1/users", register_payload(sms_num=code)).status_code == 201
    again = api.post("/v1/users", register_payload(username="bob", sms_num=code))
    assert again.status_code == 400 and again.json()["code"] == 10105


@pytest.mark.django_db
def test_five_wrong_tries_burn_the_code(api, sms_gateway):
    code = request_code(api, sms_gateway)
    wrong = "111111" if code != "111111" else "222222"
    codes = [api.post("/v1/users", register_payload(sms_num=wrong)).json()["code"] for _ in range(5)]
    assert codes == [10104] * 4 + [10106]
    response = api.post("/v1/users", register_payload(sms_num=code))
    assert response.status_code == 400 and response.json()["code"] == 10105


@pytest.mark.django_db
def test_expired_code_is_rejected(api, sms_gateway):
    code = request_code(api, sms_gateway)
    caches["limits"].delete(f"sms:code:register:{PHONE}")  # what the 5-minute TTL does
    response = api.post("/v1/users", register_payload(sms_num=code))
    assert response.status_code == 400 and response.json()["code"] == 10105


@pytest.mark.django_db
def test_second_code_within_a_minute_is_429(api, sms_gateway):
    request_code(api, sms_gateway)
    response = api.post("/v1/users/sms", {"phone": PHONE})
    assert response.status_code == 429
    assert response.json()["code"] == 10107 and int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_daily_cap_per_phone(api, settings):
    settings.SMS_DAILY_LIMIT_PER_PHONE = 2
    for attempt in range(2):
        caches["limits"].delete(f"sms:cooldown:register:{PHONE}")
        assert api.post("/v1/users/sms", {"phone": PHONE}).status_code == 202
    caches["limits"].delete(f"sms:cooldown:register:{PHONE}")
    response = api.post("/v1/users/sms", {"phone": PHONE})
    assert response.status_code == 429 and response.json()["code"] == 10108


@pytest.mark.django_db
def test_daily_cap_per_ip(api, settings):
    settings.SMS_DAILY_LIMIT_PER_IP = 3
    statuses = [api.post("/v1/users/sms", {"phone": f"1391234000{i}"}).status_code for i in range(4)]
    assert statuses == [202, 202, 202, 429]


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["1234", "23912345678", "139123456789", "", "phone"])
def test_sms_rejects_non_mainland_phone(api, phone):
    response = api.post("/v1/users/sms", {"phone": phone})
    assert response.status_code == 400 and "phone" in response.json()["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [
    ("username", "ab"), ("username", "abcdefghijkl"), ("username", "bad-name"),
    ("username", "sms"), ("email", "not-an-email"), ("phone", "12345"),
    ("password_1", "short"), ("password_2", "different1"), ("sms_num", "12ab56"),
    ("username", 12345), ("password_1", ["secret123"]),
])
def test_register_rejects_invalid_field(api, field, value):
    response = api.post("/v1/users", register_payload(**{field: value}))
    assert response.status_code == 400
    assert field in response.json()["fields"]


@pytest.mark.django_db
def test_register_duplicate_username_is_409_once_the_code_is_right(api, make_user, sms_gateway):
    make_user("alice")
    response = api.post("/v1/users", register_payload(sms_num=request_code(api, sms_gateway)))
    assert response.status_code == 409 and response.json()["code"] == 10102


@pytest.mark.django_db
def test_a_taken_username_keeps_the_code_for_another_name(api, make_user, sms_gateway):
    make_user("alice")
    code = request_code(api, sms_gateway)
    assert api.post("/v1/users", register_payload(sms_num=code)).status_code == 409
    response = api.post("/v1/users", register_payload(username="alice2", sms_num=code))
    assert response.status_code == 201 and response.json()["username"] == "alice2"


@pytest.mark.django_db
def test_register_duplicate_username_in_other_case_is_409(api, make_user, sms_gateway):
    make_user("alice")
    response = api.post("/v1/users", register_payload(username="ALICE",
                                                      sms_num=request_code(api, sms_gateway)))
    assert response.status_code == 409 and response.json()["code"] == 10102


@pytest.mark.django_db
def test_register_duplicate_phone_is_409_once_the_code_is_right(api, make_user, sms_gateway):
    make_user("someone", phone=PHONE)
    response = api.post("/v1/users", register_payload(sms_num=request_code(api, sms_gateway)))
    assert response.status_code == 409 and response.json()["code"] == 10103


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
def test_malformed_json_is_400(api, body):
    response = api.generic("POST", "/v1/users", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == 10001


@pytest.mark.django_db
def test_wrong_method_is_405_json(api):
    response = api.delete("/v1/users")
    assert response.status_code == 405 and response.json()["code"] == 10002


@pytest.mark.django_db
def test_unknown_path_is_404_json(api):
    response = api.get("/v1/nothing/here")
    assert response.status_code == 404 and response.json()["code"] == 10003


@pytest.mark.django_db
def test_sms_while_the_cache_is_down_is_503_not_500(api, all_redis_down):
    response = api.post("/v1/users/sms", {"phone": PHONE})
    assert response.status_code == 503 and response.json()["code"] == 10007


@pytest.mark.django_db
def test_login_still_works_while_the_cache_is_down(api, make_user, all_redis_down):
    make_user("alice")
    response = api.post("/v1/tokens", {"username": "alice", "password": "secret123"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_username_lookup_is_exact(api, make_user):
    make_user("alice")
    assert api.get("/v1/users/ALICE").status_code == 404
