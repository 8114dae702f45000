"""Writes of the notifications app: made by its receivers, read-marked by the owner."""
from django.db import transaction

from notifications.models import Notification
from notifications.selectors import inbox_scope
from tools.cache import invalidate

EXCERPT_LENGTH = 60


def notify(*, recipient_id, actor_id, kind, topic_id=None, message_id=None, excerpt="",
           once=False):
    """One notification, never about your own action. `once`: not again when this
    person already told the recipient the same (liking, unliking, liking again)."""
    if recipient_id is None or recipient_id == actor_id:
        return None
    fields = dict(recipient_id=recipient_id, actor_id=actor_id, kind=kind, topic_id=topic_id)
    with transaction.atomic():
        if once and Notification.objects.filter(**fields).exists():
            return None
        item = Notification.objects.create(message_id=message_id,
                                           excerpt=excerpt[:EXCERPT_LENGTH], **fields)
        invalidate(inbox_scope(recipient_id))
    return item


def forget_message(*, message_id):
    """A deleted comment is no longer news."""
    with transaction.atomic():
        recipients = set(Notification.objects.filter(message_id=message_id)
                         .values_list("recipient_id", flat=True))
        if recipients:
            Notification.objects.filter(message_id=message_id).delete()
            invalidate(*(inbox_scope(user_id) for user_id in recipients))


def mark_read(*, user, ids=None):
    """Mark the user's notifications `ids` (or all of them when None) read; how many
    changed. Ids of other people's notifications are ignored."""
    queryset = Notification.objects.filter(recipient=user, read=False)
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    with transaction.atomic():
        changed = queryset.update(read=True)
        if changed:
            invalidate(inbox_scope(user.pk))
    return changed
