"""Notifications come only from the other apps' announcements (tools.events): the
writers never import this app."""
from message.selectors import message_content
from notifications.models import Notification
from notifications.services import forget_message, notify
from tools.events import comment_created, comment_deleted, order_paid, topic_liked, user_followed


def on_comment(sender, *, message_id, topic_id, topic_author_id, publisher_id,
               parent_publisher_id=None, **payload):
    """A reply tells the comment's author; a comment (or a reply) tells the article's
    author, unless they were just told as the comment's author."""
    excerpt = message_content(message_id) or ""
    if parent_publisher_id is not None:
        notify(recipient_id=parent_publisher_id, actor_id=publisher_id, kind=Notification.REPLY,
               topic_id=topic_id, message_id=message_id, excerpt=excerpt)
    if topic_author_id != parent_publisher_id:
        notify(recipient_id=topic_author_id, actor_id=publisher_id, kind=Notification.COMMENT,
               topic_id=topic_id, message_id=message_id, excerpt=excerpt)


def on_comment_deleted(sender, *, message_id, **payload):
    forget_message(message_id=message_id)


def on_like(sender, *, topic_id, topic_author_id, user_id, **payload):
    notify(recipient_id=topic_author_id, actor_id=user_id, kind=Notification.LIKE,
           topic_id=topic_id, once=True)


def on_purchase(sender, *, buyer_id, seller_id, topic_id, **payload):
    notify(recipient_id=seller_id, actor_id=buyer_id, kind=Notification.PURCHASE,
           topic_id=topic_id)


def on_follow(sender, *, follower_id, followee_id, **payload):
    notify(recipient_id=followee_id, actor_id=follower_id, kind=Notification.FOLLOW, once=True)


def connect():
    comment_created.connect(on_comment, dispatch_uid="notifications.on_comment")
    comment_deleted.connect(on_comment_deleted, dispatch_uid="notifications.on_comment_deleted")
    topic_liked.connect(on_like, dispatch_uid="notifications.on_like")
    order_paid.connect(on_purchase, dispatch_uid="notifications.on_purchase")
    user_followed.connect(on_follow, dispatch_uid="notifications.on_follow")
