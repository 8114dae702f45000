"""What imports and desktop editors set on an article beyond `topic.services.create_topic`
(title, content, limit, category, price): publication state, original date, tags and the
Markdown source. One place, small helpers, so they can be switched to the writing and
tags services (SPEC §10–§11) without touching the importer. Each runs inside the
caller's transaction, after create_topic/update_topic, whose invalidation on commit
covers these writes too."""
import secrets
import unicodedata

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from markdown_it import MarkdownIt
from PIL import Image, UnidentifiedImageError

from tools.http import absolute_url
from topic.models import Tag, Topic, TopicTag

MAX_TAGS = 5
TAG_MAX_LENGTH = 20
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def render_markdown(source):
    """The (unsanitized) HTML of a Markdown source; create_topic sanitizes it."""
    return _MARKDOWN.render(source or "")


def tag_key(name):
    """Django, django and ｄｊａｎｇｏ are one tag (SPEC §10)."""
    return unicodedata.normalize("NFKC", name).casefold()


def set_publication(topic, *, status, publish_at=None):
    """published | draft | scheduled (publish_at: when it goes out)."""
    topic.status, topic.publish_at = status, publish_at
    Topic.objects.filter(pk=topic.pk).update(status=status, publish_at=publish_at)


def set_created_time(topic, when):
    """Keep the original publishing date (created_time is set on insert otherwise)."""
    if when is not None:
        topic.created_time = when
        Topic.objects.filter(pk=topic.pk).update(created_time=when)


def set_markdown(topic, source):
    """An article written in Markdown keeps its source (its HTML is already the content)."""
    topic.format, topic.markdown = Topic.MARKDOWN, source
    Topic.objects.filter(pk=topic.pk).update(format=Topic.MARKDOWN, markdown=source)


def set_tags(topic, names):
    """The article's tags, in order (names already cleaned, at most MAX_TAGS)."""
    TopicTag.objects.filter(topic=topic).delete()
    for position, name in enumerate(names):
        tag, _ = Tag.objects.get_or_create(key=tag_key(name), defaults={"name": name})
        TopicTag.objects.create(topic=topic, tag=tag, position=position)


def tag_names(topic):
    return [tt.tag.name for tt in TopicTag.objects.filter(topic=topic).select_related("tag")]


def image_extension(data):
    """The extension of an image Pillow recognises and verifies (PNG, JPEG, GIF, WebP,
    at most AVATAR_MAX_PIXELS, as the avatar upload checks), else None."""
    import io

    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if image_format not in IMAGE_FORMATS or width * height > settings.AVATAR_MAX_PIXELS:
        return None
    return IMAGE_FORMATS[image_format]


def store_image(data, extension):
    """Save an image under images/ (default_storage); its absolute URL."""
    name = default_storage.save(f"images/{secrets.token_hex(16)}.{extension}", ContentFile(data))
    return absolute_url(settings.API_URL + "/", default_storage.url(name))
