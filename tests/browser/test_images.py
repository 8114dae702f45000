"""Pictures in the rich editor: pasted or dropped, uploaded with progress, published (docs/api.md §11)."""
import base64
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login_as

pytestmark = pytest.mark.browser
WAIT_MS = 60_000  # a busy machine may take long; a broken upload never finishes

# Fires a paste (or a drop) of one file, as the browser does when a person pastes a
# screenshot or drags a picture from the desktop onto the editor.
GIVE_FILE = """([kind, name, type, b64, selector]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name, {type}));
  const target = document.querySelector(selector);
  target.focus();
  const event = kind === 'paste'
    ? new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})
    : new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true});
  target.dispatchEvent(event);
}"""


def picture_b64(fmt="PNG", size=(120, 80), color=(220, 38, 38)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return base64.b64encode(buffer.getvalue()).decode()


def give(page, kind, name, mime, b64, target="#editor .w-e-text"):
    page.evaluate(GIVE_FILE, [kind, name, mime, b64, target])


def open_editor(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/topic/release")
    expect(page.locator("#editor .w-e-text")).to_be_visible()
    return token


def test_pasted_and_dropped_pictures_upload_with_progress_and_show_in_the_article(
        page, backend, username, api_url):
    open_editor(page, backend, username)
    expect(page.locator("#upload-hint")).to_contain_text("粘贴或拖入图片")
    held = []
    page.route("**/v1/images", lambda route: held.append(route))  # hold the upload a moment

    page.locator("#editor .w-e-text").click()
    page.keyboard.type("截图如下：")
    page.keyboard.press("End")  # the caret, as the editor keeps it, is after the text
    give(page, "paste", "screenshot.png", "image/png", picture_b64())
    status = page.locator("#upload-status")
    expect(status).to_contain_text(re.compile(r"正在上传图片… \d+%"), timeout=WAIT_MS)
    expect(status.locator("progress")).to_be_visible()
    deadline_ms = WAIT_MS
    while not held and deadline_ms > 0:
        page.wait_for_timeout(100)
        deadline_ms -= 100
    assert held, "the upload never left the browser"
    held[0].continue_()
    page.unroute("**/v1/images")
    expect(status).to_have_text(re.compile("图片已上传"), timeout=WAIT_MS)
    expect(status.locator("progress")).to_be_hidden()

    give(page, "drop", "photo.jpg", "image/jpeg", picture_b64("JPEG", (90, 60), (37, 99, 235)))
    images = page.locator("#editor .w-e-text img")
    expect(images).to_have_count(2, timeout=WAIT_MS)
    html = page.locator("#editor .w-e-text").inner_html()
    assert html.index("截图如下：") < html.index("<img")
    for src in images.evaluate_all("els => els.map(e => e.getAttribute('src'))"):
        assert re.fullmatch(rf"{re.escape(api_url)}/media/images/[0-9a-f]{{32}}\.(png|jpg)", src)

    page.fill("#title", "带图片的文章")
    page.click("#release-form [type=submit]")
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"), timeout=WAIT_MS)
    shown = page.locator(".article-body img")
    expect(shown).to_have_count(2)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.article-body img')].every(i => i.complete && i.naturalWidth > 0)",
        timeout=WAIT_MS)
    assert shown.evaluate_all("els => els.map(e => [e.naturalWidth, e.naturalHeight])") == [[120, 80], [90, 60]]


def test_each_refused_picture_is_explained_in_chinese(page, backend, username, watch):
    open_editor(page, backend, username)
    status = page.locator("#upload-status")

    # checked in the browser before sending
    give(page, "paste", "scan.bmp", "image/bmp", picture_b64("BMP"))
    expect(status).to_contain_text("请上传 PNG、JPEG、GIF、WebP 格式的真实图片", timeout=WAIT_MS)
    huge = base64.b64encode(b"\x89PNG" + b"\0" * (5 * 1024 * 1024)).decode()
    give(page, "paste", "huge.png", "image/png", huge)
    expect(status).to_contain_text("图片不能超过 5 MB", timeout=WAIT_MS)

    # refused by the API: it says "PNG" but is not a picture
    not_a_picture = base64.b64encode(b"not a picture at all" * 10).decode()
    give(page, "paste", "fake.png", "image/png", not_a_picture)
    expect(status).to_contain_text("fake.png：请上传 PNG、JPEG、GIF、WebP 格式的真实图片", timeout=WAIT_MS)
    expect(status).to_have_attribute("data-state", "error")
    expect(page.locator("#editor .w-e-text img")).to_have_count(0)
    watch.expect("status of 400")  # the refused upload, in the network log


def test_markdown_takes_a_pasted_picture_as_image_syntax_and_publishes_it(page, backend, username, api_url, watch):
    open_editor(page, backend, username)
    page.click("#mode-markdown")
    page.fill("#title", "Markdown 里的截图")
    area = page.locator("#markdown")
    area.fill("# 运行结果\n\n```python\nprint('你好')\n```\n\n")
    area.press("Control+End")
    give(page, "paste", "result.png", "image/png", picture_b64(size=(160, 90)), target="#markdown")
    expect(page.locator("#upload-status")).to_have_text(re.compile("图片已上传"), timeout=WAIT_MS)
    source = area.input_value()
    match = re.search(r"!\[result\]\((\S+)\)$", source)
    assert match and source.startswith("# 运行结果"), source
    assert re.fullmatch(rf"{re.escape(api_url)}/media/images/[0-9a-f]{{32}}\.png", match.group(1))
    expect(page.locator("#markdown-preview img")).to_have_attribute("src", match.group(1))

    # a refused picture leaves nothing behind in the source
    give(page, "drop", "fake.png", "image/png", base64.b64encode(b"no picture" * 20).decode(), target="#markdown")
    expect(page.locator("#upload-status")).to_have_attribute("data-state", "error", timeout=WAIT_MS)
    expect(area).to_have_value(source)
    watch.expect("status of 400")

    page.click("#release-form [type=submit]")
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"), timeout=WAIT_MS)
    page.wait_for_function(
        "() => { const i = document.querySelector('.article-body img'); return i && i.complete && i.naturalWidth > 0; }",
        timeout=WAIT_MS)
    shown = page.locator(".article-body img")
    assert shown.get_attribute("src") == match.group(1) and shown.get_attribute("alt") == "result"
    assert shown.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [160, 90]
    expect(page.locator(".article-body pre code.language-python")).to_be_visible()


def test_the_image_menu_uploads_a_chosen_file(page, backend, username, tmp_path, api_url):
    from PIL import Image

    path = tmp_path / "chosen.webp"
    Image.new("RGB", (70, 50), (21, 128, 61)).save(path, "WEBP")
    open_editor(page, backend, username)
    page.locator("#editor .w-e-toolbar [data-title='图片']").click()
    expect(page.locator(".w-e-panel-container").get_by_text("上传图片")).to_be_visible()
    page.locator(".w-e-panel-container input[type=file]").set_input_files(str(path))
    expect(page.locator("#upload-status")).to_have_text(re.compile("图片已上传"), timeout=WAIT_MS)
    src = page.locator("#editor .w-e-text img").get_attribute("src")
    assert re.fullmatch(rf"{re.escape(api_url)}/media/images/[0-9a-f]{{32}}\.webp", src)


def test_a_cover_is_uploaded_beside_its_field_and_shown_on_the_article(page, backend, username, tmp_path, api_url):
    from PIL import Image

    path = tmp_path / "cover.jpg"
    Image.new("RGB", (320, 180), (234, 88, 12)).save(path, "JPEG")
    open_editor(page, backend, username)
    page.fill("#title", "有封面的文章")
    page.locator("#editor .w-e-text").click()
    page.keyboard.type("正文")
    with page.expect_file_chooser() as chooser:
        page.click("#cover-upload")
    chooser.value.set_files(str(path))
    expect(page.locator("#cover-upload-status")).to_have_text(re.compile("图片已上传"), timeout=WAIT_MS)
    expect(page.locator("#cover-upload")).to_be_enabled()
    cover = page.locator("#cover").input_value()
    assert re.fullmatch(rf"{re.escape(api_url)}/media/images/[0-9a-f]{{32}}\.jpg", cover)
    page.click("#release-form [type=submit]")
    page.wait_for_url(re.compile(rf"/{username}/topics/detail/\d+$"), timeout=WAIT_MS)
    expect(page.locator(".article-cover img")).to_have_attribute("src", cover)
