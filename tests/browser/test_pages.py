"""Crawlable pages on the SPA origin (docs/api.md §10): the same article URL is readable HTML
with its meta tags for a client that runs no JavaScript (plain HTTP, like curl) and the
normal SPA page in Chromium; lists page with real links."""
import json
import time

import pytest
import requests
from playwright.sync_api import expect

from tests.hardening.conftest import REQUEST_TIMEOUT
from tests.pages.conftest import Head, text_of

pytestmark = pytest.mark.browser


def get_when(url, status, timeout=120):
    """GET url until it answers `status` (the page is written after the write commits)."""
    deadline = time.monotonic() + timeout
    while True:
        response = requests.get(url, timeout=REQUEST_TIMEOUT)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


@pytest.fixture
def article(backend, username):
    token = backend.register(username)
    backend.call("PUT", f"/v1/users/{username}", token, json={"nickname": "页面作者"})
    topic_id = backend.publish(token, username, "没有脚本也能读的文章",
                               content="<p>第一段正文，爬虫也看得到。</p><p>第二段。</p>")
    return {"token": token, "id": topic_id, "path": f"/{username}/topics/detail/{topic_id}"}


def test_curl_of_an_article_url_shows_its_text_and_meta_tags(spa_url, article):
    response = get_when(spa_url + article["path"], 200)
    assert response.status_code == 200
    head = Head(response.text)
    assert head.title == "没有脚本也能读的文章 - 页面作者 - 久至博客"
    assert head.h1[0] == "没有脚本也能读的文章"
    text = text_of(response.text)
    assert "第一段正文，爬虫也看得到。" in text and "页面作者" in text
    assert head.meta["description"].startswith("第一段正文")
    assert head.meta["og:type"] == "article"
    assert head.meta["og:url"] == spa_url + article["path"]
    assert head.link("canonical")["href"] == spa_url + article["path"]
    assert json.loads(head.json_ld[0])["@type"] == "BlogPosting"


def test_the_same_url_in_chromium_is_the_normal_spa_page(page, spa_url, article):
    get_when(spa_url + article["path"], 200)
    page.goto(article["path"])
    expect(page.locator("#topic-title")).to_have_text("没有脚本也能读的文章")
    expect(page.locator("#topic-body")).to_contain_text("第一段正文，爬虫也看得到。")
    expect(page.locator("#comments")).to_be_visible()
    expect(page.locator("#site-header .brand")).to_be_visible()
    # the pre-rendered copy is gone: the article is on the page once
    expect(page.locator("[data-prerendered]")).to_have_count(0)
    expect(page.locator("h1", has_text="没有脚本也能读的文章")).to_have_count(1)
    assert page.title().startswith("没有脚本也能读的文章")
    expect(page.locator('head link[rel=alternate][type="application/rss+xml"]')).to_have_count(2)


def test_a_private_article_is_404_without_javascript_and_not_found_in_chromium(
        page, spa_url, backend, article, username, watch):
    get_when(spa_url + article["path"], 200)
    backend.call("PUT", f"/v1/topics/{username}?t_id={article['id']}", article["token"],
                 json={"limit": "private"})
    response = get_when(spa_url + article["path"], 404)
    assert response.status_code == 404
    assert "第一段正文" not in response.text
    page.goto(article["path"])
    expect(page.locator("#topic-status")).to_contain_text("文章不存在")
    watch.expect("status of 404")


def test_index_and_author_pages_link_articles_for_clients_without_javascript(spa_url, article, username):
    get_when(spa_url + article["path"], 200)
    for path in ("/", f"/{username}/topics"):
        anchors = Head(requests.get(spa_url + path, timeout=REQUEST_TIMEOUT).text).anchors
        assert article["path"] in anchors, path


def test_the_author_page_links_the_author_feed(page, spa_url, article, username, api_url):
    page.goto(f"/{username}/topics")
    expect(page.locator(".topic-card")).to_have_count(1)
    feed = page.locator('head link[rel=alternate][type="application/rss+xml"][data-author-feed]')
    expect(feed).to_have_count(1)
    assert feed.get_attribute("href") == f"{api_url}/v1/feeds/{username}/rss"
    response = requests.get(feed.get_attribute("href"), timeout=REQUEST_TIMEOUT)
    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert "没有脚本也能读的文章" in response.text


def test_pagination_is_real_links_that_open_in_a_new_tab(page, backend, username):
    token = backend.register(username)
    for i in range(12):
        backend.publish(token, username, f"分页文章{i:02d}")
    page.goto(f"/{username}/topics")
    expect(page.locator(".topic-card")).to_have_count(10)
    links = page.locator("#pagination a[href]")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"/{username}/topics?page=2" in hrefs
    # what a crawler or a middle click does: follow the href in a fresh page
    other = page.context.new_page()
    other.goto(f"/{username}/topics?page=2")
    expect(other.locator(".topic-card")).to_have_count(2)
    expect(other.locator("#pagination .current")).to_have_text("2")
    other.close()
