"""docs/api.md §13, log in with an SMS code: a login code to a registered phone, then
POST /v1/tokens {phone, sms_num} answers like a password login. Codes of one purpose
never serve another; cooldowns and caps are those of registration codes."""
import pytest
from django.core.cache import caches

from tests.conftest import wait_for
from tools.auth import user_from_token
from user import sms_codes

PHONE = "13912345678"
UNKNOWN_PHONE = "13987654321"


def answer(response):
    return response.status_code, response.json()


def request_login_code(api, sms_gateway, phone=PHONE):
    already_sent = len(sms_gateway.codes_for(phone))
    response = api.post("/v1/tokens/sms", {"phone": phone})
    assert response.status_code == 202, response.content
    return wait_for(lambda: sms_gateway.codes_for(phone)[already_sent:])[-1]


@pytest.fixture
def owner(make_user):
    return make_user("owner", password="old-secret", phone=PHONE)


@pytest.mark.django_db
def test_login_with_an_sms_code_answers_like_a_password_login(api, owner, sms_gateway):
    code = request_login_code(api, sms_gateway)
    by_code = api.post("/v1/tokens", {"phone": PHONE, "sms_num": code})
    by_password = api.post("/v1/tokens", {"username": "owner", "password": "old-secret"})
    assert by_code.status_code == by_password.status_code == 200
    assert by_code.json().keys() == by_password.json().keys() == {"code", "username", "data"}
    assert by_code.json()["username"] == "owner" and by_code.json()["data"].keys() == {"token"}
    assert user_from_token(by_code.json()["data"]["token"]) == owner


@pytest.mark.django_db
def test_asking_a_login_code_answers_the_same_for_an_unknown_phone_and_sends_nothing(
        api, owner, sms_gateway):
    nobody = "13987650002"  # used by no other test: the stack's fake gateway outlives one
    assert answer(api.post("/v1/tokens/sms", {"phone": PHONE})) == (202, {"code": 200, "data": {"phone": PHONE}})
    assert answer(api.post("/v1/tokens/sms", {"phone": nobody})) == (202, {"code": 200, "data": {"phone": nobody}})
    wait_for(lambda: sms_gateway.codes_for(PHONE))
    assert sms_gateway.codes_for(nobody) == []


@pytest.mark.django_db
def test_a_wrong_login_code_answers_the_same_for_a_registered_and_an_unknown_phone(api, owner, sms_gateway):
    code = request_login_code(api, sms_gateway)
    api.post("/v1/tokens/sms", {"phone": UNKNOWN_PHONE})
    wrong = "111111" if code != "111111" else "222222"
    registered = api.post("/v1/tokens", {"phone": PHONE, "sms_num": wrong})
    unknown = api.post("/v1/tokens", {"phone": UNKNOWN_PHONE, "sms_num": wrong})
    assert answer(registered) == answer(unknown) == (
        400, {"code": 10104, "error": "The code is wrong", "fields": {"sms_num": "wrong code"}})


@pytest.mark.django_db
def test_the_right_code_for_an_unknown_phone_logs_nobody_in(api):
    api.post("/v1/tokens/sms", {"phone": UNKNOWN_PHONE})
    kept = caches["limits"].get(sms_codes.code_key(sms_codes.LOGIN, UNKNOWN_PHONE))
    response = api.post("/v1/tokens", {"phone": UNKNOWN_PHONE, "sms_num": kept})
    assert response.status_code == 400 and response.json()["code"] == 10104


@pytest.mark.django_db
def test_a_login_code_works_once(api, owner, sms_gateway):
    code = request_login_code(api, sms_gateway)
    assert api.post("/v1/tokens", {"phone": PHONE, "sms_num": code}).status_code == 200
    again = api.post("/v1/tokens", {"phone": PHONE, "sms_num": code})
    assert again.status_code == 400 and again.json()["code"] == 10105


@pytest.mark.django_db
def test_five_wrong_login_codes_burn_the_code(api, owner, sms_gateway, settings):
    code = request_login_code(api, sms_gateway)
    wrong = "111111" if code != "111111" else "222222"
    answers = [api.post("/v1/tokens", {"phone": PHONE, "sms_num": wrong}).json()["code"]
               for _ in range(settings.SMS_MAX_WRONG_TRIES)]
    assert answers == [10104] * (settings.SMS_MAX_WRONG_TRIES - 1) + [10106]
    assert api.post("/v1/tokens", {"phone": PHONE, "sms_num": code}).json()["code"] == 10105


@pytest.mark.django_db
@pytest.mark.parametrize("code_path, used_at", [
    ("/v1/users/sms", "login"),            # a registration code does not log in
    ("/v1/users/password/sms", "login"),   # nor does a reset code
    ("/v1/tokens/sms", "reset"),           # a login code does not reset a password
    ("/v1/tokens/sms", "register"),        # nor register an account
])
def test_codes_of_one_purpose_never_serve_another(api, owner, sms_gateway, code_path, used_at):
    phone = PHONE if used_at != "register" else UNKNOWN_PHONE
    if used_at == "register":
        owner.phone = UNKNOWN_PHONE  # the login code goes to registered phones only
        owner.save()
    already = len(sms_gateway.codes_for(phone))
    assert api.post(code_path, {"phone": phone}).status_code == 202
    code = wait_for(lambda: sms_gateway.codes_for(phone)[already:])[-1]
    if used_at == "login":
        response = api.post("/v1/tokens", {"phone": phone, "sms_num": code})
    elif used_at == "reset":
        response = api.post("/v1/users/password/reset", {"phone": phone, "sms_num": code,
                                                          "password_1": "new-pass-1", "password_2": "new-pass-1"})
    else:
        response = api.post("/v1/users", {"username": "newbie", "email": "n@example.com", "phone": phone,
                                          "password_1": "secret123", "password_2": "secret123", "sms_num": code})
    assert response.status_code == 400 and response.json()["code"] == 10105


@pytest.mark.django_db
def test_one_code_per_phone_and_purpose_per_minute_but_purposes_do_not_block_each_other(api, owner):
    for path in ("/v1/users/sms", "/v1/tokens/sms", "/v1/users/password/sms"):
        assert api.post(path, {"phone": PHONE}).status_code == 202
    for path in ("/v1/users/sms", "/v1/tokens/sms", "/v1/users/password/sms"):
        again = api.post(path, {"phone": PHONE})
        assert again.status_code == 429 and again.json()["code"] == 10107
        assert int(again["Retry-After"]) == 60


@pytest.mark.django_db
def test_ten_code_requests_an_hour_from_one_address_are_allowed(api):
    phones = [f"1391234{n:04d}" for n in range(10)]
    paths = ["/v1/users/sms", "/v1/tokens/sms", "/v1/users/password/sms"]
    statuses = [api.post(paths[n % 3], {"phone": phone}).status_code for n, phone in enumerate(phones)]
    assert statuses == [202] * 10


@pytest.mark.django_db
def test_the_daily_cap_per_phone_counts_every_purpose(api, settings):
    settings.SMS_DAILY_LIMIT_PER_PHONE = 2
    assert api.post("/v1/users/sms", {"phone": PHONE}).status_code == 202
    assert api.post("/v1/tokens/sms", {"phone": PHONE}).status_code == 202
    response = api.post("/v1/users/password/sms", {"phone": PHONE})
    assert response.status_code == 429 and response.json()["code"] == 10108


@pytest.mark.django_db
def test_twenty_sms_login_attempts_an_hour_are_allowed(api):
    statuses = {api.post("/v1/tokens", {"phone": PHONE, "sms_num": "123456"}).status_code
                for _ in range(20)}
    assert statuses == {400}


@pytest.mark.django_db
def test_sms_login_attempts_count_against_the_address(api, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    for _ in range(3):
        assert api.post("/v1/tokens", {"phone": PHONE, "sms_num": "123456"}).status_code == 400
    response = api.post("/v1/tokens", {"phone": PHONE, "sms_num": "123456"})
    assert response.status_code == 429 and response.json()["code"] == 10110


@pytest.mark.django_db
def test_sms_login_gets_the_owner_past_a_password_lockout(api, owner, sms_gateway, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 1):
        api.post("/v1/tokens", {"username": "owner", "password": "guess-wrong"})
    assert api.post("/v1/tokens", {"username": "owner", "password": "old-secret"}).status_code == 429
    code = request_login_code(api, sms_gateway)
    assert api.post("/v1/tokens", {"phone": PHONE, "sms_num": code}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("body", [
    {"phone": PHONE},
    {"sms_num": "123456"},
    {"phone": PHONE, "sms_num": "12345"},
    {"phone": "phone", "sms_num": "123456"},
    {"phone": PHONE, "sms_num": 123456},
])
def test_bad_sms_login_input_is_a_400(api, body):
    response = api.post("/v1/tokens", body)
    assert response.status_code == 400 and response.json()["code"] == 10101
