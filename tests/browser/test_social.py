"""Readers in the browser (docs/api.md §12): like, keep, follow, timeline, notifications."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_spa import login_as

pytestmark = pytest.mark.browser

# SCREENSHOTS=dir keeps a picture of each page walked (for looking at the pages).
SCREENSHOTS = os.environ.get("SCREENSHOTS")


def snap(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def author_and_reader(backend, username, title):
    """(author's token, article id, reader's name, reader's token)."""
    token = backend.register(username)
    backend.call("PUT", f"/v1/users/{username}", token, json={"nickname": "王小明"})
    topic_id = backend.publish(token, username, title)
    reader = username + "r"
    return token, topic_id, reader, backend.register(reader)


def test_like_and_favourite_an_article(page, backend, username):
    _, topic_id, reader, reader_token = author_and_reader(backend, username, "值得收藏的文章")
    login_as(page, reader, reader_token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator("#topic-meta .topic-author")).to_contain_text("王小明")
    like = page.locator("#like-topic")
    expect(like).to_contain_text("点赞")
    like.click()
    expect(like).to_contain_text("已赞")
    expect(like.locator(".reaction-count")).to_have_text("1")
    page.locator("#favorite-topic").click()
    expect(page.locator("#favorite-topic")).to_contain_text("已收藏")
    snap(page, "detail-liked")
    page.reload()  # the state is the server's, not the page's
    expect(page.locator("#like-topic")).to_contain_text("已赞")
    expect(page.locator("#favorite-topic")).to_contain_text("已收藏")
    page.locator(".nav-favorites").click()
    page.wait_for_url("**/favorites")
    card = page.locator(".topic-card", has_text="值得收藏的文章")
    expect(card).to_be_visible()
    expect(card.locator(".topic-author")).to_contain_text("王小明")
    snap(page, "favorites")
    card.locator(".remove-favorite").click()
    expect(page.locator(".topic-card", has_text="值得收藏的文章")).to_have_count(0)


def test_follow_the_author_and_see_the_timeline(page, backend, username):
    _, topic_id, reader, reader_token = author_and_reader(backend, username, "关注后可见的文章")
    login_as(page, reader, reader_token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    page.locator("#topic-meta .topic-author").click()
    page.wait_for_url(f"**/{username}/info")
    expect(page.locator("#profile-name")).to_have_text("王小明")
    expect(page.locator("#stat-topics strong")).to_have_text("1")
    expect(page.locator("#profile-topic-list")).to_contain_text("关注后可见的文章")
    follow = page.locator("#follow-btn")
    expect(follow).to_have_text("关注")
    follow.click()
    expect(follow).to_have_text("已关注")
    expect(page.locator("#stat-followers strong")).to_have_text("1")
    snap(page, "profile-followed")
    page.locator(".nav-timeline").click()
    page.wait_for_url("**/timeline")
    expect(page.locator(".topic-card", has_text="关注后可见的文章")).to_be_visible()
    snap(page, "timeline")


def test_a_reply_notification_shows_in_the_badge_until_read(page, backend, username):
    author_token, topic_id, reader, reader_token = author_and_reader(backend, username, "有人回复")
    backend.call("PUT", f"/v1/users/{reader}", reader_token, json={"nickname": "读者小李"})
    comment = backend.call("POST", f"/v1/messages/{topic_id}", reader_token, json={"content": "请问怎么做？"})
    # the author replies in the browser
    login_as(page, username, author_token)
    page.goto(f"/{username}/topics/detail/{topic_id}")
    expect(page.locator(".comment .comment-author").first).to_contain_text("读者小李")
    # the article's author may delete any comment on it, so the button is there
    expect(page.locator(".comment").first.locator(".comment-actions .delete-comment").first).to_be_visible()
    page.locator(".reply-btn").first.click()
    page.locator(".reply-form-wrap textarea").fill("先把鸡蛋打散。")
    page.locator(".reply-form-wrap [type=submit]").click()
    expect(page.locator(".reply .comment-content")).to_have_text("先把鸡蛋打散。")
    assert comment["data"]["id"]
    # the reader sees the badge, the notification, and clears it
    page.locator("#logout").click()
    login_as(page, reader, reader_token)
    page.goto("/index")
    badge = page.locator("#unread-badge")
    expect(badge).to_have_text("1")
    page.locator(".nav-notifications").click()
    page.wait_for_url("**/notifications")
    item = page.locator(".notification-reply")
    expect(item).to_contain_text("王小明")
    expect(item).to_contain_text("回复了你的评论")
    expect(item.locator(".notification-excerpt")).to_have_text("先把鸡蛋打散。")
    snap(page, "notifications")
    page.locator("#read-all").click()
    expect(badge).to_be_hidden()
    expect(page.locator(".notification.unread")).to_have_count(0)
    page.reload()
    expect(page.locator(".notification-reply")).to_be_visible()
    expect(page.locator("#unread-badge")).to_be_hidden()


def test_the_header_shows_the_new_nickname_after_a_profile_change(page, backend, username):
    token = backend.register(username)
    login_as(page, username, token)
    page.goto(f"/{username}/change_info")
    expect(page.locator("#nav-user")).to_contain_text(username)
    page.fill("#nickname", "新昵称")
    page.locator("#info-form [type=submit]").click()
    expect(page.locator("#nav-user")).to_contain_text("新昵称")


def test_a_missing_user_shows_only_the_not_found_state(page, backend, watch):
    page.goto("/nobody_here/info")
    expect(page.locator("#profile-status")).to_contain_text("用户不存在")
    expect(page.locator("#profile")).to_be_hidden()
    expect(page.locator("#profile-topics")).to_be_hidden()
    watch.expect("status of 404")
