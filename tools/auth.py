"""Who is asking: JWT tokens (HS256 pinned, exp always checked), the middleware that
turns one into a lazy `request.user`, and `logging_check`, the login check.

A token names the user by id and carries their `token_version`: bumping it (password
change or reset) revokes every older token, and a token of a removed account never
works for a newcomer who takes the same username.
"""
import functools
import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from tools.http import ApiError

TOKEN_INVALID = 10200
TOKEN_EXPIRED = 10201
TOKEN_REVOKED = 10202
ALGORITHM = "HS256"


def make_token(user, now=None):
    now = int(now if now is not None else time.time())
    payload = {
        "uid": user.pk,
        "username": user.username,
        "ver": user.token_version,
        "iat": now,
        "exp": now + settings.JWT_EXPIRE_SECONDS,
    }
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=ALGORITHM)


def raw_token(request):
    """The token of `Authorization: <jwt>` or `Authorization: Bearer <jwt>`, else None."""
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    if header[:7].lower() == "bearer ":
        header = header[7:].strip()
    return header or None


def user_from_token(token):
    """The user a token names, or ApiError(401)."""
    try:
        payload = jwt.decode(
            token, settings.JWT_SECRET, algorithms=[ALGORITHM],
            options={"require": ["exp", "uid", "username", "ver"]},
        )
    except jwt.ExpiredSignatureError:
        raise ApiError(401, TOKEN_EXPIRED, "Token has expired, please log in again")
    except jwt.InvalidTokenError:
        raise ApiError(401, TOKEN_INVALID, "Token is invalid, please log in again")
    user = get_user_model().objects.filter(pk=payload["uid"], is_active=True).first()
    if (user is None or user.username != payload["username"]
            or payload["ver"] != user.token_version):
        raise ApiError(401, TOKEN_REVOKED, "Token is no longer valid, please log in again")
    return user


def _user_of(request):
    # A token that is present but bad is a 401 even where login is optional, so a
    # client learns its session ended instead of silently getting the visitor's view.
    token = raw_token(request)
    return user_from_token(token) if token else AnonymousUser()


class JWTAuthenticationMiddleware:
    """Sets a lazy `request.user` (UserProfile or AnonymousUser) from the token, like
    Django's AuthenticationMiddleware does from the session; nothing is read from the
    database unless a view looks at it. The admin keeps its own session login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.ADMIN_URL_PREFIX):
            request.user = SimpleLazyObject(lambda: _user_of(request))
        return self.get_response(request)


def logging_check(view):
    """401 unless the request carries a valid token. Works on functions and, via
    method_decorator, on class-based view methods."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise ApiError(401, TOKEN_INVALID, "Please log in first")
        return view(request, *args, **kwargs)

    return wrapper


def require_valid_token(request):
    """A 401 for a bad token where the view itself never needs to know the user."""
    if raw_token(request):
        request.user.is_authenticated


def is_user(viewer, user):
    """Whether `viewer` (a user, AnonymousUser or None) is `user`."""
    return viewer is not None and viewer.is_authenticated and viewer.pk == user.pk
