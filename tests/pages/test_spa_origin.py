"""The SPA origin (deploy/spa_server.py --pages, as `make run` starts it): a client that
runs no JavaScript (plain HTTP, like curl) gets the pre-rendered pages, the sitemap,
robots.txt and rss.xml; an article that is not public answers 404."""
import sys
import threading
from pathlib import Path

import pytest
import requests

from tests.hardening.conftest import REQUEST_TIMEOUT
from tests.pages.conftest import SPA, Head, page_file, text_of, wait_until

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))

import spa_server  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def spa(pages_root):
    pages_root.mkdir(parents=True, exist_ok=True)
    server = spa_server.make_server("127.0.0.1", 0, "http://api.example:8000", quiet=True,
                                    pages=pages_root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def get(url):
    return requests.get(url, timeout=REQUEST_TIMEOUT)


def template(name):
    return (ROOT / "templates" / name).read_text(encoding="utf-8")


def test_an_article_url_shows_its_text_and_meta_tags_without_javascript(spa, pages_root, publish):
    topic_id = publish("无需脚本也能读", content="<p>爬虫看得到的正文。</p>")
    wait_until(page_file(pages_root, "alice", topic_id).exists)
    response = get(f"{spa}/alice/topics/detail/{topic_id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    head = Head(response.text)
    assert head.title.startswith("无需脚本也能读") and head.h1[0] == "无需脚本也能读"
    assert "爬虫看得到的正文。" in text_of(response.text)
    assert head.meta["og:url"] == head.link("canonical")["href"] == f"{SPA}/alice/topics/detail/{topic_id}"
    assert head.blog_posting()[0]["@type"] == "BlogPosting"
    assert "Content-Security-Policy" in response.headers


def test_a_private_article_url_is_404_with_the_spa_page(spa, pages_root, publish, as_alice):
    topic_id = publish("将要私密", content="<p>不该再被看到</p>")
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"limit": "private"})
    wait_until(lambda: not path.exists())
    response = get(f"{spa}/alice/topics/detail/{topic_id}")
    assert response.status_code == 404
    assert response.text == template("detail.html")  # a browser still runs the SPA


def test_an_unknown_article_is_404(spa):
    assert get(f"{spa}/alice/topics/detail/424242").status_code == 404


def test_index_and_author_pages_list_articles_as_plain_links(spa, pages_root, publish):
    topic_id = publish("被链接的文章")
    wait_until((pages_root / "alice" / "topics.html").exists)
    for path in ("/", "/index", "/alice/topics"):
        response = get(spa + path)
        assert response.status_code == 200
        assert f"/alice/topics/detail/{topic_id}" in Head(response.text).anchors, path


def test_a_list_with_a_query_is_the_spa_page(spa, pages_root, publish):
    publish()
    wait_until((pages_root / "alice" / "topics.html").exists)
    assert get(f"{spa}/alice/topics?page=2").text == template("list.html")
    assert get(f"{spa}/index?category=tec").text == template("index.html")


def test_an_author_without_a_page_file_gets_the_spa_page(spa):
    response = get(f"{spa}/nobody/topics")
    assert response.status_code == 200 and response.text == template("list.html")


@pytest.mark.parametrize("path, content_type", [
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/rss.xml", "application/rss+xml; charset=utf-8"),
])
def test_site_files_are_served_with_their_types(spa, pages_root, publish, path, content_type):
    publish()
    wait_until((pages_root / path.lstrip("/")).exists)
    response = get(spa + path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    assert response.content == (pages_root / path.lstrip("/")).read_bytes()


def test_nothing_outside_the_pages_folder_is_served(spa):
    for path in ("/sitemap-1.xml", "/alice/topics/detail/1/../../../../manage.py"):
        assert get(spa + path).status_code == 404
