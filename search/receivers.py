"""What the search app does when other apps announce something (tools.events).

An article's document is rewritten as soon as its write commits (`topic_changed`
arrives after the commit), in the same process: one small row, so search follows
every create, edit and delete at once. Should the index be unavailable just then, a
Celery task tries again. Visibility (private, draft, scheduled) and the author's
nickname are read live at query time, so `profile_changed` needs nothing here.
"""
import logging

from search import services, tasks
from tools.events import topic_changed

logger = logging.getLogger("jiuzhi.search")


def article_changed(sender, *, topic_id, **payload):
    try:
        services.index_topic(topic_id)
    except Exception:
        logger.exception("indexing article %s failed; retrying in the background", topic_id)
        tasks.index_topic_task.delay(topic_id)


def connect():
    topic_changed.connect(article_changed, dispatch_uid="search.article_changed")
