"""What the pages show: only public, published articles (Topic.objects.visible_to(None)),
whoever wrote them. Plain arguments in, objects or rows out."""
from django.db.models import Max, Min

from topic.models import Topic
from user.selectors import get_user


def public_topics():
    return Topic.objects.visible_to(None)


def public_topic(topic_id):
    """The article if anyone may read it, else None."""
    return public_topics().select_related("author").filter(id=topic_id).first()


def latest_public_topics(limit, author=None):
    queryset = public_topics().select_related("author")
    if author is not None:
        queryset = queryset.filter(author=author)
    return list(queryset.newest_first()[:limit])


def public_topic_ids_of(author):
    return public_topics().filter(author=author).values_list("id", flat=True)


def author(username):
    return get_user(username)


def sitemap_topic_rows():
    """(username, id, updated_time) of every public article, oldest id first."""
    return (public_topics().order_by("id")
            .values_list("author__username", "id", "updated_time").iterator(chunk_size=5000))


def public_topic_count():
    return public_topics().count()


def public_id_range():
    """(lowest, highest) id of the public articles, or (None, None)."""
    bounds = public_topics().aggregate(low=Min("id"), high=Max("id"))
    return bounds["low"], bounds["high"]


def sitemap_topic_rows_between(low, high):
    """(username, id, updated_time) of the public articles with low <= id <= high."""
    return (public_topics().filter(id__gte=low, id__lte=high).order_by("id")
            .values_list("author__username", "id", "updated_time").iterator(chunk_size=5000))


def public_author_rows():
    """(username, latest updated_time) of every author with a public article, by username."""
    return list(public_topics().values("author__username").order_by("author__username")
                .annotate(latest=Max("updated_time")).values_list("author__username", "latest"))
