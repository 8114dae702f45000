"""What the topic app does when other apps announce something (tools.events)."""
from tools.cache import bump_version
from tools.events import profile_changed
from tools.profiles import provide
from topic.selectors import visible_count
from topic.services import author_scope


def author_renamed(sender, *, username, fields, **payload):
    """Lists show the author's nickname and avatar."""
    if {"nickname", "avatar"} & set(fields):
        bump_version(author_scope(username))


def topics_count(user, viewer):
    """A profile shows how many of the author's articles the viewer can read."""
    return {"topics_count": visible_count(user, viewer, author_scope(user.username))}


def connect():
    profile_changed.connect(author_renamed, dispatch_uid="topic.author_renamed")
    provide("topic.topics_count", topics_count)
