"""Writing the pages into the page storage (settings.PAGES_STORAGE).

Files, named after the URL path they answer on the SPA origin:
    <author>/topics/detail/<id>.html   one public article
    <author>/topics.html               an author's latest public articles
    index.html                         the site's latest public articles
    sitemap.xml (+ sitemap-*.xml)      every public page (pages/sitemap.py)
    robots.txt, rss.xml                the crawler rules, the site feed

Each function reads the database at the moment it runs, so running one again (a
retried task, a second event) only rewrites the same content; an article that is no
longer public loses its file.
"""
import contextlib
import logging
import threading

from django.core.cache import cache
from django.core.files.base import ContentFile

from pages import feeds, presenters, render, selectors, sitemap
from pages.storage import page_storage

log = logging.getLogger(__name__)

INDEX_LENGTH = 50        # articles listed on the pre-rendered index page
AUTHOR_PAGE_LENGTH = 200  # on an author's page (the sitemap lists them all)
LOCK_SECONDS = 60
SITE_GENERATION = "pages:site-generation"
_local_lock = threading.Lock()


def article_name(username, topic_id):
    return f"{username}/topics/detail/{int(topic_id)}.html"


def author_name(username):
    return f"{username}/topics.html"


def listdir(storage, path):
    """(folders, files) of `path`; nothing when it does not exist yet."""
    try:
        return storage.listdir(path)
    except FileNotFoundError:
        return [], []


def write(name, text, storage=None):
    storage = storage or page_storage()
    storage.save(name, ContentFile(text.encode("utf-8")))


def remove(name, storage=None):
    storage = storage or page_storage()
    if storage.exists(name):
        storage.delete(name)


@contextlib.contextmanager
def pages_lock():
    """One page build at a time across workers (a Redis lock on the stack, a thread
    lock in one process), so that a build that read the database earlier never
    overwrites the files of a later one. Redis down: build anyway."""
    make_lock = getattr(cache, "lock", None)
    if make_lock is None:
        with _local_lock:
            yield
        return
    lock = make_lock("pages:build", timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS)
    try:
        acquired = lock.acquire()
    except Exception:  # noqa: BLE001 — Redis unreachable: a page build must not fail for it
        log.warning("pages: no build lock (cache unreachable)")
        acquired = False
    try:
        yield
    finally:
        if acquired:
            with contextlib.suppress(Exception):
                lock.release()


# ---------------------------------------------------------------- one article, one author

def sync_article(topic_id, username, storage=None):
    """Write the article's page if it is public, else remove it. True when written."""
    storage = storage or page_storage()
    topic = selectors.public_topic(topic_id)
    name = article_name(username, topic_id)
    if topic is None or topic.author.username != username:
        remove(name, storage)
        return False
    write(name, render.article_page(topic), storage)
    return True


def sync_author(username, storage=None):
    storage = storage or page_storage()
    user = selectors.author(username)
    if user is None:
        remove(author_name(username), storage)
        return
    topics = selectors.latest_public_topics(AUTHOR_PAGE_LENGTH, author=user)
    write(author_name(username), render.author_page(user, topics), storage)


def sync_author_articles(username, storage=None):
    """Every public article of the author again (their nickname is on each page)."""
    storage = storage or page_storage()
    user = selectors.author(username)
    if user is None:
        return 0
    count = 0
    for topic_id in selectors.public_topic_ids_of(user).iterator():
        count += sync_article(topic_id, username, storage)
    return count


# ---------------------------------------------------------------- the whole site

def sync_sitemap(storage=None, topic_id=None, articles=True):
    """The sitemap after a change of `topic_id` (None: all of it, or only the authors'
    part when not `articles`); see pages/sitemap.py."""
    return sitemap.sync(storage or page_storage(), write, listdir, topic_id, articles)


def sync_site(storage=None, topic_id=None, articles=True):
    """The index page, the sitemap, the site feed and robots.txt."""
    storage = storage or page_storage()
    write("index.html", render.index_page(selectors.latest_public_topics(INDEX_LENGTH)), storage)
    sync_sitemap(storage, topic_id, articles)
    write("rss.xml", feeds.as_text(feeds.site_feed(presenters.frontend_url("/rss.xml"))), storage)
    write("robots.txt", render.robots(), storage)


# ---------------------------------------------------------------- what the events ask for

def next_site_generation():
    """A number that grows with every change (None when the cache cannot count): a build
    that sees a larger one knows a later build will rewrite the site-wide files."""
    try:
        cache.add(SITE_GENERATION, 0, timeout=None)
        return cache.incr(SITE_GENERATION)
    except Exception:  # noqa: BLE001 — cache down or key evicted: every build does it all
        return None


def site_is_stale(generation):
    if generation is None:
        return False
    try:
        current = cache.get(SITE_GENERATION)
    except Exception:  # noqa: BLE001
        return False
    return current is not None and current > generation


def topic_changed(topic_id, username, generation=None):
    """The article's page and its author's page; then the site-wide files (index page,
    sitemap, rss.xml) unless a later change is queued, which will write them from a
    later read anyway: a burst of writes (an import) costs one site rebuild, not one each."""
    with pages_lock():
        storage = page_storage()
        sync_article(topic_id, username, storage)
        sync_author(username, storage)
        if site_is_stale(generation):
            sitemap.sync_part(storage, write, topic_id)
        else:
            sync_site(storage, topic_id)
        # Written from what was read a moment ago: if the article stopped being public
        # meanwhile (a build without the lock), its page goes now.
        if selectors.public_topic(topic_id) is None:
            remove(article_name(username, topic_id), storage)


def author_changed(username):
    with pages_lock():
        storage = page_storage()
        sync_author_articles(username, storage)
        sync_author(username, storage)
        sync_site(storage, articles=False)  # no article's address changed


def stale_article_names(storage, public):
    """Article files whose article is no longer public ({username: set of ids})."""
    folders, _ = listdir(storage, "")
    for username in folders:
        detail = f"{username}/topics/detail"
        for name in listdir(storage, detail)[1]:
            stem = name[:-len(".html")] if name.endswith(".html") else ""
            if not stem.isdigit() or int(stem) not in public.get(username, ()):
                yield f"{detail}/{name}"


def build_all(progress=None):
    """Every page from scratch (manage.py build_pages); removes the files of articles
    that are no longer public. Returns the number of article pages written."""
    with pages_lock():
        storage = page_storage()
        public = {}
        for username, topic_id, _ in selectors.sitemap_topic_rows():
            public.setdefault(username, set()).add(topic_id)
        for name in list(stale_article_names(storage, public)):
            storage.delete(name)
        total = sum(len(ids) for ids in public.values())
        written = 0
        for topic in selectors.public_topics().select_related("author").iterator(chunk_size=1000):
            write(article_name(topic.author.username, topic.id), render.article_page(topic), storage)
            written += 1
            if progress:
                progress(written, total)
        for username in public:
            sync_author(username, storage)
        folders, _ = listdir(storage, "")
        for username in folders:
            if username not in public and storage.exists(author_name(username)):
                sync_author(username, storage)  # no public article left: an empty list
        sync_site(storage)
        return written
