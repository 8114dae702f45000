"""Reading what people bring (docs/api.md §16): a WordPress export (WXR 1.0–1.2) or a zip of
Markdown files with front matter, turned into plain `Entry` values. Nothing here
writes; a file that cannot be read safely raises `Refused` with a clear message.

XML is parsed by defusedxml with DTDs, entities and external references forbidden, so
no entity is ever expanded and nothing is fetched. A zip is judged by its central
directory first (entry count, declared sizes, paths), then every member is read in
memory with a cap, so a member that lies about its size is caught while it inflates.
"""
import datetime as dt
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

import yaml
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.utils import timezone

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
HTML_SUFFIXES = (".html", ".htm")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
JEKYLL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
MAX_FRONT_MATTER = 64 * 1024


class Refused(Exception):
    """The whole file is refused: the import fails with this message and creates nothing."""


@dataclass
class Comment:
    source_id: str
    parent_id: str
    author: str
    content: str
    time: dt.datetime | None


@dataclass
class Entry:
    """One item of the file. `kind` is "post" for an article, else why it is skipped."""

    key: str
    kind: str = "post"
    title: str = ""
    html: str = ""
    markdown: str | None = None
    status: str = "publish"  # publish | draft | future | private (WordPress words)
    private: bool = False  # password-protected, or private whatever its status
    date: dt.datetime | None = None
    publish_at: dt.datetime | None = None  # a scheduled post's time, when it is not `date`
    tags: list = field(default_factory=list)
    category: str | None = None
    price: str | None = None
    comments: list = field(default_factory=list)
    images: dict = field(default_factory=dict)  # path in the file → bytes
    warnings: list = field(default_factory=list)


# ---------------------------------------------------------------- dates


def _aware(value):
    if value.tzinfo is None:
        return timezone.make_aware(value, timezone.get_current_timezone())
    return value


def wp_date(gmt, local):
    """A WordPress date: `post_date_gmt` when set (drafts have 0000-00-00), else the
    local `post_date` read in the blog's time zone."""
    for text, zone in ((gmt, dt.timezone.utc), (local, None)):
        text = (text or "").strip()
        if not text or text.startswith("0000"):
            continue
        try:
            value = dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return value.replace(tzinfo=zone) if zone else _aware(value)
    return None


def front_matter_date(value):
    """A `date:` as YAML gives it: datetime, date or a string."""
    if isinstance(value, dt.datetime):
        return _aware(value)
    if isinstance(value, dt.date):
        return _aware(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, str):
        text = value.strip()
        try:
            return _aware(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return None


# ---------------------------------------------------------------- WordPress (WXR)

SKIPPED_TYPES = {"page": "page", "attachment": "attachment", "nav_menu_item": "menu"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


def _split(tag):
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _fields(element):
    """{(namespace kind, local name): element} of the direct children, where the kind is
    "wp" for any WXR version's namespace."""
    found = {}
    for child in element:
        namespace, local = _split(child.tag)
        kind = "wp" if WP_NAMESPACE.match(namespace) else {
            CONTENT_NAMESPACE: "content", DC_NAMESPACE: "dc"}.get(namespace, namespace)
        found.setdefault((kind, local), child)
        if (kind, local) == ("wp", "comment") or (kind, local) == ("", "category"):
            found.setdefault((kind, local + "[]"), []).append(child)
    return found


def _text(fields, kind, name):
    element = fields.get((kind, name))
    return (element.text or "") if element is not None else ""


def _wp_comments(fields):
    comments = []
    for element in fields.get(("wp", "comment[]"), []):
        c = _fields(element)
        if _text(c, "wp", "comment_approved").strip() != "1":
            continue
        if _text(c, "wp", "comment_type").strip() not in ("", "comment"):
            continue  # pingbacks and trackbacks are not comments anyone wrote here
        comments.append(Comment(
            source_id=_text(c, "wp", "comment_id").strip(),
            parent_id=_text(c, "wp", "comment_parent").strip(),
            author=_text(c, "wp", "comment_author").strip(),
            content=_text(c, "wp", "comment_content"),
            time=wp_date(_text(c, "wp", "comment_date_gmt"), _text(c, "wp", "comment_date")),
        ))
    return comments


def _wp_entry(item):
    fields = _fields(item)
    post_type = _text(fields, "wp", "post_type").strip() or "post"
    guid = _text(fields, "", "guid").strip()
    post_id = _text(fields, "wp", "post_id").strip()
    key = f"wxr:{guid or _text(fields, '', 'link').strip() or post_id}"
    status = _text(fields, "wp", "status").strip() or "publish"
    if post_type != "post":
        return Entry(key=key, kind=SKIPPED_TYPES.get(post_type, post_type))
    if status in SKIPPED_STATUSES:
        return Entry(key=key, kind=status)
    tags, categories = [], []
    for element in fields.get(("", "category[]"), []):
        name = (element.text or "").strip()
        domain = element.get("domain", "")
        if domain == "post_tag":
            tags.append(name)
        elif domain == "category" and element.get("nicename") != "uncategorized":
            categories.append(name)
    date = wp_date(_text(fields, "wp", "post_date_gmt"), _text(fields, "wp", "post_date"))
    if date is None:
        try:
            date = parsedate_to_datetime(_text(fields, "", "pubDate"))
        except (TypeError, ValueError, IndexError):
            date = None
    return Entry(
        key=key,
        title=_text(fields, "", "title"),
        html=_text(fields, "content", "encoded"),
        status={"pending": "draft"}.get(status, status),
        private=bool(_text(fields, "wp", "post_password").strip()),
        date=date,
        tags=tags + categories,
        comments=_wp_comments(fields),
    )


def read_wxr(data):
    """The entries of a WordPress export."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as error:
        raise Refused("The XML declares a DTD or entities (external or nested); "
                      f"imports refuse them ({type(error).__name__})")
    except ParseError as error:
        raise Refused(f"The file is not well-formed XML: {error}")
    channel = root.find("channel")
    if _split(root.tag)[1] != "rss" or channel is None:
        raise Refused("The XML is not a WordPress export (no <rss><channel>)")
    versions = [_split(c.tag)[0] for c in channel if _split(c.tag)[1] == "wxr_version"]
    if not versions or not WP_NAMESPACE.match(versions[0]):
        raise Refused("The XML is not a WordPress export (WXR 1.0–1.2): no wp:wxr_version")
    return [_wp_entry(item) for item in channel.findall("item")]


# ---------------------------------------------------------------- zips of Markdown


def safe_member_path(name):
    """The member's path inside the zip, or Refused when it points outside its folder."""
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        raise Refused(f"The zip entry {name!r} points outside its folder")
    parts = name.split("/")
    if ".." in parts:
        raise Refused(f"The zip entry {name!r} points outside its folder")
    return posixpath.normpath(name)


def _zip_members(data):
    """{path: bytes} of the zip's files, within the limits of settings."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise Refused(f"The file is not a readable zip: {error}")
    if len(infos) > settings.IMPORT_ZIP_MAX_ENTRIES:
        raise Refused(f"The zip has {len(infos)} entries; at most "
                      f"{settings.IMPORT_ZIP_MAX_ENTRIES} are read")
    total = sum(info.file_size for info in infos)
    if total > settings.IMPORT_ZIP_MAX_BYTES:
        raise Refused(f"The zip would unpack to {total} bytes; at most "
                      f"{settings.IMPORT_ZIP_MAX_BYTES} are read")
    paths = [safe_member_path(info.filename) for info in infos]
    members, read = {}, 0
    for info, path in zip(infos, paths):
        if info.is_dir():
            continue
        budget = min(info.file_size, settings.IMPORT_ZIP_MAX_BYTES - read)
        try:
            with archive.open(info) as stream:
                content = stream.read(budget + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError,
                ValueError) as error:  # encrypted, unknown compression, bad CRC...
            raise Refused(f"The zip entry {info.filename!r} cannot be read: {error}")
        if len(content) > budget:
            raise Refused(f"The zip entry {info.filename!r} unpacks to more than it declares")
        read += len(content)
        members[path] = content
    return members


def _flat_names(value, depth=0):
    """Tags or categories as front matter writes them: a list, nested lists, or a string
    ("a, b" as Hexo users write it, "a b" as Jekyll reads it)."""
    if value is None or depth > 3:
        return []
    if isinstance(value, (str, int, float)):
        text = str(value).replace("，", ",")
        names = text.split(",") if "," in text or depth else text.split()
        return [name.strip() for name in names if name.strip()]
    if isinstance(value, (list, tuple)):
        return [name for item in value[:100] for name in _flat_names(item, depth + 1)]
    return []


def split_front_matter(text):
    """(front matter dict, body) of a Markdown/HTML file; no front matter → ({}, text)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise ValueError("front matter longer than 64 KB")
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[match.end():].lstrip("\r\n")


def _zip_entry(path, raw, images):
    entry = Entry(key=f"zip:{path}")
    try:
        text = raw.decode("utf-8-sig")
        meta, body = split_front_matter(text)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        entry.kind = "unreadable"
        entry.warnings.append(("unreadable", f"{path}: {str(error)[:200]}"))
        return entry
    entry.title = str(meta.get("title") or "")
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        entry.markdown = body
    else:
        entry.html = body
    draft = meta.get("draft") is True or meta.get("published") is False
    status = str(meta.get("status") or "").lower()
    entry.status = {"draft": "draft", "scheduled": "future", "future": "future",
                    "private": "private"}.get(status, "draft" if draft else "publish")
    if str(meta.get("limit") or "").lower() == "private":
        entry.status = "private" if entry.status == "publish" else entry.status
        entry.private = True
    entry.date = front_matter_date(meta.get("date"))
    entry.publish_at = front_matter_date(meta.get("publish_at"))
    if entry.date is None:
        found = JEKYLL_DATE.match(posixpath.basename(path))
        if found:
            entry.date = front_matter_date("-".join(found.groups()))
    entry.tags = _flat_names(meta.get("tags")) + _flat_names(meta.get("categories"))
    if meta.get("category") in ("tec", "no-tec"):
        entry.category = meta["category"]
    if meta.get("price") is not None:
        entry.price = str(meta["price"])
    folder = posixpath.dirname(path)
    for ref in re.findall(r"""(?:src=["']|\]\()([^"')\s]+)""", body):
        target = posixpath.normpath(posixpath.join(folder, ref))
        if target in images and not ref.startswith(("/", "http:", "https:")):
            entry.images[ref] = images[target]
    return entry


def _manifest_comments(members):
    """Comments our own export wrote into manifest.json, by article file."""
    try:
        manifest = json.loads(members.get("manifest.json", b"{}"))
    except (ValueError, UnicodeDecodeError):
        return {}
    found = {}
    for article in manifest.get("articles", []) if isinstance(manifest, dict) else []:
        if isinstance(article, dict) and isinstance(article.get("comments"), list):
            found[str(article.get("file"))] = article["comments"]
    return found


def _comments_of(raw):
    comments = []
    for item in raw[:10_000]:
        if not isinstance(item, dict):
            continue
        comments.append(Comment(
            source_id=str(item.get("id", "")), parent_id=str(item.get("parent_id") or ""),
            author=str(item.get("author") or ""), content=str(item.get("content") or ""),
            time=front_matter_date(item.get("time")),
        ))
    return comments


def read_zip(data):
    """The entries of a zip of Markdown (or HTML) files with front matter."""
    members = _zip_members(data)
    images = {path: content for path, content in members.items()
              if path.lower().endswith(IMAGE_SUFFIXES)}
    comments = _manifest_comments(members)
    entries = []
    for path in sorted(members):
        name = posixpath.basename(path)
        if name.startswith(".") or "__MACOSX" in path.split("/"):
            continue
        if path.lower().endswith(MARKDOWN_SUFFIXES + HTML_SUFFIXES):
            entry = _zip_entry(path, members[path], images)
            entry.comments = _comments_of(comments.get(path, []))
            entries.append(entry)
    if not entries:
        raise Refused("The zip holds no Markdown (.md) or HTML files")
    return entries


def read_file(kind, data):
    return read_wxr(data) if kind == "wxr" else read_zip(data)


def kind_of(data):
    """"zip", "wxr" or None, from the first bytes."""
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return "zip"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "wxr"
    return None
