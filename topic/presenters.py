"""What the topic app's responses look like (SPEC §4)."""
from django.core.files.storage import default_storage

from tools.http import absolute_url, fmt_time


def money(value):
    """Yuan with two decimals, whether the value came from the database or a form."""
    return f"{value:.2f}"


def avatar_url(avatar, origin):
    """The absolute URL of an avatar path from a row ("" for none)."""
    return absolute_url(origin, default_storage.url(avatar)) if avatar else ""


def list_item(row, origin):
    """One list entry; never the body (lists are cached and shared). `author` is the
    username (the URL key); nickname and avatar_url name the same person (SPEC §12)."""
    return {
        "id": row["id"],
        "title": row["title"],
        "category": row["category"],
        "limit": row["limit"],
        "price": money(row["price"]),
        "created_time": fmt_time(row["created_time"]),
        "introduce": row["introduce"],
        "author": row["author__username"],
        "nickname": row["author__nickname"],
        "avatar_url": avatar_url(row["author__avatar"], origin),
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


def topic_detail(topic, *, paid, origin):
    """The article itself; `content` only when the viewer may read it (SPEC §9)."""
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
        "introduce": topic.introduce,
        "author": topic.author.username,
        "created_time": fmt_time(topic.created_time),
        "updated_time": fmt_time(topic.updated_time),
        "comments_enabled": topic.comments_enabled,
    }
    if paid:
        data["content"] = topic.content
    return data
