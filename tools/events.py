"""Cross-app events: the one way a write tells other apps what happened.

A writer announces an event with `announce(signal, **payload)`; the signal is sent
after the surrounding transaction commits (at once outside a transaction), so a
listener never sees a write that was rolled back, and every cache invalidation a
listener makes happens after the data it describes is visible. Listeners connect
in their app's `AppConfig.ready()`; the writer never imports them.

Payloads are plain values (ids, usernames), not model instances, so a listener
reads what it needs itself and a Celery task can take them as they are.
"""
from django.db import transaction
from django.dispatch import Signal

# topic_id, author_id, author (username), action: "created" | "updated" | "deleted"
topic_changed = Signal()
# message_id, topic_id, topic_author_id, publisher_id, parent_id, parent_publisher_id
comment_created = Signal()
# message_id, topic_id
comment_deleted = Signal()
# order_no, buyer_id, topic_id, seller_id (author id)
order_paid = Signal()
# user_id, username, fields (the names of what changed)
profile_changed = Signal()
# topic_id, topic_author_id, user_id (who liked): only a new like, never a repeat
topic_liked = Signal()
# follower_id, followee_id: only a new follow, never a repeat
user_followed = Signal()


def announce(signal, **payload):
    """Send `signal` once the current transaction commits."""
    transaction.on_commit(lambda: signal.send(sender=None, **payload), robust=False)
