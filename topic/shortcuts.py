"""For views of any app: an article or the 404 (like django.shortcuts.get_object_or_404).
Selectors return None; deciding that None means 404 belongs to the HTTP layer."""
from tools.http import ApiError
from topic import errors, selectors


def not_found():
    return ApiError(404, errors.TOPIC_NOT_FOUND, "No such article")


def visible_topic_or_404(topic_id, viewer, author=None, author_name=None):
    topic = selectors.visible_topic(topic_id, viewer, author=author, author_name=author_name)
    if topic is None:
        raise not_found()
    return topic


def owned_topic_or_404(topic_id, author):
    topic = selectors.owned_topic(topic_id, author)
    if topic is None:
        raise not_found()
    return topic
