"""The SPA walked as a person would, in headless Chromium, against the real API.

Each test gets a fresh browser context; the `page` fixture fails a test that
raised a dialog or logged a console error, and screenshots failures into
tests/browser/artifacts/.
"""
import re
import time

import jwt
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import JWT_SECRET, PASSWORD, login_as, login_with_form, png_file

pytestmark = pytest.mark.browser

XSS_IMG = '<img src=x onerror="window.__xss=1;document.body.setAttribute(\'data-xss\',\'1\')">'
XSS_SCRIPT = '<script>window.__xss=1;alert(1)</script>'
XSS_SVG = '<svg onload="window.__xss=1"></svg>'
XSS_NICKNAME = "<img src=x onerror=__xss=1>"  # fits the 30-character limit


# ---------------------------------------------------------------- helpers

def write_in_editor(page, text):
    editor = page.locator("#editor .w-e-text")
    editor.click()
    page.keyboard.type(text)


def assert_no_xss(page):
    assert page.evaluate("window.__xss") is None
    assert page.locator("body[data-xss]").count() == 0


# ---------------------------------------------------------------- the walk

def test_register_with_sms_code_then_publish_comment_and_log_out(page, backend, username, tmp_path):
    # register: the code comes from the fake YunTongXun gateway
    phone = backend.next_phone()
    page.goto("/register")
    page.fill("#username", username)
    page.fill("#email", f"{username}@example.com")
    page.fill("#phone", phone)
    page.click("#send-code")
    expect(page.locator("#send-code")).to_have_text(re.compile(r"\d+ 秒后重发"))
    expect(page.locator("#send-code")).to_be_disabled()
    page.fill("#sms_num", backend.sms_code(phone))
    page.fill("#password_1", PASSWORD)
    page.fill("#password_2", PASSWORD)
    page.click("#register-form [type=submit]")
    page.wait_for_url(f"**/{username}/topics")
    expect(page.locator("#flash")).to_contain_text("注册成功")
    expect(page.locator(".nav-user")).to_contain_text(username)
    assert page.evaluate("localStorage.getItem('dnblog_user')") == username

    # publish with the rich-text editor
    page.click("#blog-actions .write-link")
    page.wait_for_url(f"**/{username}/topic/release")
    page.fill("#title", "我的第一篇文章")
    page.select_option("#category", "tec")
    write_in_editor(page, "你好，久至博客！这是正文。")
    page.click("#release-form [type=submit]")
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"))
    expect(page.locator("#topic-title")).to_have_text("我的第一篇文章")
    expect(page.locator(".article-body")).to_contain_text("你好，久至博客！这是正文。")
    detail_url = page.url

    # the list shows it with owner actions
    page.goto(f"/{username}/topics")
    card = page.locator(".topic-card", has_text="我的第一篇文章")
    expect(card).to_be_visible()
    expect(card.locator(".edit-topic")).to_be_visible()
    expect(card.locator(".delete-topic")).to_be_visible()

    # comment and reply
    page.goto(detail_url)
    page.fill("#comment-form textarea", "第一条评论")
    page.click("#comment-form [type=submit]")
    comment = page.locator(".comment:not(.reply)", has_text="第一条评论")
    expect(comment).to_be_visible()
    expect(page.locator("#comments-count")).to_have_text("1")
    comment.locator(".reply-btn").click()
    comment.locator(".reply-form-wrap textarea").fill("这是一条回复")
    comment.locator(".reply-form-wrap [type=submit]").click()
    expect(page.locator(".comment.reply", has_text="这是一条回复")).to_be_visible()

    # edit the profile and upload an avatar (with a preview first)
    page.goto(f"/{username}/change_info")
    page.fill("#nickname", "小久")
    page.fill("#sign", "写点东西")
    page.fill("#info", "一个爱写博客的人")
    page.click("#info-form [type=submit]")
    expect(page.locator("#info-form .form-alert")).to_contain_text("资料已保存")
    page.set_input_files("#avatar", str(png_file(tmp_path)))
    expect(page.locator("#avatar-preview img")).to_have_attribute("src", re.compile(r"^blob:"))
    page.click("#avatar-form [type=submit]")
    expect(page.locator("#avatar-form .form-alert")).to_contain_text("头像已更新")
    expect(page.locator("#avatar-preview img")).to_have_attribute("src", re.compile(r"^https?://.*/media/"))
    page.goto(f"/{username}/info")
    expect(page.locator("#profile-name")).to_have_text("小久")
    expect(page.locator("#profile-sign")).to_have_text("写点东西")
    avatar = page.locator("#profile-avatar img")
    expect(avatar).to_be_visible()
    assert avatar.evaluate("img => img.complete && img.naturalWidth > 0")

    # the comment shows the new avatar
    page.goto(detail_url)
    expect(page.locator(".comment .avatar img").first).to_be_visible()

    # log out, then log in again with the form
    page.click("#logout")
    page.wait_for_url("**/index")
    expect(page.locator("#site-nav")).to_contain_text("登录")
    assert page.evaluate("localStorage.getItem('dnblog_token')") is None
    login_with_form(page, username)
    page.wait_for_url(f"**/{username}/topics")
    expect(page.locator("#blog-title")).to_have_text("小久的博客")


def test_index_lists_latest_public_articles_of_all_authors(page, backend, username):
    token = backend.register(username)
    backend.publish(token, username, "首页可见的文章")
    backend.publish(token, username, "私密文章不上首页", limit="private")
    page.goto("/index")
    expect(page.locator(".topic-card", has_text="首页可见的文章")).to_be_visible()
    expect(page.locator(".topic-card", has_text="私密文章不上首页")).to_have_count(0)
    # the author's name and avatar lead to their profile (docs/api.md §12)
    page.locator(".topic-card", has_text="首页可见的文章").locator(".topic-author").click()
    page.wait_for_url(f"**/{username}/info")


# ---------------------------------------------------------------- forms

def test_register_shows_errors_next_to_fields(page, backend, username, watch):
    page.goto("/register")
    page.fill("#username", "x!")
    page.fill("#phone", "123")
    page.click("#register-form [type=submit]")
    expect(page.locator("#username ~ .field-error")).to_contain_text("3–11")
    expect(page.locator(".field:has(#phone) .field-error")).to_contain_text("11 位")
    assert page.evaluate("localStorage.getItem('dnblog_token')") is None

    # a wrong code comes back from the API as a field error next to the code
    phone = backend.next_phone()
    page.fill("#username", username)
    page.fill("#email", f"{username}@example.com")
    page.fill("#phone", phone)
    page.click("#send-code")
    # As a person would: type on once the page says the code is sent (it then moves
    # the focus to the code field, which would swallow keys typed elsewhere).
    expect(page.locator("#send-code")).to_have_text(re.compile(r"\d+ 秒后重发"))
    real = backend.sms_code(phone)
    page.fill("#sms_num", "000000" if real != "000000" else "111111")
    page.fill("#password_1", PASSWORD)
    page.fill("#password_2", PASSWORD)
    page.click("#register-form [type=submit]")
    expect(page.locator(".field:has(#sms_num) .field-error")).to_contain_text("验证码")
    watch.expect("status of 400")


def test_login_with_a_wrong_password_is_shown_in_place(page, backend, username, watch):
    backend.register(username)
    login_with_form(page, username, "wrong-password")
    expect(page.locator("#login-form .form-alert")).to_contain_text("用户名或密码错误")
    assert page.url.endswith("/login")
    watch.expect("status of 401")


# ---------------------------------------------------------------- lists

def test_author_list_has_category_tabs_and_pagination(page, backend, username):
    token = backend.register(username)
    for i in range(12):
        backend.publish(token, username, f"技术文章{i:02d}", category="tec")
    backend.publish(token, username, "生活随笔", category="no-tec")
    page.goto(f"/{username}/topics")
    expect(page.locator(".topic-card")).to_have_count(10)
    expect(page.locator("#pagination .page-total")).to_have_text("共 13 篇")
    page.click("#pagination .page-next")
    page.wait_for_url("**?page=2")
    expect(page.locator(".topic-card")).to_have_count(3)

    page.click("#category-tabs [data-category=no-tec]")
    page.wait_for_url("**?category=no-tec")
    expect(page.locator(".topic-card")).to_have_count(1)
    expect(page.locator(".topic-card")).to_contain_text("生活随笔")
    page.click("#category-tabs [data-category=tec]")
    expect(page.locator("#pagination .page-total")).to_have_text("共 12 篇")
    # a visitor sees no owner actions
    expect(page.locator(".owner-actions")).to_have_count(0)


def test_owner_edits_and_deletes_an_article(page, backend, username, watch):
    token = backend.register(username)
    older = backend.publish(token, username, "较早的文章")
    topic_id = backend.publish(token, username, "原来的标题", content="<p>原来的正文</p>")
    login_as(page, username, token)

    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-nav .prev a")).to_have_text("较早的文章")
    page.click("#edit-topic")
    page.wait_for_url(f"**/{username}/topic/release?t_id={topic_id}")
    expect(page.locator("#title")).to_have_value("原来的标题")
    expect(page.locator("#editor .w-e-text")).to_contain_text("原来的正文")
    page.fill("#title", "改过的标题")
    page.check("input[name=limit][value=private]")
    page.click("#release-form [type=submit]")
    page.wait_for_url(f"**/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-title")).to_have_text("改过的标题")
    expect(page.locator("#topic-meta .badge-private")).to_be_visible()
    # a private article has no pre-rendered page: its URL is a 404 document (for crawlers,
    # docs/pages.md) whose SPA still shows the owner their article
    watch.expect("status of 404")

    page.goto(f"/{username}/topics")
    card = page.locator(".topic-card", has_text="改过的标题")
    card.locator(".delete-topic").click()
    card.locator(".confirm-yes").click()
    expect(page.locator(".topic-card", has_text="改过的标题")).to_have_count(0)
    expect(page.locator(f".topic-card[data-topic-id='{older}']")).to_be_visible()


def test_release_form_checks_title_body_and_price_before_sending(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    page.fill("#price", "1.234")
    page.click("#release-form [type=submit]")
    expect(page.locator(".field:has(#title) .field-error")).to_contain_text("标题不能为空")
    expect(page.locator(".field:has(#price) .field-error")).to_contain_text("两位小数")
    page.fill("#title", "有标题")
    page.fill("#price", "1.50")
    page.click("#release-form [type=submit]")
    expect(page.locator(".field:has(#editor) .field-error")).to_contain_text("正文不能为空")
    assert page.url.endswith("/topic/release")


def test_someone_elses_release_page_is_refused(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto("/someone/topic/release")
    expect(page.locator("#main")).to_contain_text("只能修改自己的内容")
    expect(page.locator("#editor")).to_have_count(0)


def test_article_author_deletes_a_readers_comment(page, backend, username):
    token = backend.register(username)
    reader_token = backend.register(username + "r")
    topic_id = backend.publish(token, username, "有评论的文章")
    backend.call("POST", f"/v1/messages/{topic_id}", reader_token, json={"content": "读者的评论"})
    login_as(page, username, token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    comment = page.locator(".comment", has_text="读者的评论")
    comment.locator(".delete-comment").click()
    comment.locator(".confirm-yes").click()
    expect(page.locator(".comment", has_text="读者的评论")).to_have_count(0)
    expect(page.locator("#comments-count")).to_have_text("0")


def test_private_article_is_not_found_for_a_visitor(page, backend, username, watch):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "秘密", limit="private")
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-status")).to_contain_text("文章不存在")
    expect(page.locator("#topic")).to_be_hidden()
    watch.expect("status of 404")


# ---------------------------------------------------------------- security

def test_stored_xss_in_comment_nickname_and_body_does_not_run(page, backend, username):
    token = backend.register(username)
    backend.call("PUT", f"/v1/users/{username}", token,
             json={"nickname": XSS_NICKNAME, "sign": XSS_SVG})
    topic_id = backend.publish(token, username, '<b onmouseover="window.__xss=1">标题</b>',
                           content=f"<p>安全的正文</p>{XSS_IMG}{XSS_SCRIPT}{XSS_SVG}"
                                   '<a href="javascript:window.__xss=1">链接</a>')
    backend.call("POST", f"/v1/messages/{topic_id}", token, json={"content": XSS_IMG + XSS_SCRIPT})

    for path in (f"/{username}/topics/detail/{topic_id}", f"/{username}/topics",
                 f"/{username}/info", "/index"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert_no_xss(page)
        assert page.locator("main img[src=x], main svg[onload], main script").count() == 0

    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator(".article-body")).to_contain_text("安全的正文")
    # the comment and the title show as the literal text typed
    expect(page.locator(".comment-content").first).to_have_text(XSS_IMG + XSS_SCRIPT)
    expect(page.locator("#topic-title")).to_contain_text("<b onmouseover")
    expect(page.locator("#topic-meta .topic-author .person-name")).to_have_text(XSS_NICKNAME)
    link = page.locator(".article-body a", has_text="链接")
    if link.count():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert_no_xss(page)


def test_an_expired_token_sends_the_user_to_login_with_a_message(page, backend, username, watch):
    backend.register(username)
    expired = jwt.encode({"username": username, "ver": 0, "iat": int(time.time()) - 7200,
                          "exp": int(time.time()) - 3600}, JWT_SECRET, algorithm="HS256")
    login_as(page, username, expired)
    page.goto(f"/{username}/change_info")
    page.wait_for_url(re.compile(r"/login\?next="))
    expect(page.locator("#flash")).to_contain_text("重新登录")
    assert page.evaluate("localStorage.getItem('dnblog_token')") is None
    expect(page.locator("#site-nav")).to_contain_text("登录")
    watch.expect("status of 401")

    # logging in again goes back to where the user was
    login_with_form(page, username, go=False)
    page.wait_for_url(f"**/{username}/change_info")
    expect(page.locator("#info-panels")).to_be_visible()


def test_change_password_stores_the_new_token(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/change_password")
    page.fill("#old_password", PASSWORD)
    page.fill("#password_1", "new-secret-456")
    page.fill("#password_2", "new-secret-456")
    page.click("#password-form [type=submit]")
    page.wait_for_url(f"**/{username}/info")
    expect(page.locator("#flash")).to_contain_text("密码已修改")
    new_token = page.evaluate("localStorage.getItem('dnblog_token')")
    assert new_token and new_token != token
    # the new token works for an owner-only page
    page.goto(f"/{username}/change_info")
    expect(page.locator("#info-panels")).to_be_visible()


def test_network_failure_is_shown_in_place(page, api_url, watch):
    page.route(f"{api_url}/**", lambda route: route.abort())
    page.goto("/index")
    expect(page.locator("#topic-list .alert-error")).to_contain_text("网络连接失败")
    watch.expect("net::ERR_FAILED")


# ---------------------------------------------------------------- payment

def test_buy_a_paid_article_through_the_fake_cashier(page, backend, username):
    author_token = backend.register(username)
    buyer = username + "b"
    buyer_token = backend.register(buyer)
    topic_id = backend.publish(author_token, username, "付费好文", content="<p>付费才能看的全文</p>",
                           content_text="付费才能看的全文，开头免费预览", price="1.50")
    login_as(page, buyer, buyer_token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator(".paywall")).to_be_visible()
    expect(page.locator(".article-body:not(.article-preview)")).to_have_count(0)  # only a free preview
    assert "付费才能看的全文" not in page.content()
    page.click("#buy-topic")
    # the fake cashier (on the API's origin) pays and sends us back
    page.wait_for_url(re.compile(r"/fake-alipay/"))
    page.locator("button, input[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/{topic_id}"), timeout=60_000)
    expect(page.locator("#pay-result")).to_contain_text("支付")
    expect(page.locator(".article-body")).to_contain_text("付费才能看的全文", timeout=60_000)

    page.goto("/orders")
    order = page.locator(".order-card", has_text="付费好文")
    expect(order).to_be_visible()
    expect(order.locator(".status")).to_have_text("已支付")


def test_a_failed_payment_is_reported_on_the_article(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "付费文章", price="2.00")
    page.goto(f"/{username}/topics/detail/{topic_id}?pay=fail&order_no=nope")
    expect(page.locator("#pay-result")).to_contain_text("支付未完成")
    assert page.url.endswith(f"/topics/detail/{topic_id}")  # the result is not kept in the URL
    expect(page.locator(".paywall")).to_contain_text("登录后购买")


# ---------------------------------------------------------------- phone

def test_pages_read_well_on_a_phone(browser, spa_url, backend, username, watch):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "手机上读文章", content="<p>" + "很长的正文。" * 80 + "</p>")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, base_url=spa_url)
    page = context.new_page()
    watch.attach(page)
    try:
        login_as(page, username, token)
        paths = ["/index", f"/{username}/topics", f"/{username}/topics/detail/{topic_id}",
                 f"/{username}/topic/release", f"/{username}/change_info", f"/{username}/info",
                 "/orders"]
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
        expect(page.locator("#site-nav")).to_be_hidden()
        page.click(".nav-toggle")
        expect(page.locator("#site-nav")).to_be_visible()
        expect(page.locator("#logout")).to_be_visible()
    finally:
        context.close()
    assert not watch.console_errors, watch.console_errors
