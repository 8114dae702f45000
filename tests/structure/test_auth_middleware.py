"""Authentication as middleware (issue 14) and tokens that name the account (issue 10.8)."""
import time

import jwt
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tools.auth import JWTAuthenticationMiddleware, make_token

pytestmark = pytest.mark.django_db


def _request_user(headers):
    request = RequestFactory().get("/v1/topics", **headers)
    JWTAuthenticationMiddleware(lambda r: None)(request)
    return request.user


def test_middleware_sets_the_logged_in_user(alice):
    user = _request_user({"HTTP_AUTHORIZATION": f"Bearer {make_token(alice)}"})
    assert user.is_authenticated and user.pk == alice.pk


def test_visitor_is_anonymous_and_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        user = _request_user({})
        assert not user.is_authenticated
        assert user.username == AnonymousUser().username


def test_user_is_loaded_lazily(alice, django_assert_num_queries):
    request = RequestFactory().get("/v1/topics", HTTP_AUTHORIZATION=make_token(alice))
    with django_assert_num_queries(0):
        JWTAuthenticationMiddleware(lambda r: None)(request)
    with django_assert_num_queries(1):
        assert request.user.username == "alice"


def test_token_signed_with_hs512_and_the_same_secret_is_401(api, alice):
    token = jwt.encode({"uid": alice.pk, "username": "alice", "ver": 0,
                        "exp": int(time.time()) + 60}, settings.JWT_SECRET, algorithm="HS512")
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401 and response.json()["code"] == 10200


def test_token_of_a_removed_account_does_not_work_for_the_next_owner_of_the_name(
        api, make_user):
    old = make_user("alice", phone="13800000001")
    token = make_token(old)
    old.delete()
    make_user("alice", phone="13800000002")
    response = api.put("/v1/users/alice", {"sign": "mine now"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401 and response.json()["code"] == 10202


def test_token_without_user_id_is_401(api, alice):
    token = jwt.encode({"username": "alice", "ver": 0, "exp": int(time.time()) + 60},
                       settings.JWT_SECRET, algorithm="HS256")
    response = api.put("/v1/users/alice", {"sign": "x"}, HTTP_AUTHORIZATION=token)
    assert response.status_code == 401


def test_bad_token_on_a_public_read_is_401_not_the_visitors_view(api, alice):
    response = api.get("/v1/topics/alice", HTTP_AUTHORIZATION="not-a-token")
    assert response.status_code == 401
