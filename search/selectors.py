"""Reads of the search app: who may find what is Topic.objects.visible_to(viewer)."""
from search.backends import get_backend
from search.models import SearchDocument
from topic.models import Topic
from topic.selectors import with_tags

RESULT_FIELDS = ("id", "title", "category", "created_time", "author__username", "author__nickname")


def search(viewer, runs, *, page, per_page, author=""):
    """(result rows in rank order, each with its `tags` and `document`, the total)."""
    candidates = Topic.objects.visible_to(viewer)
    if author:
        candidates = candidates.filter(author__username=author)
    ids, total = get_backend().query(runs, candidates, offset=(page - 1) * per_page, limit=per_page)
    rows = {row["id"]: row for row in Topic.objects.filter(id__in=ids).values(*RESULT_FIELDS)}
    documents = SearchDocument.objects.in_bulk(ids)
    ranked = [rows[topic_id] for topic_id in ids if topic_id in rows and topic_id in documents]
    for row in with_tags(ranked):
        row["document"] = documents[row["id"]]
    return ranked, total
