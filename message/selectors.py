"""Reads of the message app: a whole comment thread in one query."""
from message.models import Message
from tools.http import fmt_time
from user.selectors import avatar_url


def messages_for_topic(request, topic):
    """Top-level comments (oldest first), each with its replies; one SQL query."""
    rows = (Message.objects.filter(topic=topic).select_related("publisher")
            .order_by("created_time", "id"))
    threads, replies = [], {}
    for message in rows:
        if message.parent_id is None:
            entry = {
                "id": message.id,
                "content": message.content,
                "publisher": message.publisher.username,
                "publisher_nickname": message.publisher.nickname,
                "publisher_avatar": avatar_url(request, message.publisher),
                "created_time": fmt_time(message.created_time),
                "reply": replies.setdefault(message.id, []),
            }
            threads.append(entry)
        else:
            replies.setdefault(message.parent_id, []).append({
                "msg_id": message.id,
                "parent_id": message.parent_id,
                "content": message.content,
                "publisher": message.publisher.username,
                "publisher_nickname": message.publisher.nickname,
                "publisher_avatar": avatar_url(request, message.publisher),
                "created_time": fmt_time(message.created_time),
            })
    return threads
