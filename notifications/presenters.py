"""What the notifications app's responses look like (docs/api.md §12)."""
from tools.http import fmt_time
from user.presenters import person


def notification(item, origin):
    data = {"id": item.id, "kind": item.kind, "actor": person(item.actor, origin),
            "created_time": fmt_time(item.created_time), "read": item.read}
    if item.topic is not None:
        # topic_author: the SPA's article address is /<author>/topics/detail/<id>
        data.update(topic_id=item.topic_id, topic_title=item.topic.title,
                    topic_author=item.topic.author.username)
    if item.message_id is not None:
        data["message_id"] = item.message_id
    if item.excerpt:
        data["excerpt"] = item.excerpt
    return data


def inbox(items, *, unread, total, page, per_page, origin):
    return {"notifications": [notification(item, origin) for item in items],
            "unread": unread, "page": page, "per_page": per_page, "total": total}
