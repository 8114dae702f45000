"""What the pages app does when other apps announce something (tools.events): every
write that changes what a public page shows queues a page build (SPEC §10: within 5 s)."""
from pages.tasks import author_changed_task, topic_changed_task
from tools.events import profile_changed, topic_changed

# What an author's pages show of their profile.
SHOWN_FIELDS = {"nickname", "sign", "info"}


def topic_written(sender, *, topic_id, author, **payload):
    """Created, updated (incl. made private or a draft, or published when due) or deleted."""
    topic_changed_task.delay(topic_id, author)


def profile_written(sender, *, username, fields, **payload):
    if SHOWN_FIELDS & set(fields):
        author_changed_task.delay(username)


def connect():
    topic_changed.connect(topic_written, dispatch_uid="pages.topic_written")
    profile_changed.connect(profile_written, dispatch_uid="pages.profile_written")
