"""Export (docs/api.md §16): every article of an author in one zip — a Markdown file with front
matter for an article written in Markdown, an HTML file with front matter otherwise —
with the images its body shows (files of our media storage), its comments and a
manifest.json. porting.sources reads the same zip back (round trip)."""
import io
import json
import posixpath
import re
import zipfile

import yaml
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils import timezone

from message.models import Message
from porting import adapters
from topic.models import Topic

FORMAT_NAME = "jiuzhi-export"
FORMAT_VERSION = 1
STATUS_WORDS = {Topic.PUBLISHED: "published", Topic.DRAFT: "draft", Topic.SCHEDULED: "scheduled"}


def _media_pattern():
    media = re.escape(settings.MEDIA_URL)
    return re.compile(r"""(?:https?://[^\s"'()<>]+?)?""" + media + r"""([^\s"'()<>?#]+)""")


def _local_time(value):
    return timezone.localtime(value).replace(microsecond=0) if value else None


def _front_matter(topic, tags):
    meta = {
        "title": topic.title,
        "date": _local_time(topic.created_time),
        "tags": tags,
        "category": topic.category,
        "status": STATUS_WORDS.get(topic.status, topic.status),
        "limit": topic.limit,
        "format": topic.format,
    }
    if topic.publish_at:
        meta["publish_at"] = _local_time(topic.publish_at)
    if topic.price > 0:
        meta["price"] = str(topic.price)
    if topic.status == Topic.DRAFT:
        meta["draft"] = True
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)
    return f"---\n{dumped}---\n"


def _comments(topic):
    rows = (Message.objects.filter(topic=topic).select_related("publisher")
            .order_by("created_time", "id"))
    return [{
        "id": message.id,
        "parent_id": message.parent_id,
        "author": (message.publisher.display_name if message.publisher else message.author_name),
        "username": message.publisher.username if message.publisher else None,
        "time": _local_time(message.created_time).isoformat(),
        "content": message.content,
    } for message in rows]


def _with_local_images(body, archive, written):
    """Our media files the body shows, copied into media/ and pointed at relatively."""
    found = []

    def local(match):
        name = match.group(1)
        if ".." in name.split("/") or not default_storage.exists(name):
            return match.group(0)
        path = f"media/{name}"
        if path not in written:
            with default_storage.open(name, "rb") as stored:
                archive.writestr(path, stored.read())
            written.add(path)
        found.append(path)
        return f"../{path}"

    return _media_pattern().sub(local, body), found


def build_zip(user):
    """The bytes of the export zip of `user`'s articles."""
    buffer, written, articles = io.BytesIO(), set(), []
    topics = Topic.objects.filter(author=user).order_by("created_time", "id")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for topic in topics:
            tags = adapters.tag_names(topic)
            markdown = topic.format == Topic.MARKDOWN
            body = topic.markdown if markdown else topic.content
            body, images = _with_local_images(body, archive, written)
            path = f"articles/{topic.id}.{'md' if markdown else 'html'}"
            archive.writestr(path, _front_matter(topic, tags) + "\n" + body)
            articles.append({
                "file": path, "id": topic.id, "title": topic.title,
                "date": _local_time(topic.created_time).isoformat(), "tags": tags,
                "status": STATUS_WORDS.get(topic.status, topic.status), "limit": topic.limit,
                "format": topic.format, "images": images, "comments": _comments(topic),
            })
        manifest = {
            "format": FORMAT_NAME, "version": FORMAT_VERSION,
            "exported_time": _local_time(timezone.now()).isoformat(),
            "user": {"username": user.username, "nickname": user.nickname},
            "articles": articles,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def export_response(user):
    name = f"jiuzhi-{user.username}-{timezone.localdate():%Y%m%d}.zip"
    response = HttpResponse(build_zip(user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{posixpath.basename(name)}"'
    return response
