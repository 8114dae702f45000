"""Reads of the topic app: lists and single articles, visibility applied everywhere.

Selectors take plain arguments and return rows, objects or None; the views decide
what a missing article means (404) and presenters shape the output.
"""
from django.db.models import Count, Q

from tools.cache import cached_for_version
from topic.models import Topic, TopicTag
from topic.tags import tag_key

LIST_FIELDS = ("id", "title", "category", "limit", "price", "created_time", "introduce",
               "author__username", "author__nickname", "author__avatar", "summary", "cover",
               "status", "publish_at")


def topic_rows(queryset, *, page, per_page, category, scope, role, tag=""):
    """(one page of list rows, each with its `tags`, the total). The total is counted
    once per list version of `scope` (a write bumps it), as COUNT is the one part whose
    cost grows."""
    if category:
        queryset = queryset.filter(category=category)
    if tag:
        queryset = queryset.filter(topictag__tag__key=tag_key(tag))
    total = cached_for_version((scope,), ("total", role, category, tag_key(tag)), queryset.count)
    offset = (page - 1) * per_page
    rows = list(queryset.newest_first().values(*LIST_FIELDS)[offset:offset + per_page])
    return with_tags(rows), total


def tag_names(topic_ids):
    """{topic id: [tag names in the order written]} in one query."""
    names = {topic_id: [] for topic_id in topic_ids}
    links = (TopicTag.objects.filter(topic_id__in=names).order_by("topic_id", "position", "id")
             .values_list("topic_id", "tag__name"))
    for topic_id, name in links:
        names[topic_id].append(name)
    return names


def with_tags(rows):
    """List rows (dicts with `id`), each given its `tags`: one query for the page."""
    names = tag_names([row["id"] for row in rows]) if rows else {}
    for row in rows:
        row["tags"] = names.get(row["id"], [])
    return rows


def popular_tags(limit=100):
    """[{name, count}] over public published articles, most used first."""
    rows = (TopicTag.objects.filter(topic__in=Topic.objects.visible_to(None))
            .values("tag__name").annotate(count=Count("id"))
            .order_by("-count", "tag__name")[:limit])
    return [{"name": row["tag__name"], "count": row["count"]} for row in rows]


def author_topic_rows(author, viewer, **paging):
    role = "owner" if viewer_is_author(viewer, author.pk) else "visitor"
    return topic_rows(Topic.objects.visible_to(viewer).filter(author=author),
                      role=role, **paging)


def latest_topic_rows(**paging):
    return topic_rows(Topic.objects.visible_to(None), role="public", **paging)


def visible_topic(topic_id, viewer, author=None, author_name=None):
    """The article if `viewer` may see it (and it is by `author`, or the user named
    `author_name`, when given), else None."""
    queryset = Topic.objects.visible_to(viewer).select_related("author")
    if author is not None:
        queryset = queryset.filter(author=author)
    if author_name is not None:
        queryset = queryset.filter(author__username=author_name)
    return queryset.filter(id=topic_id).first()


def owned_topic(topic_id, author):
    return Topic.objects.filter(id=topic_id, author=author).select_related("author").first()


def neighbour(topic, viewer, newer):
    """The nearest older (newer=False) or newer article of the same author the viewer
    sees, as {id, title}, or None."""
    siblings = Topic.objects.visible_to(viewer).filter(author_id=topic.author_id)
    same_time = Q(created_time=topic.created_time)
    if newer:
        condition = Q(created_time__gt=topic.created_time) | (same_time & Q(id__gt=topic.id))
        ordered = siblings.filter(condition).order_by("created_time", "id")
    else:
        condition = Q(created_time__lt=topic.created_time) | (same_time & Q(id__lt=topic.id))
        ordered = siblings.filter(condition).newest_first()
    return ordered.values("id", "title").first()


def viewer_is_author(viewer, author_id):
    return viewer is not None and viewer.is_authenticated and viewer.pk == author_id


def visible_count(author, viewer, scope):
    """How many of `author`'s articles `viewer` sees: the same cached total as the
    unfiltered list."""
    role = "owner" if viewer_is_author(viewer, author.pk) else "visitor"
    queryset = Topic.objects.visible_to(viewer).filter(author=author)
    return cached_for_version((scope,), ("total", role, ""), queryset.count)
