"""Tags and search in the SPA (docs/api.md §10), in headless Chromium against the real API:
search from the header, open a result, highlights as text, the empty state,
pagination; tag chips lead to the tag page; the editor writes tags."""
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def login_as(page, username, token):
    page.goto("/login")
    page.evaluate("([u, t]) => { localStorage.setItem('dnblog_user', u);"
                  " localStorage.setItem('dnblog_token', t); }", [username, token])


def test_search_from_the_header_and_open_a_result(page, backend, username):
    token = backend.register(username)
    backend.publish(token, username, f"{username} 的缓存笔记",
                    "<p>这篇讲讲 Redis 里缓存失效的几种处理办法。</p>", tags=["缓存"])
    page.goto("/index")
    page.fill("#site-search", f"缓存失效 {username}")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    result = page.locator(".search-result", has_text=f"{username} 的缓存笔记")
    expect(result).to_have_count(1)
    expect(page.locator("#search-summary")).to_contain_text("找到 1 篇")
    expect(result.locator("mark.hit").first).to_have_text("缓存失效")
    expect(result.locator(".tag-chip")).to_have_text("缓存")
    expect(page.locator("#site-search")).to_have_value(f"缓存失效 {username}")
    result.locator(".topic-title a").click()
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"))
    expect(page.locator("#topic-title")).to_have_text(f"{username} 的缓存笔记")


def test_search_highlights_are_text_never_html(page, backend, username):
    token = backend.register(username)
    backend.publish(token, username, "注入测试",
                    f"<p>&lt;img src=x onerror=window.__xss=1&gt; 关键 {username}</p>")
    page.goto(f"/search?q={username}")
    snippet = page.locator(".search-result .snippet")
    expect(snippet).to_contain_text("<img src=x onerror=window.__xss=1>")
    expect(snippet.locator("mark.hit")).to_have_text(username)
    assert page.evaluate("window.__xss") is None
    assert snippet.locator("img").count() == 0


def test_a_search_with_no_results_shows_the_empty_state(page):
    page.goto("/search?q=" + quote("根本不存在的词语"))
    expect(page.locator("#search-results .empty")).to_contain_text("没有找到与「根本不存在的词语」相关的文章")
    expect(page.locator("#pagination")).to_be_hidden()


def test_the_search_page_without_a_query_invites_one(page):
    page.goto("/search")
    expect(page.locator("#search-results .empty")).to_contain_text("输入关键词")
    expect(page.locator("#search-q")).to_be_focused()


def test_search_results_are_paginated_with_links(page, backend, username):
    token = backend.register(username)
    for number in range(12):
        backend.publish(token, username, f"分页{number:02d} {username}")
    page.goto(f"/search?q={username}")
    expect(page.locator(".search-result")).to_have_count(10)
    expect(page.locator(".search-result .topic-title").first).to_have_text(f"分页11 {username}")
    page.locator("#pagination .page-next").click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator(".search-result")).to_have_count(2)
    expect(page.locator(".search-result .topic-title").last).to_have_text(f"分页00 {username}")


def test_a_tag_chip_leads_to_the_tag_page(page, backend, username):
    token = backend.register(username)
    tag = f"标签{username}"
    backend.publish(token, username, "有标签的文章", tags=[tag, "Django"])
    backend.publish(token, username, "没有标签的文章")
    page.goto(f"/{username}/topics")
    card = page.locator(".topic-card", has_text="有标签的文章")
    expect(card.locator(".tag-chip")).to_have_text([tag, "Django"])
    card.locator(".tag-chip", has_text=tag).click()
    page.wait_for_url(re.compile(r"/tags/"))
    expect(page.locator("#tag-title")).to_have_text(f"标签：{tag}")
    expect(page.locator("#topic-list .topic-card")).to_have_count(1)
    expect(page.locator("#topic-list .topic-card")).to_contain_text("有标签的文章")
    expect(page.locator("#popular-tag-list .tag-chip.active")).to_contain_text(tag)


def test_the_article_page_shows_its_tags_as_links(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "文章", tags=["缓存", "C/C++"])
    page.goto(f"/{username}/topics/detail/{topic_id}")
    chips = page.locator("#topic-tags .tag-chip")
    expect(chips).to_have_text(["缓存", "C/C++"])
    chips.nth(1).click()
    page.wait_for_url(re.compile(r"/tags/C%2FC%2B%2B$"))
    expect(page.locator("#tag-title")).to_have_text("标签：C/C++")


def test_the_editor_writes_and_reopens_tags(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.fill("#title", "带标签发布")
    page.fill("#tags", "Django，缓存, django, ")
    expect(page.locator("#tag-preview .tag-chip")).to_have_text(["Django", "缓存"])
    page.locator("#editor .w-e-text").click()
    page.keyboard.type("正文内容")
    page.click("#release-form [type=submit]")
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"))
    expect(page.locator("#topic-tags .tag-chip")).to_have_text(["Django", "缓存"])
    page.click("#edit-topic")
    expect(page.locator("#tags")).to_have_value("Django, 缓存")


def test_the_editor_refuses_too_many_tags_before_sending(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.fill("#title", "标签太多")
    page.fill("#tags", "a, b, c, d, e, f")
    page.click("#release-form [type=submit]")
    expect(page.locator("#tags").locator("xpath=..").locator(".field-error")).to_have_text("最多 5 个标签")
    assert page.url.endswith("/topic/release")
