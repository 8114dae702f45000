"""Reads of the search app. The engine answers who may find what from the index's
visibility tokens; the page it returns is checked again against
Topic.objects.visible_to(viewer), so a stale document can never show an article."""
from search.backends import get_backend
from search.models import SearchDocument
from topic.models import Topic
from topic.selectors import with_tags
from user.models import UserProfile

RESULT_FIELDS = ("id", "title", "category", "created_time", "author__username", "author__nickname")


def search(viewer, runs, *, page, per_page, author=""):
    """(result rows in rank order, each with its `tags` and `document`, the total)."""
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    author_id = None
    if author:
        author_id = UserProfile.objects.filter(username=author).values_list("id", flat=True).first()
        if author_id is None:
            return [], 0
    ids, total = get_backend().query(runs, viewer_id=viewer_id, author_id=author_id,
                                     offset=(page - 1) * per_page, limit=per_page)
    if not ids:
        return [], total
    readable = Topic.objects.visible_to(viewer).filter(id__in=ids)
    if author_id is not None:
        readable = readable.filter(author_id=author_id)
    rows = {row["id"]: row for row in readable.values(*RESULT_FIELDS)}
    documents = SearchDocument.objects.in_bulk(ids)
    ranked = [rows[topic_id] for topic_id in ids if topic_id in rows and topic_id in documents]
    for row in with_tags(ranked):
        row["document"] = documents[row["id"]]
    return ranked, total
