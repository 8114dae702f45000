"""Issue 10.7: digits are ASCII 0-9 everywhere. Full-width and other Unicode digits
(which `\\d`, int() and str.isdigit() all accept) are a 400, never a 500 or a match."""
import pytest

from tests.user.test_registration import register_payload, request_code

NON_ASCII_PHONES = ["13８00000001", "１３８００００００01", "13٨00000001", "138000000０1"]


@pytest.mark.django_db
def test_a_full_width_sms_code_is_400_not_500(api, sms_gateway):
    request_code(api, sms_gateway)
    response = api.post("/v1/users", register_payload(sms_num="１２３４５６"))
    assert response.status_code == 400 and "sms_num" in response.json()["fields"]


@pytest.mark.django_db
def test_the_full_width_spelling_of_the_right_code_is_refused(api, sms_gateway):
    code = request_code(api, sms_gateway)
    full_width = code.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    assert api.post("/v1/users", register_payload(sms_num=full_width)).status_code == 400
    assert api.post("/v1/users", register_payload(sms_num=code)).status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize("phone", NON_ASCII_PHONES)
def test_a_phone_with_non_ascii_digits_gets_no_code(api, phone):
    response = api.post("/v1/users/sms", {"phone": phone})
    assert response.status_code == 400 and "phone" in response.json()["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize("phone", NON_ASCII_PHONES)
def test_a_phone_with_non_ascii_digits_cannot_register(api, phone):
    response = api.post("/v1/users", register_payload(phone=phone))
    assert response.status_code == 400 and "phone" in response.json()["fields"]
