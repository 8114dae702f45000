"""导入/导出 and 应用密码 in headless Chromium against the real API (docs/api.md §16): import a
small WordPress export from the page and watch the progress finish, open an imported
article, download the export zip; create, see once and revoke an application password."""
import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login_as

pytestmark = pytest.mark.browser

SMALL_WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel>
  <title>旧博客</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <title>从 WordPress 搬来的文章</title>
    <guid isPermaLink="false">https://old.example.com/?p=7</guid>
    <content:encoded><![CDATA[<!-- wp:paragraph --><p>搬家成功的第一篇。</p><!-- /wp:paragraph -->]]></content:encoded>
    <wp:post_id>7</wp:post_id>
    <wp:post_date>2015-06-01 08:30:00</wp:post_date>
    <wp:post_date_gmt>2015-06-01 00:30:00</wp:post_date_gmt>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
    <wp:post_password></wp:post_password>
    <category domain="post_tag" nicename="move"><![CDATA[搬家]]></category>
    <wp:comment>
      <wp:comment_id>1</wp:comment_id>
      <wp:comment_author><![CDATA[老读者]]></wp:comment_author>
      <wp:comment_date_gmt>2015-06-02 01:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[写得好！]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_type>comment</wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
  <item>
    <title>关于</title>
    <guid isPermaLink="false">https://old.example.com/?page_id=2</guid>
    <content:encoded><![CDATA[一个页面]]></content:encoded>
    <wp:status>publish</wp:status>
    <wp:post_type>page</wp:post_type>
  </item>
</channel>
</rss>
"""


def test_import_a_wordpress_export_from_the_page_and_read_it(page, backend, username, tmp_path):
    token = backend.register(username)
    login_as(page, username, token)
    export = tmp_path / "wordpress.xml"
    export.write_text(SMALL_WXR, encoding="utf-8")
    page.goto(f"/{username}/info")
    page.click("#porting-link")
    page.wait_for_url(re.compile(f"/{username}/import_export$"))
    page.set_input_files("#import-file", str(export))
    page.click("#import-start")
    expect(page.locator("#import-state")).to_have_text("导入完成", timeout=120_000)
    expect(page.locator("#import-bar")).to_have_attribute("value", "100")
    report = page.locator("#import-report")
    expect(report).to_contain_text("导入 1 篇文章，跳过 1 项")
    expect(report).to_contain_text("页面：1 项")
    page.click(".report-blog")
    page.click("text=从 WordPress 搬来的文章")
    expect(page.locator("#topic-body")).to_contain_text("搬家成功的第一篇。")
    expect(page.locator(".comment-guest")).to_have_text("老读者")
    expect(page.locator(".comment-content").first).to_have_text("写得好！")


def test_a_file_that_is_not_an_export_is_refused_before_upload(page, backend, username, tmp_path):
    token = backend.register(username)
    login_as(page, username, token)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    page.goto(f"/{username}/import_export")
    page.set_input_files("#import-file", str(notes))
    expect(page.locator("#import-form .field-error")).to_contain_text("不是 XML 或 zip 文件")
    expect(page.locator("#import-start")).to_be_disabled()


def test_export_downloads_a_zip_of_the_articles(page, backend, username):
    token = backend.register(username)
    backend.publish(token, username, "要带走的文章", "<p>带走我。</p>")
    login_as(page, username, token)
    page.goto(f"/{username}/import_export")
    with page.expect_download() as download_info:
        page.click("#export-button")
    download = download_info.value
    assert download.suggested_filename == f"jiuzhi-{username}.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))
    assert "manifest.json" in archive.namelist()
    articles = [n for n in archive.namelist() if n.startswith("articles/")]
    assert len(articles) == 1 and "要带走的文章" in archive.read(articles[0]).decode()
    expect(page.locator("#export-alert")).to_contain_text("导出完成")


def test_application_passwords_are_shown_once_listed_and_revoked(page, backend, username, tmp_path):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/info")
    expect(page.locator("#app-passwords")).to_be_visible()
    expect(page.locator("#app-password-status")).to_contain_text("还没有应用密码")
    page.fill("#app-password-name", "我电脑上的 MWeb")
    page.click("#app-password-form [type=submit]")
    secret = page.locator("#app-password-secret")
    expect(secret).to_have_text(re.compile(r"^[A-Za-z0-9_-]{24,}$"))
    item = page.locator(".app-password-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("我电脑上的 MWeb")
    expect(item).to_contain_text("从未使用")
    page.reload()
    expect(page.locator(".app-password-item")).to_have_count(1)
    expect(page.locator("#app-password-new")).to_be_hidden()  # shown once
    page.click(".app-password-revoke")
    expect(page.locator(".app-password-revoke")).to_have_text("确认撤销")
    page.click(".app-password-revoke")
    expect(page.locator(".app-password-item")).to_have_count(0)
    assert backend.call("GET", f"/v1/users/{username}/app-passwords", token)["data"] == []
