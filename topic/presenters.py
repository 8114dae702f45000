"""What the topic app's responses look like (SPEC §4)."""
from tools.http import fmt_time


def money(value):
    """Yuan with two decimals, whether the value came from the database or a form."""
    return f"{value:.2f}"


def list_item(row):
    """One list entry; never the body (lists are cached and shared)."""
    return {
        "id": row["id"],
        "title": row["title"],
        "category": row["category"],
        "limit": row["limit"],
        "price": money(row["price"]),
        "created_time": fmt_time(row["created_time"]),
        "introduce": row["introduce"],
        "author": row["author__username"],
        "tags": row.get("tags", []),
    }


def topic_list(rows, *, total, page, per_page, **extra):
    return {**extra, "topics": [list_item(row) for row in rows], "page": page,
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


def topic_detail(topic, *, paid):
    """The article itself; `content` only when the viewer may read it (SPEC §9)."""
    data = {
        "id": topic.id,
        "nickname": topic.author.nickname,
        "title": topic.title,
        "category": topic.category,
        "limit": topic.limit,
        "price": money(topic.price),
        "paid": paid,
        "introduce": topic.introduce,
        "author": topic.author.username,
        "created_time": fmt_time(topic.created_time),
        "updated_time": fmt_time(topic.updated_time),
        "tags": [link.tag.name for link in topic.topictag_set.select_related("tag")],
    }
    if paid:
        data["content"] = topic.content
    return data
