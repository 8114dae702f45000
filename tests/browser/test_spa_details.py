"""What a reader notices, in headless Chromium against the real API: where login
sends you (`?next=`, issue 10.10), the header, widths and names, the orders
page, a failed load that can be retried, a wrong avatar file, and payment
errors in Chinese (issues 13 and 14)."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login_as, login_with_form, png_file

pytestmark = pytest.mark.browser


def pay_at_fake_cashier(page):
    page.wait_for_url(re.compile(r"/fake-alipay/"))
    page.locator("button, input[type=submit]").first.click()


# ---------------------------------------------------------------- ?next= (issue 10.10)

@pytest.mark.parametrize("next_value", ["/\\evil.com", "/%09/evil.com", "//evil.com"],
                         ids=["backslash", "encoded-tab", "protocol-relative"])
def test_login_next_outside_the_spa_lands_on_the_index(page, spa_url, backend, username, next_value):
    backend.register(username)
    left = []
    page.on("request", lambda request: left.append(request.url)
            if not request.url.startswith(spa_url) and "evil" in request.url.split("?")[0] else None)
    page.goto(f"/login?next={next_value}")
    login_with_form(page, username, go=False)
    page.wait_for_url(f"{spa_url}/index")
    expect(page.locator(".hero h1")).to_have_text("久至博客")
    expect(page.locator(".nav-user")).to_contain_text(username)
    assert page.url == f"{spa_url}/index"
    assert not left, f"the browser went to {left}"


def test_login_next_to_a_page_of_the_spa_is_followed(page, spa_url, backend, username):
    backend.register(username)
    page.goto(f"/login?next=/{username}/info")
    login_with_form(page, username, go=False)
    page.wait_for_url(f"{spa_url}/{username}/info")
    expect(page.locator("#profile-username")).to_have_text(f"@{username}")


def test_login_without_next_goes_to_the_authors_blog(page, spa_url, backend, username):
    backend.register(username)
    login_with_form(page, username)
    page.wait_for_url(f"{spa_url}/{username}/topics")


# ---------------------------------------------------------------- header and widths (issue 13)

def test_write_nav_item_is_active_only_on_the_editor_page(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    for path in ("/index", f"/{username}/topics", "/orders", f"/{username}/info"):
        page.goto(path)
        write = page.locator("#site-nav .nav-write")
        expect(write).to_have_text("写文章")
        expect(write).not_to_have_class(re.compile(r"\bactive\b"))
        expect(write).not_to_have_attribute("aria-current", "page")
        # it looks like the other items that are not the current page
        idle = page.locator("#site-nav .nav-link:not(.active):not(.nav-write)").first
        assert write.evaluate("a => getComputedStyle(a).color") == idle.evaluate("a => getComputedStyle(a).color")

    page.goto(f"/{username}/topic/release")
    write = page.locator("#site-nav .nav-write")
    expect(write).to_have_class(re.compile(r"\bactive\b"))
    expect(write).to_have_attribute("aria-current", "page")
    expect(page.locator("#site-nav [aria-current=page]")).to_have_count(1)


def test_header_content_and_footer_share_one_width(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "对齐的文章")
    login_as(page, username, token)
    for path in ("/index", "/login", "/register", f"/{username}/topics", f"/{username}/topics/detail/{topic_id}",
                 f"/{username}/topic/release", f"/{username}/info", f"/{username}/change_info", "/orders"):
        page.goto(path)
        header = page.locator("#site-header .header-inner").bounding_box()
        main = page.locator("#main").bounding_box()
        footer = page.locator("#site-footer .footer-inner").bounding_box()
        assert (main["x"], main["width"]) == (header["x"], header["width"]), path
        assert (footer["x"], footer["width"]) == (header["x"], header["width"]), path


def test_blog_names_read_without_a_stray_space(page, backend, username):
    token = backend.register(username)
    backend.call("PUT", f"/v1/users/{username}", token, json={"nickname": "王小明"})
    topic_id = backend.publish(token, username, "王小明的文章")
    page.goto(f"/{username}/topics")
    expect(page.locator("#blog-title")).to_have_text("王小明的博客")
    expect(page).to_have_title("王小明的博客 - 久至博客")
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#back-to-blog")).to_have_text("← 返回王小明的博客")
    page.goto(f"/{username}/info")
    expect(page).to_have_title("王小明的资料 - 久至博客")


# ---------------------------------------------------------------- orders (issue 13)

def line_count(locator):
    """How many lines the element's text is laid out on."""
    return locator.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el);"
                            " return new Set(Array.from(r.getClientRects()).map(b => Math.round(b.top))).size; }")


def test_order_number_stays_on_one_line_with_the_whole_in_its_title(browser, spa_url, backend, username, watch):
    author_token = backend.register(username)
    buyer = username + "b"
    buyer_token = backend.register(buyer)
    topic_id = backend.publish(author_token, username, "有订单的付费文章", price="3.00")
    order_no = backend.call("POST", "/v1/orders", buyer_token, json={"topic_id": topic_id})["data"]["order_no"]
    assert len(order_no) > 30

    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=spa_url)
        page = context.new_page()
        watch.attach(page)
        try:
            login_as(page, buyer, buyer_token)
            page.goto("/orders")
            number = page.locator(f".order-card[data-order-no='{order_no}'] .order-no")
            expect(number).to_have_text(order_no)
            expect(number).to_have_attribute("title", order_no)
            assert line_count(number) == 1, viewport
            if viewport["width"] < 500:  # cut with an ellipsis, the page does not scroll sideways
                assert number.evaluate("el => getComputedStyle(el).textOverflow") == "ellipsis"
                assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
            else:  # the whole number is shown
                assert number.evaluate("el => el.scrollWidth <= el.clientWidth")
        finally:
            context.close()
    assert not watch.console_errors, watch.console_errors


# ---------------------------------------------------------------- a failed load can be retried (issue 13)

@pytest.mark.parametrize("where", ["index", "detail"])
def test_network_error_offers_a_retry_that_loads_again(page, api_url, backend, username, watch, where):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "重试后看到的文章", content="<p>重试后看到的正文</p>")
    path = "/index" if where == "index" else f"/{username}/topics/detail/{topic_id}"
    box = "#topic-list" if where == "index" else "#topic-status"

    page.route(f"{api_url}/**", lambda route: route.abort())
    page.goto(path)
    alert = page.locator(f"{box} .alert-error")
    expect(alert).to_contain_text("网络连接失败")
    retry = alert.locator(".retry-btn")
    expect(retry).to_have_text("重试")
    watch.expect("net::ERR_FAILED")

    page.unroute(f"{api_url}/**")
    retry.click()
    expect(page.locator(f"{box} .alert-error")).to_have_count(0)
    if where == "index":
        expect(page.locator(".topic-card", has_text="重试后看到的文章")).to_be_visible()
    else:
        expect(page.locator(".article-body")).to_contain_text("重试后看到的正文")
    assert page.url.endswith(path)


def test_an_error_that_retrying_cannot_fix_has_no_retry(page, backend, username, watch):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "私密", limit="private")
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-status .alert-error")).to_contain_text("文章不存在")
    expect(page.locator("#topic-status .retry-btn")).to_have_count(0)
    watch.expect("status of 404")


# ---------------------------------------------------------------- avatar (issue 13)

def test_choosing_a_non_image_avatar_says_so_before_uploading(page, backend, username, tmp_path):
    token = backend.register(username)
    login_as(page, username, token)
    uploads = []
    page.on("request", lambda request: uploads.append(request.url) if request.url.endswith("/avatar") else None)
    page.goto(f"/{username}/change_info")
    expect(page.locator("#avatar-form .hint")).to_have_text("PNG、JPEG、GIF、WebP 图片，不超过 2 MB")

    page.set_input_files("#avatar", files=[{"name": "简历.pdf", "mimeType": "application/pdf",
                                           "buffer": b"%PDF-1.4 not an image"}])
    error = page.locator(".field:has(#avatar) .field-error")
    expect(error).to_be_visible()
    expect(error).to_have_text("「简历.pdf」不是图片：只支持 PNG、JPEG、GIF、WebP 格式")
    expect(page.locator("#avatar-form [type=submit]")).to_be_disabled()
    expect(page.locator("#avatar-preview img")).to_have_count(0)

    # a real image clears the message and can be uploaded
    page.set_input_files("#avatar", str(png_file(tmp_path)))
    expect(error).to_be_hidden()
    page.click("#avatar-form [type=submit]")
    expect(page.locator("#avatar-form .form-alert")).to_contain_text("头像已更新")
    assert len(uploads) == 1


# ---------------------------------------------------------------- limits in the forms

def test_forms_take_their_limits_from_one_place(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto("/register")
    expect(page.locator("#username")).to_have_attribute("maxlength", "11")
    expect(page.locator("#username")).to_have_attribute("placeholder", "3–11 位字母、数字或下划线")
    expect(page.locator("#password_1")).to_have_attribute("placeholder", "6–64 个字符")
    page.goto(f"/{username}/change_info")
    expect(page.locator("#nickname")).to_have_attribute("maxlength", "30")
    expect(page.locator("#info")).to_have_attribute("maxlength", "150")
    expect(page.locator(".counter[data-for=sign]")).to_have_text("0 / 50")
    page.fill("#sign", "写点东西")
    expect(page.locator(".counter[data-for=sign]")).to_have_text("4 / 50")
    page.goto(f"/{username}/topic/release")
    expect(page.locator("#title")).to_have_attribute("maxlength", "50")
    expect(page.locator("#title")).to_have_attribute("placeholder", "请输入标题（最多 50 字）")


# ---------------------------------------------------------------- payment errors in Chinese

def test_buying_again_after_paying_in_a_second_tab_says_so_in_chinese(page, backend, username, watch):
    author_token = backend.register(username)
    buyer = username + "b"
    buyer_token = backend.register(buyer)
    topic_id = backend.publish(author_token, username, "两个标签页", content="<p>买到的全文</p>",
                               content_text="买到的全文，开头免费预览", price="1.00")
    login_as(page, buyer, buyer_token)
    path = f"/{username}/topics/detail/{topic_id}"
    page.goto(path)
    expect(page.locator("#buy-topic")).to_be_visible()

    second = page.context.new_page()
    watch.attach(second)
    second.goto(path)
    second.click("#buy-topic")
    pay_at_fake_cashier(second)
    expect(second.locator(".article-body")).to_contain_text("买到的全文", timeout=15_000)
    second.close()

    page.click("#buy-topic")
    expect(page.locator("#pay-result")).to_contain_text("你已经购买过这篇文章，已为你显示全文。")
    expect(page.locator(".article-body")).to_contain_text("买到的全文")
    expect(page.locator(".paywall")).to_have_count(0)
    watch.expect("status of 409")


def test_buying_an_article_made_free_meanwhile_says_so_in_chinese(page, backend, username, watch):
    author_token = backend.register(username)
    buyer = username + "b"
    buyer_token = backend.register(buyer)
    topic_id = backend.publish(author_token, username, "改为免费", content="<p>现在免费的全文</p>", price="2.00")
    login_as(page, buyer, buyer_token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#buy-topic")).to_be_visible()
    backend.call("PUT", f"/v1/topics/{username}?t_id={topic_id}", author_token, json={"price": 0})

    page.click("#buy-topic")
    expect(page.locator("#pay-result")).to_contain_text("这篇文章已改为免费，无需购买")
    expect(page.locator(".article-body")).to_contain_text("现在免费的全文")
    watch.expect("status of 409")


def test_comments_are_drawn_from_state_without_fetching_the_article_again(page, backend, username):
    token = backend.register(username)
    topic_id = backend.publish(token, username, "评论不重新加载")
    login_as(page, username, token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#comments-count")).to_have_text("0")
    article_loads = []
    page.on("request", lambda request: article_loads.append(request.url) if "t_id=" in request.url else None)

    page.fill("#comment-form textarea", "第一条")
    page.click("#comment-form [type=submit]")
    comment = page.locator(".comment:not(.reply)", has_text="第一条")
    expect(comment).to_be_visible()
    expect(page.locator("#comments-count")).to_have_text("1")
    expect(page.locator("#comment-form textarea")).to_have_value("")
    comment.locator(".reply-btn").click()
    comment.locator(".reply-form-wrap textarea").fill("回复一下")
    comment.locator(".reply-form-wrap [type=submit]").click()
    expect(comment.locator(".comment.reply", has_text="回复一下")).to_be_visible()
    expect(comment.locator(".reply-form-wrap")).to_have_count(0)
    comment.locator(".comment.reply .delete-comment").click()
    comment.locator(".confirm-yes").click()
    expect(page.locator(".comment.reply")).to_have_count(0)
    assert article_loads == []

    # what was drawn is what the server has
    page.reload()
    expect(page.locator(".comment:not(.reply)", has_text="第一条")).to_be_visible()
    expect(page.locator(".comment.reply")).to_have_count(0)
    expect(page.locator("#comments-count")).to_have_text("1")
