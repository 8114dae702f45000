"""Application passwords (docs/api.md §16): shown once, stored hashed, listed without the secret."""
import pytest
from django.contrib.auth.hashers import check_password

from porting.models import AppPassword
from porting.services import check_app_password

pytestmark = pytest.mark.django_db


def create(client, name="MWeb on my Mac", username="alice"):
    return client.post(f"/v1/users/{username}/app-passwords", {"name": name})


def test_creating_one_shows_the_password_once(as_alice):
    response = create(as_alice)
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["name"] == "MWeb on my Mac" and len(data["password"]) >= 24
    listed = as_alice.get("/v1/users/alice/app-passwords").json()["data"]
    assert listed == [{"id": data["id"], "name": "MWeb on my Mac",
                       "created_time": data["created_time"], "last_used_time": None}]


def test_it_is_stored_hashed(as_alice):
    secret = create(as_alice).json()["data"]["password"]
    stored = AppPassword.objects.get()
    assert secret not in stored.password
    assert check_password(secret, stored.password)


def test_it_authenticates_until_revoked(as_alice, alice):
    data = create(as_alice).json()["data"]
    assert check_app_password(alice, data["password"]).pk == data["id"]
    assert check_app_password(alice, data["password"][:-1] + "?") is None
    response = as_alice.delete(f"/v1/users/alice/app-passwords/{data['id']}")
    assert response.status_code == 204
    assert check_app_password(alice, data["password"]) is None
    assert as_alice.get("/v1/users/alice/app-passwords").json()["data"] == []


def test_a_name_is_required(as_alice):
    response = create(as_alice, name="")
    assert response.status_code == 400
    assert response.json()["code"] == 10621


def test_nobody_else_lists_creates_or_revokes_them(as_alice, bob, login_as, api):
    data = create(as_alice).json()["data"]
    as_bob = login_as(bob)
    assert as_bob.get("/v1/users/alice/app-passwords").status_code == 403
    assert create(as_bob, username="alice").status_code == 403
    assert as_bob.delete(f"/v1/users/alice/app-passwords/{data['id']}").status_code == 403
    assert api.get("/v1/users/alice/app-passwords").status_code == 401
    response = as_bob.delete(f"/v1/users/bob/app-passwords/{data['id']}")
    assert response.status_code == 404 and response.json()["code"] == 10625
    assert AppPassword.objects.count() == 1


def test_at_most_twenty_per_account(as_alice, settings):
    for n in range(settings.APP_PASSWORDS_PER_USER):
        assert create(as_alice, name=f"tool {n}").status_code == 201
    response = create(as_alice, name="one too many")
    assert response.status_code == 409 and response.json()["code"] == 10626
