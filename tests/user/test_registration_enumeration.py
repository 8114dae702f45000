"""Issue 10.5 and docs/api.md §13: no registration answer tells whether a phone number or a
username is registered before the SMS code is checked; attempts are limited per address."""
import pytest

from tests.user.test_registration import PHONE, register_payload, request_code

OTHER_PHONE = "13912340000"


def answer(response):
    return response.status_code, response.json()


@pytest.mark.django_db
def test_wrong_code_answers_the_same_for_a_registered_and_an_unknown_phone(api, make_user):
    make_user("someone", phone=PHONE)
    registered = api.post("/v1/users", register_payload(username="newbie", phone=PHONE))
    unknown = api.post("/v1/users", register_payload(username="newbie", phone=OTHER_PHONE))
    assert answer(registered) == answer(unknown)
    assert registered.status_code == 400 and registered.json()["code"] == 10105


@pytest.mark.django_db
def test_wrong_code_answers_the_same_for_a_taken_and_a_free_username(api, make_user):
    make_user("alice")
    taken = api.post("/v1/users", register_payload(username="alice"))
    free = api.post("/v1/users", register_payload(username="nobody1"))
    assert answer(taken) == answer(free)


@pytest.mark.django_db
def test_an_issued_but_wrong_code_answers_the_same_for_a_registered_phone(api, make_user, sms_gateway):
    make_user("someone", phone=PHONE)
    for phone in (PHONE, OTHER_PHONE):
        code = request_code(api, sms_gateway, phone)
        wrong = "111111" if code != "111111" else "222222"
        response = api.post("/v1/users", register_payload(username="newbie", phone=phone, sms_num=wrong))
        assert answer(response) == (400, {"code": 10104, "error": "The code is wrong",
                                          "fields": {"sms_num": "wrong code"}})


@pytest.mark.django_db
def test_asking_a_code_answers_the_same_for_a_registered_phone(api, make_user):
    make_user("someone", phone=PHONE)
    for phone in (PHONE, OTHER_PHONE):
        assert answer(api.post("/v1/users/sms", {"phone": phone})) == \
            (202, {"code": 200, "data": {"phone": phone}})


@pytest.mark.django_db
def test_twenty_registration_attempts_an_hour_are_allowed(api):
    statuses = {api.post("/v1/users", register_payload()).status_code for _ in range(20)}
    assert statuses == {400}


@pytest.mark.django_db
def test_registration_attempts_per_address_are_limited(api, settings):
    settings.REGISTER_ATTEMPTS_PER_IP = 3
    for _ in range(3):
        assert api.post("/v1/users", register_payload()).status_code == 400
    response = api.post("/v1/users", register_payload())
    assert response.status_code == 429 and response.json()["code"] == 10116
    assert int(response["Retry-After"]) == settings.REGISTER_WINDOW_SECONDS
    other_address = api.post("/v1/users", register_payload(), REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 400
