"""Fixtures of the crawlable pages and feeds: a private pages folder per test, known
origins, and articles written through the API (so the events and page builds run)."""
import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import wait_for

SPA = "https://blog.example"
API = "https://api.example"


@pytest.fixture(autouse=True)
def pages_root(settings, tmp_path, request):
    """A private pages folder per test, its builds run in this process. On the stack a
    Celery worker reads the real database, not this test's: only the tests marked
    `stack` use the worker (and the folder it shares with this process, PAGES_ROOT)."""
    settings.FRONTEND_URL = SPA
    settings.API_URL = API
    if "stack" in request.keywords:
        yield settings.PAGES_ROOT
        return
    from longtoblog.celery import app

    settings.PAGES_ROOT = tmp_path / "pages"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield settings.PAGES_ROOT
    app.conf.task_always_eager = eager


@pytest.fixture
def publish(as_alice):
    """POST an article as alice; returns its id."""
    def create(title="缓存失效的三种办法", content="<p>一篇关于缓存的文章。</p>", **fields):
        body = {"title": title, "content": content, "limit": "public", "category": "tec",
                "price": 0, **fields}
        response = as_alice.post("/v1/topics/alice", body)
        assert response.status_code == 201, response.content
        return response.json()["data"]["id"]
    return create


def page_file(root, username, topic_id):
    return root / username / "topics" / "detail" / f"{topic_id}.html"


def wait_until(predicate):
    """The page build runs after the write commits (a worker on the stack): poll."""
    return wait_for(predicate)


class Head(HTMLParser):
    """The parts of a page a crawler reads: <title>, the <h1>s, <meta>, <link>, JSON-LD."""

    def __init__(self, text):
        super().__init__()
        self.title, self.h1, self.meta, self.links, self.json_ld, self.anchors = "", [], {}, [], [], []
        self._in = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a" and "href" in attrs:
            self.anchors.append(attrs["href"])
        elif tag == "title" or tag == "h1" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "h1":
                self.h1.append("")
            elif tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1[-1] += data
        elif self._in == "script":
            self.json_ld[-1] += data

    def link(self, rel, **match):
        for attrs in self.links:
            if attrs.get("rel") == rel and all(attrs.get(k) == v for k, v in match.items()):
                return attrs
        return None

    def blog_posting(self):
        return [json.loads(block) for block in self.json_ld]


def text_of(html):
    """The visible text of a page (tags dropped), for "shows its text" checks."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
