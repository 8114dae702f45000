"""Reads of the user app."""

from tools.http import ApiError
from user import errors
from user.models import UserProfile


def get_user(username):
    user = UserProfile.objects.filter(username=username, is_active=True).first()
    # MySQL compares case-insensitively; the username is an exact URL key everywhere.
    if user is None or user.username != username:
        raise ApiError(404, errors.USER_NOT_FOUND, "No such user")
    return user


def avatar_url(request, user):
    return request.build_absolute_uri(user.avatar.url) if user.avatar else ""


def profile_data(request, user, viewer):
    """The public profile; email and phone only for the owner."""
    data = {
        "nickname": user.nickname,
        "sign": user.sign,
        "info": user.info,
        "avatar": user.avatar.name if user.avatar else "",
        "avatar_url": avatar_url(request, user),
    }
    if viewer is not None and viewer.pk == user.pk:
        data.update(email=user.email, phone=user.phone)
    return data
