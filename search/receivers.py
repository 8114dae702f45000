"""What the search app does when other apps announce something (tools.events).

An article's document is rewritten as soon as its write commits (`topic_changed`
arrives after the commit), in the same process: one small row, so search follows
every create, edit, delete, change of visibility or status (a scheduled article going
public is announced too) and date at once. Should the index be unavailable just
then, a Celery task tries again. The author's nickname is read live with the
results, so `profile_changed` needs nothing here.

One deletion is announced by nobody: an account deleted (in the admin) takes its
articles with it through the foreign key's cascade. Django's `post_delete` of Topic
is sent for those too, so the documents are removed when that deletion commits.
"""
import logging

from django.db import transaction
from django.db.models.signals import post_delete

from search import services, tasks
from tools.events import topic_changed
from topic.models import Topic

logger = logging.getLogger("jiuzhi.search")


def article_changed(sender, *, topic_id, **payload):
    try:
        services.index_topic(topic_id)
    except Exception:
        logger.exception("indexing article %s failed; retrying in the background", topic_id)
        tasks.index_topic_task.delay(topic_id)


def article_deleted(sender, *, instance, **kwargs):
    topic_id = instance.pk
    transaction.on_commit(lambda: article_changed(None, topic_id=topic_id))


def connect():
    topic_changed.connect(article_changed, dispatch_uid="search.article_changed")
    post_delete.connect(article_deleted, sender=Topic, dispatch_uid="search.article_deleted")
