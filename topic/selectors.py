"""Reads of the topic app: lists and the article detail, visibility applied everywhere."""
from django.db.models import Q

from message.selectors import messages_for_topic
from payment.selectors import has_bought
from tools.cache import ALL_SCOPE, cached_for_version
from tools.http import ApiError, fmt_time
from topic import errors
from topic.models import Topic

LIST_FIELDS = ("id", "title", "category", "limit", "price", "created_time", "introduce",
               "author__username")


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
    }


def topic_page(queryset, *, page, per_page, category, scope, role):
    """One page of a list. The total is counted once per list version of `scope` (a
    write bumps it), as COUNT is the one part whose cost grows with the blog."""
    if category:
        queryset = queryset.filter(category=category)
    total = cached_for_version((scope,), f"total:{role}:{category}", queryset.count)
    offset = (page - 1) * per_page
    rows = queryset.newest_first().values(*LIST_FIELDS)[offset:offset + per_page]
    return {"topics": [list_item(row) for row in rows], "page": page, "per_page": per_page,
            "total": total}


def author_topics(author, viewer, **paging):
    role = "owner" if viewer is not None and viewer.pk == author.pk else "visitor"
    page = topic_page(Topic.objects.visible_to(viewer).filter(author=author),
                      scope=author.username, role=role, **paging)
    return {"nickname": author.nickname, **page}


def latest_topics(**paging):
    return topic_page(Topic.objects.filter(limit=Topic.PUBLIC), scope=ALL_SCOPE, role="public",
                      **paging)


def visible_topic(topic_id, viewer, author=None):
    """The article if `viewer` may see it (and it is by `author`, when given), else 404."""
    queryset = Topic.objects.visible_to(viewer).select_related("author")
    if author is not None:
        queryset = queryset.filter(author=author)
    topic = queryset.filter(id=topic_id).first()
    if topic is None:
        raise ApiError(404, errors.TOPIC_NOT_FOUND, "No such article")
    return topic


def _neighbour(topic, viewer, newer):
    """The nearest older (newer=False) or newer article of the same author the viewer sees."""
    siblings = Topic.objects.visible_to(viewer).filter(author_id=topic.author_id)
    same_time = Q(created_time=topic.created_time)
    if newer:
        condition = Q(created_time__gt=topic.created_time) | (same_time & Q(id__gt=topic.id))
        ordered = siblings.filter(condition).order_by("created_time", "id")
    else:
        condition = Q(created_time__lt=topic.created_time) | (same_time & Q(id__lt=topic.id))
        ordered = siblings.filter(condition).newest_first()
    return ordered.values("id", "title").first()


def can_read_content(topic, viewer):
    if not topic.is_paid_article:
        return True
    if viewer is not None and viewer.pk == topic.author_id:
        return True
    return has_bought(viewer, topic)


def topic_detail(request, topic, viewer):
    older = _neighbour(topic, viewer, newer=False)
    newer = _neighbour(topic, viewer, newer=True)
    messages = messages_for_topic(request, topic)
    paid = can_read_content(topic, viewer)
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
        "last_id": older["id"] if older else None,
        "last_title": older["title"] if older else None,
        "next_id": newer["id"] if newer else None,
        "next_title": newer["title"] if newer else None,
        "messages": messages,
        "messages_count": len(messages),
    }
    if paid:
        data["content"] = topic.content
    return data


def owned_topic(topic_id, author):
    topic = Topic.objects.filter(id=topic_id, author=author).select_related("author").first()
    if topic is None:
        raise ApiError(404, errors.TOPIC_NOT_FOUND, "No such article")
    return topic
