"""Writes of the search app: keeping the index in step with the articles."""
import logging

from django.db import transaction

from search.backends import get_backend
from search.backends.base import Document
from search.text import readable_text
from topic.models import Topic
from topic.selectors import tag_names

logger = logging.getLogger("jiuzhi.search")


def free_text(topic):
    """The text a reader who has not paid may see (docs/api.md §10, §11): the summary, then the
    whole body of a free article; of a paid one the free preview (the part before the
    paywall mark), or its introduce when it has none."""
    if not topic.is_paid_article:
        body = readable_text(topic.content)
    else:
        body = readable_text(topic.preview) if topic.preview else topic.introduce
    return " ".join(part for part in (topic.summary, body) if part)


def document_for(topic, tags):
    """What the index holds of `topic`: its findable text, and what ranking and
    visibility need (created_time, author, public and published)."""
    public = topic.limit == Topic.PUBLIC and topic.status == Topic.PUBLISHED
    return Document(topic_id=topic.pk, title=topic.title, tags=tags, body=free_text(topic),
                    author_id=topic.author_id, public=public, created_time=topic.created_time)


def index_topic(topic_id):
    """Index the article as it is now, or forget it when it is gone. Any article is
    indexed, private and drafts too, with the visibility tokens that keep it from
    everyone but its author (search/backends/base.py)."""
    topic = Topic.objects.filter(pk=topic_id).first()
    with transaction.atomic():  # one commit for the document and its index entry
        if topic is None:
            get_backend().remove(topic_id)
        else:
            get_backend().index_document(document_for(topic, tag_names([topic.pk])[topic.pk]))


def rebuild_index(chunk_size=500, progress=None):
    """Index every article again, from an empty index; `progress(done, total)` after
    each chunk."""
    backend = get_backend()
    backend.clear()
    ids = list(Topic.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start:start + chunk_size]
        topics = Topic.objects.filter(id__in=chunk).order_by("id")
        tags = tag_names(chunk)
        with transaction.atomic():
            backend.index_documents([document_for(topic, tags[topic.pk]) for topic in topics])
        if progress:
            progress(start + len(chunk), len(ids))
    return len(ids)
