"""Reads of the notifications app."""
from notifications.models import Notification
from tools.cache import cached_for_version, scope


def inbox_scope(user_id):
    return scope("inbox", user_id)


def unread_count(user):
    """Asked on every page (the header badge): cached until the inbox changes."""
    return cached_for_version((inbox_scope(user.pk),), ("unread",),
                              Notification.objects.filter(recipient=user, read=False).count)


def notification_page(user, *, page, per_page, unread_only):
    """(one page of the user's notifications, newest first, the total)."""
    queryset = Notification.objects.filter(recipient=user)
    if unread_only:
        queryset = queryset.filter(read=False)
    offset = (page - 1) * per_page
    rows = list(queryset.select_related("actor", "topic__author")
                .order_by("-created_time", "-id")[offset:offset + per_page])
    return rows, queryset.count()
