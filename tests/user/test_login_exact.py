"""Issue 10.2: a login matches the username exactly, as registration spells it, and the
throttle counts per resolved account and per client address."""
import pytest

from user.models import UserProfile

LOOK_ALIKES = ["dëmo_wang", "ｄemo_wang", "DEMO_WANG", "demo_wang ", " demo_wang", "demo_wang\n",
               "Demo_Wang"]


@pytest.fixture
def demo_wang(make_user):
    return make_user("demo_wang")


def login(api, username, password="secret123", **extra):
    return api.post("/v1/tokens", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("username", LOOK_ALIKES)
def test_a_look_alike_of_a_username_does_not_log_in(api, demo_wang, username):
    response = login(api, username)
    assert response.status_code in (400, 401), response.content
    assert "token" not in response.json().get("data", {})


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["dëmo_wang", "ｄemo_wang", "demo_wang ", "demo-wang", "ab",
                                      "abcdefghijkl"])
def test_a_username_registration_would_refuse_is_400_at_login(api, demo_wang, username):
    response = login(api, username)
    assert response.status_code == 400 and "username" in response.json()["fields"]


@pytest.mark.django_db
def test_the_exact_username_logs_in(api, demo_wang):
    response = login(api, "demo_wang")
    assert response.status_code == 200 and response.json()["username"] == "demo_wang"


@pytest.mark.django_db
def test_failures_under_another_spelling_do_not_lock_the_account(api, demo_wang, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME + 2):
        login(api, "DEMO_WANG", "wrong-pass", REMOTE_ADDR="10.0.0.1")
    assert login(api, "demo_wang", REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.mark.django_db
def test_the_account_throttle_holds_across_client_addresses(api, demo_wang, settings):
    for i in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert login(api, "demo_wang", "wrong-pass", REMOTE_ADDR=f"10.0.1.{i}").status_code == 401
    response = login(api, "demo_wang", REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429 and response.json()["code"] == 10110


@pytest.mark.django_db
def test_a_successful_login_does_not_use_up_the_address_limit(api, demo_wang, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    for _ in range(10):
        assert login(api, "demo_wang").status_code == 200
    assert login(api, "nobody_here", "wrong-pass").status_code == 401


@pytest.mark.django_db
def test_an_inactive_account_does_not_log_in(api, demo_wang):
    UserProfile.objects.filter(pk=demo_wang.pk).update(is_active=False)
    assert login(api, "demo_wang").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["alice ", "alice\n", "ａlice", "alicé"])
def test_registration_refuses_the_same_look_alikes(api, username):
    response = api.post("/v1/users", {"username": username, "email": "a@example.com",
                                      "phone": "13912345678", "password_1": "secret123",
                                      "password_2": "secret123", "sms_num": "000000"})
    assert response.status_code == 400 and "username" in response.json()["fields"]
