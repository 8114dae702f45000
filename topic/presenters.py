"""What the topic app's responses look like (docs/api.md §4)."""
from django.core.files.storage import default_storage
from django.utils.html import escape

from tools.http import absolute_url, fmt_time
from topic.models import Topic


def money(value):
    """Yuan with two decimals, whether the value came from the database or a form."""
    return f"{value:.2f}"


def avatar_url(avatar, origin):
    """The absolute URL of an avatar path from a row ("" for none)."""
    return absolute_url(origin, default_storage.url(avatar)) if avatar else ""


def introduce_of(summary, introduce):
    """The author's summary replaces the automatic introduce (docs/api.md §11)."""
    return summary or introduce


def list_item(row, origin):
    """One list entry; never the body (lists are cached and shared). `author` is the
    username (the URL key); nickname and avatar_url name the same person (docs/api.md §12).
    `status` is "published" for everyone but the owner, who also sees drafts and
    scheduled ones."""
    return {
        "id": row["id"],
        "title": row["title"],
        "category": row["category"],
        "limit": row["limit"],
        "price": money(row["price"]),
        "created_time": fmt_time(row["created_time"]),
        "introduce": introduce_of(row["summary"], row["introduce"]),
        "author": row["author__username"],
        "nickname": row["author__nickname"],
        "avatar_url": avatar_url(row["author__avatar"], origin),
        "summary": row["summary"],
        "cover": row["cover"],
        "status": row["status"],
        "publish_at": fmt_time(row["publish_at"]) if row["status"] == Topic.SCHEDULED else None,
        "tags": row.get("tags", []),
    }


def topic_list(rows, *, total, page, per_page, origin, **extra):
    return {**extra, "topics": [list_item(row, origin) for row in rows], "page": page,
            "per_page": per_page, "total": total}


def neighbours(older, newer):
    return {
        "last_id": older["id"] if older else None,
        "last_title": older["title"] if older else None,
        "next_id": newer["id"] if newer else None,
        "next_title": newer["title"] if newer else None,
    }


def tag_list(tags):
    return {"tags": tags}


def topic_detail(topic, *, paid, origin, owner=False):
    """The article itself; `content` only when the viewer may read it (docs/api.md §9), else
    `preview`, the free part (docs/api.md §11; never a byte past the paywall mark). The
    Markdown source only for its author, whose editor reopens it."""
    data = {
        "id": topic.id,
        "username": topic.author.username,
        "nickname": topic.author.nickname,
        "avatar_url": avatar_url(topic.author.avatar.name, origin),
        "title": topic.title,
        "category": topic.category,
        "limit": topic.limit,
        "price": money(topic.price),
        "paid": paid,
        "introduce": introduce_of(topic.summary, topic.introduce),
        "author": topic.author.username,
        "created_time": fmt_time(topic.created_time),
        "updated_time": fmt_time(topic.updated_time),
        "comments_enabled": topic.comments_enabled,
        "summary": topic.summary,
        "cover": topic.cover,
        "status": topic.status,
        "publish_at": fmt_time(topic.publish_at) if topic.status == Topic.SCHEDULED else None,
        "tags": [link.tag.name for link in topic.topictag_set.select_related("tag")],
    }
    if paid:
        data["content"] = topic.content
    else:
        data["preview"] = topic.preview or _paragraph(data["introduce"])
    if owner:
        data["format"] = topic.format
        data["markdown"] = topic.markdown
    return data


def _paragraph(text):
    return f"<p>{escape(text)}</p>" if text else ""
