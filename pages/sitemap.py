"""The sitemap (sitemaps.org protocol) of the public pages, kept cheap to update.

Up to PAGES_SITEMAP_MAX_URLS URLs (50,000, the protocol's limit) `sitemap.xml` is one
<urlset>: the index page, every author page with a public article and every public
article. Above that `sitemap.xml` is a <sitemapindex> of
    sitemap-authors-<n>.xml   the index page and the author pages, that many a file
    sitemap-<k>.xml           the public articles with ids in ((k-1)·max, k·max]
so that an article's change rewrites only its own part (a bounded, indexed id-range
read), the authors' part and the index, whatever the size of the site.
"""
import re
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone

from pages import presenters, selectors

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PART = re.compile(r"^sitemap-(authors-)?(\d+)\.xml$")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


class Lastmod:
    """W3C datetimes in the site's time zone (one zone lookup, not one per URL)."""

    def __init__(self):
        self.zone = timezone.get_current_timezone()

    def __call__(self, moment):
        return moment.astimezone(self.zone).isoformat(timespec="seconds") if moment else ""


def urlset(entries):
    """entries: (absolute URL, lastmod) pairs; URLs are escaped as XML text."""
    lines = [DECLARATION, f'<urlset xmlns="{NS}">\n']
    for loc, lastmod in entries:
        lastmod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{lastmod}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines)


def sitemap_index(locations):
    lines = [DECLARATION, f'<sitemapindex xmlns="{NS}">\n']
    lines += [f"<sitemap><loc>{escape(loc)}</loc></sitemap>\n" for loc in locations]
    lines.append("</sitemapindex>\n")
    return "".join(lines)


def article_entries(rows, lastmod):
    base = presenters.frontend_url("")
    # usernames are [A-Za-z0-9_] and ids digits: nothing in a path needs escaping
    return ((f"{base}/{username}/topics/detail/{topic_id}", lastmod(updated))
            for username, topic_id, updated in rows)


def head_entries(lastmod):
    """The index page and every author page with a public article."""
    authors = selectors.public_author_rows()
    latest = max((updated for _, updated in authors), default=None)
    return [(presenters.frontend_url("/"), lastmod(latest))] + [
        (presenters.author_url(username), lastmod(updated)) for username, updated in authors]


def part_of(topic_id, size):
    return (topic_id - 1) // size + 1


def sync(storage, write, listdir, topic_id=None, articles=True):
    """Bring the sitemap up to date after a change of `topic_id`; with no `topic_id`,
    every article part (`articles`) or only the authors' (a profile change).
    Returns the number of files it is made of."""
    size = settings.PAGES_SITEMAP_MAX_URLS
    lastmod = Lastmod()
    head = head_entries(lastmod)
    if selectors.public_topic_count() + len(head) <= size:
        rows = selectors.sitemap_topic_rows()
        write("sitemap.xml", urlset([*head, *article_entries(rows, lastmod)]), storage)
        _remove_parts(storage, listdir, keep=set())
        return 1

    keep = []
    for start in range(0, len(head), size):
        name = f"sitemap-authors-{start // size + 1}.xml"
        write(name, urlset(head[start:start + size]), storage)
        keep.append(name)
    low, high = selectors.public_id_range()
    changed = part_of(topic_id, size) if topic_id is not None else None
    for k in range(part_of(low, size), part_of(high, size) + 1):
        name = f"sitemap-{k}.xml"
        if (topic_id is None and articles) or k == changed or not storage.exists(name):
            rows = list(selectors.sitemap_topic_rows_between((k - 1) * size + 1, k * size))
            if not rows:
                continue  # a gap in the ids: no part (a stale one is removed below)
            write(name, urlset(article_entries(rows, lastmod)), storage)
        keep.append(name)
    _remove_parts(storage, listdir, keep=set(keep))
    write("sitemap.xml", sitemap_index([presenters.frontend_url("/" + name) for name in keep]), storage)
    return 1 + len(keep)


def _remove_parts(storage, listdir, keep):
    for name in listdir(storage, "")[1]:
        if PART.match(name) and name not in keep:
            storage.delete(name)


def sync_part(storage, write, topic_id):
    """Only the part that lists `topic_id`, when the sitemap is an index: the change that
    follows this one rewrites the rest (build.topic_changed). Below the limit there is
    no part and that later change rewrites the one file."""
    try:
        with storage.open("sitemap.xml", "rb") as current:
            if b"<sitemapindex" not in current.read(200):
                return
    except FileNotFoundError:
        return
    size = settings.PAGES_SITEMAP_MAX_URLS
    k = part_of(topic_id, size)
    name = f"sitemap-{k}.xml"
    rows = list(selectors.sitemap_topic_rows_between((k - 1) * size + 1, k * size))
    if rows:
        write(name, urlset(article_entries(rows, Lastmod())), storage)
    elif storage.exists(name):
        storage.delete(name)
