"""JWT tokens (HS256 pinned, exp always checked) and the logging_check decorator.

A token carries the user's `token_version`; bumping it (password change) revokes
every older token.
"""
import functools
import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model

from tools.http import ApiError

TOKEN_INVALID = 10200
TOKEN_EXPIRED = 10201
TOKEN_REVOKED = 10202
ALGORITHM = "HS256"


def make_token(user, now=None):
    now = int(now if now is not None else time.time())
    payload = {
        "username": user.username,
        "ver": user.token_version,
        "iat": now,
        "exp": now + settings.JWT_EXPIRE_SECONDS,
    }
    return jwt.encode(payload, settings.JWT_SECRET, algorithm=ALGORITHM)


def _raw_token(request):
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    if header[:7].lower() == "bearer ":
        header = header[7:].strip()
    return header or None


def user_from_token(token):
    """The user a token names, or ApiError(401)."""
    try:
        payload = jwt.decode(
            token, settings.JWT_SECRET, algorithms=[ALGORITHM],
            options={"require": ["exp", "username"]},
        )
    except jwt.ExpiredSignatureError:
        raise ApiError(401, TOKEN_EXPIRED, "Token has expired, please log in again")
    except jwt.InvalidTokenError:
        raise ApiError(401, TOKEN_INVALID, "Token is invalid, please log in again")
    user = get_user_model().objects.filter(username=payload["username"], is_active=True).first()
    if user is None or payload.get("ver") != user.token_version:
        raise ApiError(401, TOKEN_REVOKED, "Token is no longer valid, please log in again")
    return user


def get_user_by_request(request):
    """Optional auth: the logged-in user, or None for a visitor.

    A token that is present but bad is still a 401, so a client learns its
    session ended instead of silently seeing the visitor's view.
    """
    token = _raw_token(request)
    return user_from_token(token) if token else None


def logging_check(view):
    """Require a valid token; sets request.myuser. Works on functions and, via
    method_decorator, on class-based view methods."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _raw_token(request)
        if not token:
            raise ApiError(401, TOKEN_INVALID, "Please log in first")
        request.myuser = user_from_token(token)
        return view(request, *args, **kwargs)

    return wrapper


def optional_login(view):
    """Sets request.myuser to the logged-in user or None."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.myuser = get_user_by_request(request)
        return view(request, *args, **kwargs)

    return wrapper
