"""Writing (docs/api.md §11) in the browser: Markdown with live preview, highlighted code with a
copy button, autosaved drafts, scheduling, the paywall preview, and the two editor bugs
(a trailing code block trapping the caret; the site CSS breaking wangEditor's panels)."""
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.test_spa import login_as

pytestmark = pytest.mark.browser

SERVER_ZONE = ZoneInfo("Asia/Shanghai")  # the API's TIME_ZONE (docs/api.md §3)
CODE = "def greet(name):\n    return f\"你好，{name}\"  # 问候\n"
MARKDOWN = f"# 用 Markdown 写的文章\n\n| 语言 | 年份 |\n|---|---|\n| Python | 1991 |\n\n" \
           f"- [x] 写完\n- [ ] 发布\n\n```python\n{CODE}```\n"


def poll(condition, timeout=60, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


def detail(backend, author, topic_id, token=None):
    headers = {"Authorization": token} if token else {}
    return requests.get(f"{backend.url}/v1/topics/{author}", params={"t_id": topic_id},
                        headers=headers, timeout=10)


def test_write_in_markdown_publish_and_copy_a_highlighted_code_block(page, backend, username, spa_url):
    token = backend.register(username)
    login_as(page, username, token)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=spa_url)
    page.goto(f"/{username}/topic/release")
    page.click("#mode-markdown")
    page.fill("#title", "Markdown 与代码")
    page.fill("#markdown", MARKDOWN)

    # the live preview renders what the server will
    preview = page.locator("#markdown-preview")
    expect(preview.locator("h1")).to_have_text("用 Markdown 写的文章")
    expect(preview.locator("table td").first).to_have_text("Python")
    expect(preview.locator("input[type=checkbox][disabled]")).to_have_count(2)
    expect(preview.locator(".code-block .code-lang")).to_have_text("python")

    page.click("#release-form [type=submit]")
    page.wait_for_url(f"**/{username}/topics/detail/*")
    block = page.locator("#topic-body .code-block")
    expect(block.locator(".code-lang")).to_have_text("python")
    expect(block.locator("pre code.language-python .hljs-keyword").first).to_have_text("def")
    assert block.locator("pre").evaluate("pre => getComputedStyle(pre).overflowX") == "auto"
    assert block.locator("code").evaluate("c => parseFloat(getComputedStyle(c).fontSize)") >= 13
    block.locator(".code-copy").click()
    expect(block.locator(".code-copy")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == CODE
    expect(page.locator("#topic-body input[type=checkbox][disabled]")).to_have_count(2)

    # the editor reopens the article in Markdown, with its source
    page.click("#edit-topic")
    expect(page.locator("#mode-markdown")).to_have_class("mode-tab active")
    expect(page.locator("#markdown")).to_have_value(MARKDOWN)
    expect(page.locator("#editor")).to_be_hidden()


def test_a_long_code_line_scrolls_instead_of_overflowing(page, backend, username):
    token = backend.register(username)
    line = "x = '" + "很长的一行" * 60 + "'"
    topic_id = backend.publish(token, username, "长代码", content=f"<pre><code>{line}</code></pre>")
    page.goto(f"/{username}/topics/detail/{topic_id}")
    pre = page.locator("#topic-body pre")
    expect(pre).to_be_visible()
    widths = pre.evaluate("p => [p.scrollWidth, p.clientWidth, p.closest('.article').clientWidth]")
    assert widths[0] > widths[1] and widths[1] <= widths[2]
    expect(page.locator("#topic-body .code-lang")).not_to_be_empty()


def test_autosave_keeps_a_draft_across_a_reload(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.click("#mode-html")
    page.fill("#title", "自动保存的草稿")
    page.locator("#editor .w-e-text").click()
    page.keyboard.type("第一段")
    expect(page.locator("#autosave-status")).to_contain_text("已保存", timeout=30_000)
    assert f"/{username}/topic/release?t_id=" in page.url
    topic_id = page.url.rsplit("=", 1)[1]

    # typed after the last save, then the page is left at once: the keepalive save has it
    page.keyboard.type("，再写一点")
    page.goto(f"/{username}/topics")
    poll(lambda: "再写一点" in detail(backend, username, topic_id, token).json()["data"]["content"])
    card = page.locator(f".topic-card[data-topic-id='{topic_id}']")
    page.reload()
    expect(card.locator(".badge-draft")).to_have_text("草稿")

    page.goto(f"/{username}/topic/release?t_id={topic_id}")
    expect(page.locator("#title")).to_have_value("自动保存的草稿")
    expect(page.locator("#editor .w-e-text")).to_contain_text("第一段，再写一点")
    assert detail(backend, username, topic_id).status_code == 404  # nobody else sees it


def test_text_typed_below_a_trailing_code_block_lands_outside_it(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "代码结尾", content="<p>开头</p><pre><code>x = 1</code></pre>")
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release?t_id={topic_id}")
    text = page.locator("#editor .w-e-text")
    expect(text.locator("pre")).to_have_text("x = 1")
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("代码块之后")
    expect(text.locator("pre")).to_have_text("x = 1")
    expect(text.locator("pre ~ p")).to_contain_text("代码块之后")


def test_editor_panels_are_not_broken_by_the_site_stylesheet(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.click("#mode-html")
    toolbar = page.locator("#editor .w-e-toolbar")

    toolbar.locator("[data-title='表格']").click()
    panel = page.locator(".w-e-panel-container")
    label = panel.get_by_text("列的表格")
    expect(label).to_be_visible()
    assert label.bounding_box()["height"] < 32  # one line, not one character per line
    boxes = [panel.get_by_text("创建").bounding_box(), label.bounding_box()]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 8  # the sentence reads on one row
    panel.locator(".w-e-panel-close").click()

    for menu in ("链接", "图片"):
        toolbar.locator(f"[data-title='{menu}']").click()
        if menu == "图片":  # its first tab uploads a file (tests/browser/test_images.py)
            page.locator(".w-e-panel-container .w-e-panel-tab-title li", has_text="网络图片").click()
        inputs = page.locator(".w-e-panel-container input[type=text]:visible")
        expect(inputs.first).to_be_visible()
        for index in range(inputs.count()):
            room = inputs.nth(index).evaluate(
                "i => { const s = getComputedStyle(i); return i.clientHeight - parseFloat(s.paddingTop)"
                " - parseFloat(s.paddingBottom) - parseFloat(s.fontSize); }")
            assert room >= 0, f"{menu}: input text is clipped"
        page.locator(".w-e-panel-container .w-e-panel-close").click()


def test_a_scheduled_article_appears_after_its_time(page, backend, username):
    token = backend.register(username)
    when = datetime.now(SERVER_ZONE) + timedelta(seconds=4)
    topic_id = backend.publish(token, username, "定时发布的文章", status="scheduled",
                               publish_at=when.strftime("%Y-%m-%d %H:%M:%S"))
    login_as(page, username, token)
    page.goto(f"/{username}/topics")
    expect(page.locator(f".topic-card[data-topic-id='{topic_id}'] .badge-scheduled")).to_contain_text("定时")

    visitor = page.context.browser.new_page(base_url=page.url.split(f"/{username}")[0])
    try:
        visitor.goto(f"/{username}/topics")
        card = visitor.locator(f".topic-card[data-topic-id='{topic_id}']")

        def appeared():
            visitor.reload()
            visitor.wait_for_selector("#topic-list .topic-card, #topic-list .empty")
            return card.count() == 1

        poll(appeared, timeout=90, interval=1)
        expect(card.locator(".topic-title")).to_have_text("定时发布的文章")
        expect(card.locator(".badge-scheduled")).to_have_count(0)
    finally:
        visitor.close()


def test_a_paid_article_shows_its_free_preview_then_the_price(page, backend, username):
    token = backend.register(username)
    content = "<p>免费试读的开头。</p><hr class=\"paywall\"><p>PAIDSECRET 付费的正文。</p>"
    topic_id = backend.publish(token, username, "付费文章", content=content, price="9.90")
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-body .article-preview")).to_have_text("免费试读的开头。")
    paywall = page.locator("#topic-body .paywall")
    expect(paywall).to_contain_text("¥9.90")
    expect(paywall).to_contain_text("登录后购买")
    assert "PAIDSECRET" not in page.content()


def test_the_article_page_shows_when_it_was_updated(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "会更新的文章")

    def edited_later():
        data = backend.call("PUT", f"/v1/topics/{username}?t_id={topic_id}", token,
                            json={"content": "<p>改过</p>"})["data"]
        return data if data["updated_time"] != data["created_time"] else None

    data = poll(edited_later, interval=0.4)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-meta .updated-time")).to_have_text("更新于 " + data["updated_time"])


def test_cover_and_summary_show_on_the_card_and_the_article(page, backend, username, spa_url):
    token = backend.register(username)
    cover = f"{spa_url}/static/images/logo.svg"
    topic_id = backend.publish(token, username, "有封面的文章", content="<p>第一段</p><p>第二段</p>",
                               cover=cover, summary="一句话摘要")
    plain = backend.publish(token, username, "没有摘要的文章", content="<p>第一段</p><p>第二段</p>")
    page.goto(f"/{username}/topics")
    card = page.locator(f".topic-card[data-topic-id='{topic_id}']")
    expect(card.locator(".topic-cover img")).to_have_attribute("src", cover)
    expect(card.locator(".topic-intro")).to_have_text("一句话摘要")
    expect(page.locator(f".topic-card[data-topic-id='{plain}'] .topic-intro")).to_have_text("第一段 第二段")
    card.locator(".topic-title a").click()
    expect(page.locator("#topic-cover img")).to_have_attribute("src", cover)


def test_a_code_block_of_the_rich_editor_keeps_its_language(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.click("#mode-html")
    page.fill("#title", "富文本代码")
    page.locator("#editor .w-e-text").click()
    page.keyboard.type("下面是代码：")
    page.locator("#editor .w-e-toolbar [data-title='代码']").click()
    panel = page.locator(".w-e-panel-container")
    panel.locator("select").select_option("Python")
    panel.locator("textarea").fill("print('hi')")
    panel.locator("button", has_text="插入").click()
    page.click("#release-form [type=submit]")
    page.wait_for_url(f"**/{username}/topics/detail/*")
    expect(page.locator("#topic-body .code-block .code-lang")).to_have_text("python")
    expect(page.locator("#topic-body pre code.language-python")).to_contain_text("print('hi')")


def test_the_rich_editor_inserts_the_paywall_line(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.click("#mode-html")
    page.fill("#title", "富文本付费文章")
    page.fill("#price", "3")
    page.locator("#editor .w-e-text").click()
    page.keyboard.type("免费的部分")
    page.click("#insert-paywall")
    page.keyboard.type("PAIDSECRET 付费的部分")
    page.click("#release-form [type=submit]")
    page.wait_for_url(f"**/{username}/topics/detail/*")
    topic_id = page.url.rsplit("/", 1)[1]
    expect(page.locator("#topic-body hr.paywall")).to_have_count(1)  # the author reads it all

    data = detail(backend, username, topic_id).json()["data"]
    assert data["paid"] is False and "免费的部分" in data["preview"] and "PAIDSECRET" not in str(data)
