"""Reads of the user app. They know no HTTP: a missing user is None, and the view
decides what that means."""
from user.models import UserProfile


def get_user(username):
    """The active user whose username is exactly `username`, or None.

    MySQL's collation compares case- and accent-insensitively ("ALICE", "ａlice" and
    "alice " all find alice), so the fetched name is compared again in Python: the
    username is an exact key everywhere (URLs, login).
    """
    user = UserProfile.objects.filter(username=username, is_active=True).first()
    return user if user is not None and user.username == username else None


def get_user_by_phone(phone):
    """The active user registered with `phone` (exactly), or None."""
    user = UserProfile.objects.filter(phone=phone, is_active=True).first()
    return user if user is not None and user.phone == phone else None
