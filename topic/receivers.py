"""What the topic app does when other apps announce something (tools.events)."""
from tools.cache import bump_version
from tools.events import profile_changed
from topic.services import author_scope


def author_renamed(sender, *, username, fields, **payload):
    """Lists show the author's nickname."""
    if "nickname" in fields:
        bump_version(author_scope(username))


def connect():
    profile_changed.connect(author_renamed, dispatch_uid="topic.author_renamed")
