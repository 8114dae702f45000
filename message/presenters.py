"""What the message app's responses look like: the comment thread of docs/api.md §4."""
from django.core.files.storage import default_storage
from django.utils import timezone

from message.selectors import PEOPLE_SCOPE, thread_rows, thread_scope
from tools.cache import cached_for_version
from tools.http import TIME_FORMAT, absolute_url, fmt_time

THREAD_CACHE_SECONDS = 600


def cached_thread(topic_id, origin):
    """The thread, built once per version of the article's comments and of the people
    in it, per origin of the avatar URLs (e.g. "http://api.example.com/")."""
    return cached_for_version((thread_scope(topic_id), PEOPLE_SCOPE), ("thread", origin),
                              lambda: thread(thread_rows(topic_id), origin),
                              expire=THREAD_CACHE_SECONDS)


def thread(rows, origin):
    """Top-level comments (oldest first), each with its replies; an avatar URL is built
    once per publisher."""
    zone = timezone.get_current_timezone()
    avatar_urls = {"": ""}
    threads, replies = [], {}
    for msg_id, parent_id, content, created, username, nickname, avatar, author_name in rows:
        if username is None:
            # A comment without an account (imported): its author's name as written, no
            # profile to link to and no avatar.
            username, nickname, avatar = None, author_name, ""
        if avatar not in avatar_urls:
            avatar_urls[avatar] = absolute_url(origin, default_storage.url(avatar))
        entry = {
            "content": content,
            "publisher": username,
            "publisher_nickname": nickname,
            "publisher_avatar": avatar_urls[avatar],
            # docs/api.md §12: the same person, named as everywhere else
            "username": username,
            "nickname": nickname,
            "avatar_url": avatar_urls[avatar],
            "created_time": created.astimezone(zone).strftime(TIME_FORMAT),
        }
        if username is None:
            entry["author_name"] = author_name
        if parent_id is None:
            threads.append({"id": msg_id, **entry, "reply": replies.setdefault(msg_id, [])})
        else:
            replies.setdefault(parent_id, []).append({"msg_id": msg_id, "parent_id": parent_id, **entry})
    return threads


def created_message(message):
    return {"id": message.id, "content": message.content, "parent_id": message.parent_id,
            "publisher": message.publisher.username,
            "created_time": fmt_time(message.created_time)}
