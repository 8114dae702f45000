"""Writes of the porting app: imports (docs/api.md §16), application passwords."""
import hashlib
import logging
import re
import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from message.models import Message
from porting import adapters, errors, sources
from porting.models import IMPORT_STALLED_AFTER_SECONDS, AppPassword, Import, ImportedItem
from porting.selectors import PROGRESS_SECONDS, progress_key
from tools.http import ApiError, uploaded_file
from topic.models import Topic
from topic.sanitize import clean_html, plain_text
from topic.services import create_topic

logger = logging.getLogger("jiuzhi.porting")

TITLE_MAX = 50
UNTITLED_WORDS = 30  # characters of the text an empty title is made of
COMMENT_MAX = Message.MAX_LENGTH
MAX_WARNINGS = 1000
PROGRESS_EVERY = 5  # entries between two progress reports
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
BLOCK_START = re.compile(r"^<(p|div|ul|ol|li|h[1-6]|blockquote|pre|table|figure|hr|img)\b", re.I)
STATUS = {  # WordPress status → (our status, private?)
    "publish": (Topic.PUBLISHED, False),
    "private": (Topic.PUBLISHED, True),
    "draft": (Topic.DRAFT, False),
    "future": (Topic.SCHEDULED, False),
}


# ---------------------------------------------------------------- starting an import


def start_import(*, user, upload, category):
    """The queued import of an uploaded file; the worker starts once this commits."""
    uploaded_file(upload, field="file", what="export", max_bytes=settings.IMPORT_MAX_BYTES,
                  missing_code=errors.INVALID_INPUT, too_large_code=errors.IMPORT_TOO_LARGE)
    head = upload.read(1024)
    upload.seek(0)
    kind = sources.kind_of(head)
    if kind is None:
        raise ApiError(400, errors.UNKNOWN_FORMAT,
                       "The file is neither a WordPress export (.xml) nor a zip of Markdown files",
                       fields={"file": "unknown format"})
    stored = default_storage.save(f"imports/{secrets.token_hex(16)}.{kind}", upload)
    with transaction.atomic():
        job = Import.objects.create(user=user, kind=kind, category=category,
                                    file_name=(upload.name or "")[:200], stored_file=stored)
        transaction.on_commit(lambda: _queue(job.pk))
    return job


def _queue(import_id):
    from porting.tasks import run_import_task

    run_import_task.delay(import_id)


# ---------------------------------------------------------------- running it


class Report:
    def __init__(self):
        self.imported = 0
        self.skipped = 0
        self.skipped_kinds = {}
        self.warnings = []

    def skip(self, kind):
        self.skipped += 1
        self.skipped_kinds[kind] = self.skipped_kinds.get(kind, 0) + 1

    def warn(self, code, title, detail=""):
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append({"code": code, "title": title, "detail": detail})


def run_import(import_id):
    """Read the stored file and import it in one transaction: a file refused anywhere
    ends `failed` and leaves no article behind."""
    claimed = Import.objects.filter(pk=import_id, status=Import.QUEUED).update(
        status=Import.RUNNING, started_time=timezone.now())
    if not claimed:  # unknown, or already taken (a redelivered task)
        return None
    job = Import.objects.select_related("user").get(pk=import_id)
    try:
        with default_storage.open(job.stored_file, "rb") as stored:
            data = stored.read()
        entries = sources.read_file(job.kind, data)
        Import.objects.filter(pk=job.pk).update(total=len(entries))
        with transaction.atomic():
            report = import_entries(user=job.user, entries=entries, category=job.category,
                                    progress=lambda done: _progress(job.pk, done))
    except sources.Refused as refused:
        _finish(job, Import.FAILED, error=str(refused)[:500])
    except Exception:
        logger.exception("import %s failed", import_id)
        _finish(job, Import.FAILED,
                error="The import stopped on an unexpected error; nothing was imported")
    else:
        _finish(job, Import.DONE, report=report, total=len(entries))
    finally:
        _forget_upload(job)
    return job.pk


def _progress(import_id, report):
    """How far the running import is: its transaction is not visible until it commits, so
    the counts go through the cache (selectors.import_progress)."""
    cache.set(progress_key(import_id), [report.imported, report.skipped], PROGRESS_SECONDS)


def _finish(job, status, error="", report=None, total=None):
    values = {"status": status, "error": error, "finished_time": timezone.now(),
              "stored_file": ""}
    if report is not None:
        values.update(total=total, imported=report.imported, skipped=report.skipped,
                      skipped_kinds=report.skipped_kinds, warnings=report.warnings)
    Import.objects.filter(pk=job.pk).update(**values)


STALLED = ("The import was interrupted (its worker stopped) and nothing was imported; "
           "please upload the file again")


def fail_stalled_imports(now=None):
    """Fail every import still `running` long after the task's hard time limit: its
    worker was killed or restarted mid-way, and as the import is one transaction, it
    left nothing behind. Returns how many (Celery beat, and the status read)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=IMPORT_STALLED_AFTER_SECONDS)
    stalled = Import.objects.filter(
        Q(started_time__lt=cutoff)
        | Q(started_time__isnull=True, created_time__lt=cutoff),  # taken before started_time existed
        status=Import.RUNNING)
    failed = 0
    for job in stalled:
        # compare-and-set: a job that finishes meanwhile keeps its own ending
        if Import.objects.filter(pk=job.pk, status=Import.RUNNING).update(
                status=Import.FAILED, error=STALLED, finished_time=now, stored_file=""):
            _forget_upload(job)
            failed += 1
    return failed


def _forget_upload(job):
    try:
        if job.stored_file:
            default_storage.delete(job.stored_file)
    except OSError:
        logger.warning("could not delete the upload of import %s", job.pk)


def source_digest(key):
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def import_entries(*, user, entries, category, progress=None):
    """Create the articles of `entries` for `user` (the caller holds a transaction)."""
    report = Report()
    for index, entry in enumerate(entries):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(report)
        for code, detail in entry.warnings:
            report.warn(code, "", detail)
        if entry.kind != "post":
            report.skip(entry.kind)
            continue
        digest = source_digest(entry.key)
        if ImportedItem.objects.filter(user=user, source_key=digest).exists():
            report.skip("duplicate")
            continue
        topic = _import_post(user, entry, category, report)
        ImportedItem.objects.create(user=user, source_key=digest, source=entry.key[:500],
                                    topic=topic)
        report.imported += 1
    return report


# ---------------------------------------------------------------- one article


def autop(html):
    """WordPress's classic editor stores paragraphs as blank lines: wrap each text
    paragraph in <p> (single newlines become <br>), leave blocks as they are."""
    if "<pre" in html.lower():
        return html
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", html) if chunk.strip()]
    return "\n".join(chunk if BLOCK_START.match(chunk)
                     else "<p>" + chunk.replace("\n", "<br>\n") + "</p>" for chunk in chunks)


def wordpress_body(html):
    """A WordPress post body without its block-editor comments (<!-- wp:... -->)."""
    return autop(BLOCK_COMMENT.sub("", html))


def plain_title(raw, text, report):
    """A title as plain text, at most 50 characters; an empty one is made of the text."""
    title = " ".join(plain_text(clean_html(raw or "")).split())
    if not title:
        words, title = " ".join(text.split()), ""
        for word in words.split(" "):
            if title and len(title) + 1 + len(word) > UNTITLED_WORDS:
                break
            title = f"{title} {word}".strip()
        title = title[:UNTITLED_WORDS] or "无标题"
        report.warn("untitled", title)
    if len(title) > TITLE_MAX:
        original, title = title, title[:TITLE_MAX - 1] + "…"
        report.warn("title_shortened", title, original)
    return title


def clean_tags(names, title, report):
    """At most 5 tags (1–20 characters, no commas, one per case-folded key)."""
    kept, keys, dropped = [], set(), []
    for raw in names:
        name = " ".join(str(raw).replace(",", " ").replace("，", " ").split())
        name = "".join(ch for ch in name if ch.isprintable())
        if not name:
            continue
        if len(adapters.tag_key(name)) > adapters.TAG_MAX_LENGTH:
            name = name[:adapters.TAG_MAX_LENGTH]
            while len(adapters.tag_key(name)) > adapters.TAG_MAX_LENGTH:
                name = name[:-1]
        key = adapters.tag_key(name)
        if key in keys:
            continue
        keys.add(key)
        (kept if len(kept) < adapters.MAX_TAGS else dropped).append(name)
    if dropped:
        report.warn("tags_dropped", title, ", ".join(dropped))
    return kept


def _price(entry, title, report):
    if entry.price is None:
        return None
    try:
        price = Decimal(entry.price)
    except (InvalidOperation, ValueError):
        price = None
    if price is None or not price.is_finite() or price < 0 or price >= 1_000_000:
        report.warn("price_ignored", title, str(entry.price)[:50])
        return None
    return price.quantize(Decimal("0.01"))


def _with_images(entry, text, title, report):
    """Images that came inside the zip, stored under images/ and pointed at."""
    for ref, data in entry.images.items():
        stored = adapters.store_image(data)
        if stored is None:
            report.warn("image_refused", title, ref)
            continue
        url = stored[0]
        text = text.replace(f"]({ref})", f"]({url})").replace(f'"{ref}"', f'"{url}"')
    return text


def _import_post(user, entry, category, report):
    if entry.markdown is not None:
        source = _with_images(entry, entry.markdown, entry.title, report)
        html = adapters.render_markdown(source)
        body = {"format": Topic.MARKDOWN, "markdown": source}
    else:
        html = _with_images(entry, entry.html, entry.title, report)
        html = wordpress_body(html) if entry.key.startswith("wxr:") else html
        body = {"format": Topic.HTML, "content": html}
    text = " ".join(plain_text(clean_html(html)).split())
    title = plain_title(entry.title, text, report)
    status, private = STATUS.get(entry.status, (Topic.DRAFT, False))
    values = {
        **body, "title": title, "content_text": text, "status": status,
        "publish_at": (entry.publish_at or entry.date) if status == Topic.SCHEDULED else None,
        "limit": Topic.PRIVATE if private or entry.private else Topic.PUBLIC,
        "category": entry.category or category,
        "price": _price(entry, title, report),
    }
    topic = create_topic(author=user, values=values)
    adapters.set_created_time(topic, entry.date)
    adapters.set_tags(topic, clean_tags(entry.tags, title, report))
    _import_comments(topic, entry.comments)
    return topic


def _import_comments(topic, comments):
    """Approved comments as comments without an account, replies under their top-level
    comment (one level deep, docs/api.md §5). Nobody is notified: they were written long ago."""
    by_id = {c.source_id: c for c in comments if c.source_id}

    def top_of(comment):
        seen = set()
        while comment.parent_id in by_id and comment.parent_id not in seen:
            seen.add(comment.parent_id)
            comment = by_id[comment.parent_id]
        return comment

    created = {}
    ordered = sorted(comments, key=lambda c: top_of(c) is not c)  # top-level ones first
    for comment in ordered:
        content = plain_text(clean_html(comment.content))[:COMMENT_MAX].strip()
        if not content:
            continue
        top = top_of(comment)
        parent = created.get(id(top)) if top is not comment else None
        if top is not comment and parent is None:
            continue  # its thread's first comment was empty
        message = Message.objects.create(
            topic=topic, publisher=None, author_name=(comment.author or "匿名")[:50],
            content=content, parent=parent,
            created_time=comment.time or topic.created_time)
        if top is comment:
            created[id(comment)] = message


# ---------------------------------------------------------------- application passwords


def create_app_password(*, user, name):
    """The new password (its secret is returned here only, never stored in clear)."""
    if user.app_passwords.count() >= settings.APP_PASSWORDS_PER_USER:
        raise ApiError(409, errors.TOO_MANY_APP_PASSWORDS,
                       f"At most {settings.APP_PASSWORDS_PER_USER} application passwords; "
                       "revoke one first")
    secret = secrets.token_urlsafe(24)
    app_password = AppPassword.objects.create(
        user=user, name=name, prefix=secret[:AppPassword.PREFIX_LENGTH],
        password=make_password(secret))
    return app_password, secret


def revoke_app_password(*, app_password):
    app_password.delete()


def check_app_password(user, secret):
    """The user's application password that `secret` is, else None."""
    if not isinstance(secret, str) or len(secret) < AppPassword.PREFIX_LENGTH:
        return None
    for candidate in user.app_passwords.filter(prefix=secret[:AppPassword.PREFIX_LENGTH]):
        if check_password(secret, candidate.password):
            AppPassword.objects.filter(pk=candidate.pk).update(last_used_time=timezone.now())
            return candidate
    return None
