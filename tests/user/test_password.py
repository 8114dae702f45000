import pytest

from tools.auth import make_token


@pytest.mark.django_db
def test_password_change_revokes_old_tokens_and_returns_a_new_one(api, make_user):
    alice = make_user("alice")
    old_token = make_token(alice)
    response = api.put("/v1/users/alice/password",
                       {"old_password": "secret123", "password_1": "newsecret1",
                        "password_2": "newsecret1"}, HTTP_AUTHORIZATION=old_token)
    assert response.status_code == 200
    new_token = response.json()["data"]["token"]
    stale = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=old_token)
    assert stale.status_code == 401 and stale.json()["code"] == 10202
    assert api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=new_token).status_code == 200
    login = api.post("/v1/tokens", {"username": "alice", "password": "newsecret1"})
    assert login.status_code == 200


@pytest.mark.django_db
def test_wrong_old_password_is_400_and_password_unchanged(make_user, login_as):
    alice = make_user("alice")
    response = login_as(alice).put("/v1/users/alice/password",
                                   {"old_password": "wrongpass", "password_1": "newsecret1",
                                    "password_2": "newsecret1"})
    assert response.status_code == 400 and response.json()["code"] == 10113
    alice.refresh_from_db()
    assert alice.check_password("secret123")


@pytest.mark.django_db
@pytest.mark.parametrize("p1,p2", [("short", "short"), ("x" * 65, "x" * 65), ("newsecret1", "other1234")])
def test_invalid_new_password_is_400(make_user, login_as, p1, p2):
    response = login_as(make_user("alice")).put(
        "/v1/users/alice/password", {"old_password": "secret123", "password_1": p1, "password_2": p2})
    assert response.status_code == 400


@pytest.mark.django_db
def test_changing_someone_elses_password_is_403(make_user, login_as):
    make_user("alice")
    response = login_as(make_user("bob")).put(
        "/v1/users/alice/password",
        {"old_password": "secret123", "password_1": "newsecret1", "password_2": "newsecret1"})
    assert response.status_code == 403
