"""What the message app does when other apps announce something (tools.events)."""
from message.selectors import PEOPLE_SCOPE
from tools.cache import bump_version
from tools.events import profile_changed


def commenter_changed(sender, *, fields, **payload):
    """A nickname or avatar changed: every cached thread may show it."""
    if {"nickname", "avatar"} & set(fields):
        bump_version(PEOPLE_SCOPE)


def connect():
    profile_changed.connect(commenter_changed, dispatch_uid="message.commenter_changed")
