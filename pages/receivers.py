"""What the pages app does when other apps announce something (tools.events): every
write that changes what a public page shows queues a page build (docs/api.md §10: within 5 s)."""
import logging

from pages.build import next_site_generation
from pages.tasks import author_changed_task, topic_changed_task
from tools.events import profile_changed, topic_changed

log = logging.getLogger(__name__)
# What an author's pages show of their profile.
SHOWN_FIELDS = {"nickname", "sign", "info"}


def queue(task, *args):
    """The write has committed: a broker that does not answer must not turn it into an
    error. The pages catch up with the next change or `manage.py build_pages`."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001
        log.exception("pages: could not queue %s%r", task.name, args)


def topic_written(sender, *, topic_id, author, **payload):
    """Created, updated (incl. made private or a draft, or published when due) or deleted."""
    queue(topic_changed_task, topic_id, author, next_site_generation())


def profile_written(sender, *, username, fields, **payload):
    if SHOWN_FIELDS & set(fields):
        queue(author_changed_task, username)


def connect():
    topic_changed.connect(topic_written, dispatch_uid="pages.topic_written")
    profile_changed.connect(profile_written, dispatch_uid="pages.profile_written")
