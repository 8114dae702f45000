"""What imports and desktop editors set on an article beyond `topic.services.create_topic`
(which takes title, body — HTML or Markdown —, limit, category, price, status and
publish_at): the original date and the tags. One place, small helpers, so they can be
use the topic app's tag rules and service (docs/api.md §10). Each runs inside
the caller's transaction, after create_topic/update_topic, whose invalidation on commit
covers these writes too."""
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tools.http import absolute_url
from tools.images import PictureRefused, checked_picture
from topic.markdown import render_markdown  # noqa: F401 (the importer's one renderer)
from topic import services as topic_services
from topic.models import Topic, TopicTag
from topic.tags import MAX_LENGTH, MAX_TAGS, tag_key  # noqa: F401 (the importer's)

TAG_MAX_LENGTH = MAX_LENGTH  # re-exported for the importer's shortening


def set_created_time(topic, when):
    """Keep the original publishing date (created_time is set on insert otherwise)."""
    if when is not None:
        topic.created_time = when
        Topic.objects.filter(pk=topic.pk).update(created_time=when)


def set_tags(topic, names):
    """The article's tags, in order (names already cleaned, at most MAX_TAGS)."""
    topic_services.set_tags(topic, names)


def tag_names(topic):
    return [tt.tag.name for tt in TopicTag.objects.filter(topic=topic).select_related("tag")]


def store_image(data):
    """Check, clean (EXIF location removed) and save an image under images/ with the
    rules of `POST /v1/images` (tools.images); (its absolute URL, content type), or
    None when it is not an image we take."""
    try:
        picture = checked_picture(ContentFile(data), settings.IMAGE_MAX_PIXELS)
    except PictureRefused:
        return None
    name = default_storage.save(f"images/{secrets.token_hex(16)}.{picture.extension}", picture.file)
    return absolute_url(settings.API_URL + "/", default_storage.url(name)), picture.content_type
