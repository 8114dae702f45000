"""What the user app's responses look like (docs/api.md §4)."""
from tools.auth import is_user
from tools.http import absolute_url, fmt_time
from tools.profiles import extra_fields


def avatar_url(user, origin):
    """The avatar's absolute URL on `origin` ("http://host:8000/"), or ""."""
    return absolute_url(origin, user.avatar.url) if user.avatar else ""


def profile_data(user, viewer, origin):
    """The public profile; email and phone only for the owner (`viewer` may be
    AnonymousUser or None)."""
    data = {
        "username": user.username,
        "nickname": user.nickname,
        "sign": user.sign,
        "info": user.info,
        "avatar": user.avatar.name if user.avatar else "",
        "avatar_url": avatar_url(user, origin),
        "date_joined": fmt_time(user.date_joined),
        **extra_fields(user, viewer),
    }
    if is_user(viewer, user):
        data.update(email=user.email, phone=user.phone)
    return data


def person(user, origin):
    """Who someone is, wherever they appear (docs/api.md §12)."""
    return {"username": user.username, "nickname": user.nickname,
            "avatar_url": avatar_url(user, origin)}
