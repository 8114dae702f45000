"""docs/api.md §13, forgot password: a reset code to a registered phone, the same answer for
any phone, a new password that revokes every older token."""
import pytest
from django.core.cache import caches

from tests.conftest import wait_for
from tools.auth import make_token
from user import sms_codes

PHONE = "13912345678"
UNKNOWN_PHONE = "13987654321"
NEW_PASSWORD = "brand-new-1"


def answer(response):
    return response.status_code, response.json()


def reset_payload(**overrides):
    return {"phone": PHONE, "sms_num": "000000", "password_1": NEW_PASSWORD,
            "password_2": NEW_PASSWORD, **overrides}


def request_reset_code(api, sms_gateway, phone=PHONE):
    already_sent = len(sms_gateway.codes_for(phone))
    response = api.post("/v1/users/password/sms", {"phone": phone})
    assert response.status_code == 202, response.content
    return wait_for(lambda: sms_gateway.codes_for(phone)[already_sent:])[-1]


@pytest.fixture
def owner(make_user):
    return make_user("owner", password="old-secret", phone=PHONE)


@pytest.mark.django_db
def test_a_reset_code_is_sent_to_a_registered_phone(api, owner, sms_gateway):
    code = request_reset_code(api, sms_gateway)
    assert len(code) == 6 and code.isascii() and code.isdigit()


@pytest.mark.django_db
def test_asking_a_reset_code_answers_the_same_for_an_unknown_phone_and_sends_nothing(
        api, owner, sms_gateway):
    registered = api.post("/v1/users/password/sms", {"phone": PHONE})
    nobody = "13987650001"  # used by no other test: the stack's fake gateway outlives one
    unknown = api.post("/v1/users/password/sms", {"phone": nobody})
    assert answer(registered) == (202, {"code": 200, "data": {"phone": PHONE}})
    assert answer(unknown) == (202, {"code": 200, "data": {"phone": nobody}})
    wait_for(lambda: sms_gateway.codes_for(PHONE))
    assert sms_gateway.codes_for(nobody) == []


@pytest.mark.django_db
def test_the_reset_code_cooldown_holds_for_an_unknown_phone_too(api, owner):
    for phone in (PHONE, UNKNOWN_PHONE):
        assert api.post("/v1/users/password/sms", {"phone": phone}).status_code == 202
        again = api.post("/v1/users/password/sms", {"phone": phone})
        assert again.status_code == 429 and again.json()["code"] == 10107


@pytest.mark.django_db
def test_a_wrong_code_answers_the_same_for_a_registered_and_an_unknown_phone(api, owner, sms_gateway):
    code = request_reset_code(api, sms_gateway)
    api.post("/v1/users/password/sms", {"phone": UNKNOWN_PHONE})
    wrong = "111111" if code != "111111" else "222222"
    registered = api.post("/v1/users/password/reset", reset_payload(sms_num=wrong))
    unknown = api.post("/v1/users/password/reset", reset_payload(phone=UNKNOWN_PHONE, sms_num=wrong))
    assert answer(registered) == answer(unknown) == (
        400, {"code": 10104, "error": "The code is wrong", "fields": {"sms_num": "wrong code"}})


@pytest.mark.django_db
def test_the_right_code_for_an_unknown_phone_is_still_a_wrong_code(api):
    api.post("/v1/users/password/sms", {"phone": UNKNOWN_PHONE})
    kept = caches["limits"].get(sms_codes.code_key(sms_codes.RESET, UNKNOWN_PHONE))
    response = api.post("/v1/users/password/reset", reset_payload(phone=UNKNOWN_PHONE, sms_num=kept))
    assert response.status_code == 400 and response.json()["code"] == 10104


@pytest.mark.django_db
def test_reset_sets_the_new_password(api, owner, sms_gateway):
    code = request_reset_code(api, sms_gateway)
    response = api.post("/v1/users/password/reset", reset_payload(sms_num=code))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "owner" and body["data"]["token"]
    assert api.post("/v1/tokens", {"username": "owner", "password": NEW_PASSWORD}).status_code == 200
    assert api.post("/v1/tokens", {"username": "owner", "password": "old-secret"}).status_code == 401


@pytest.mark.django_db
def test_reset_revokes_every_older_token(api, owner, sms_gateway, login_as):
    old_client = login_as(owner)
    assert old_client.put("/v1/users/owner", {"sign": "before"}).status_code == 200
    code = request_reset_code(api, sms_gateway)
    new_token = api.post("/v1/users/password/reset", reset_payload(sms_num=code)).json()["data"]["token"]
    refused = old_client.put("/v1/users/owner", {"sign": "after"})
    assert refused.status_code == 401 and refused.json()["code"] == 10202
    assert api.put("/v1/users/owner", {"sign": "after"}, HTTP_AUTHORIZATION=new_token).status_code == 200


@pytest.mark.django_db
def test_a_reset_code_works_once(api, owner, sms_gateway):
    code = request_reset_code(api, sms_gateway)
    assert api.post("/v1/users/password/reset", reset_payload(sms_num=code)).status_code == 200
    again = api.post("/v1/users/password/reset", reset_payload(sms_num=code, password_1="x" * 8,
                                                                password_2="x" * 8))
    assert again.status_code == 400 and again.json()["code"] == 10105


@pytest.mark.django_db
def test_a_registration_code_cannot_reset_a_password(api, owner, sms_gateway):
    api.post("/v1/users/sms", {"phone": PHONE})
    code = wait_for(lambda: sms_gateway.codes_for(PHONE))[-1]
    response = api.post("/v1/users/password/reset", reset_payload(sms_num=code))
    assert response.status_code == 400 and response.json()["code"] == 10105
    assert api.post("/v1/tokens", {"username": "owner", "password": "old-secret"}).status_code == 200


@pytest.mark.django_db
def test_a_reset_code_cannot_register_an_account(api, sms_gateway, make_user):
    make_user("someone", phone=UNKNOWN_PHONE)  # a registered phone gets the reset code
    code = request_reset_code(api, sms_gateway, UNKNOWN_PHONE)
    response = api.post("/v1/users", {"username": "newbie", "email": "n@example.com",
                                      "phone": UNKNOWN_PHONE, "password_1": "secret123",
                                      "password_2": "secret123", "sms_num": code})
    assert response.status_code == 400 and response.json()["code"] == 10105


@pytest.mark.django_db
def test_reset_lifts_a_password_login_lockout(api, owner, sms_gateway, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 1):
        api.post("/v1/tokens", {"username": "owner", "password": "guess-wrong"})
    assert api.post("/v1/tokens", {"username": "owner", "password": "old-secret"}).status_code == 429
    code = request_reset_code(api, sms_gateway)
    assert api.post("/v1/users/password/reset", reset_payload(sms_num=code)).status_code == 200
    assert api.post("/v1/tokens", {"username": "owner", "password": NEW_PASSWORD}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("change, field", [
    ({"password_2": "different-1"}, "password_2"),
    ({"password_1": "short", "password_2": "short"}, "password_1"),
    ({"sms_num": "１２３４５６"}, "sms_num"),
    ({"phone": "1391234567"}, "phone"),
])
def test_bad_reset_input_is_a_400_naming_the_field(api, change, field):
    response = api.post("/v1/users/password/reset", reset_payload(**change))
    assert response.status_code == 400 and response.json()["code"] == 10101
    assert field in response.json()["fields"]


@pytest.mark.django_db
def test_reset_attempts_per_address_are_limited(api, settings):
    settings.RESET_ATTEMPTS_PER_IP = 3
    for _ in range(3):
        assert api.post("/v1/users/password/reset", reset_payload()).status_code == 400
    response = api.post("/v1/users/password/reset", reset_payload())
    assert response.status_code == 429 and response.json()["code"] == 10117
    assert int(response["Retry-After"]) == settings.RESET_WINDOW_SECONDS


@pytest.mark.django_db
def test_twenty_reset_attempts_an_hour_are_allowed(api):
    statuses = {api.post("/v1/users/password/reset", reset_payload()).status_code for _ in range(20)}
    assert statuses == {400}
