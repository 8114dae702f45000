"""docs/api.md §13 walked in the browser: a forgotten password reset with the SMS code, a
login by SMS code, and an operator hiding an article in /admin/ so that it leaves
the SPA."""
import re

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.helpers import ARTIFACTS, PASSWORD

pytestmark = pytest.mark.browser


def register(backend, username):
    """A new account; returns (phone, token)."""
    phone = backend.next_phone()
    requests.post(f"{backend.url}/v1/users/sms", json={"phone": phone}, timeout=10).raise_for_status()
    body = {"username": username, "email": f"{username}@example.com", "phone": phone,
            "password_1": PASSWORD, "password_2": PASSWORD, "sms_num": backend.sms_code(phone)}
    response = requests.post(f"{backend.url}/v1/users", json=body, timeout=10)
    assert response.status_code == 201, response.text
    return phone, response.json()["data"]["token"]


def codes_sent(backend, phone):
    return len(backend.sms.codes_for(phone))


def new_code(backend, phone, before):
    """The first code sent to `phone` after `before` codes."""
    import time
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        codes = backend.sms.codes_for(phone)
        if len(codes) > before:
            return codes[-1]
        time.sleep(0.1)
    raise AssertionError(f"no new SMS code sent to {phone}")


def test_reset_a_forgotten_password_with_the_sms_code(page, backend, username):
    phone, old_token = register(backend, username)
    page.goto("/login")
    page.click("#forgot-link")
    expect(page).to_have_url(re.compile(r"/forgot_password$"))
    expect(page.locator("h1")).to_have_text("重置密码")
    page.fill("#phone", phone)
    before = codes_sent(backend, phone)
    page.click("#send-code")
    expect(page.locator("#send-code")).to_have_text(re.compile(r"\d+ 秒后重发"))
    expect(page.locator(".form-alert")).to_contain_text("验证码已发送")
    page.fill("#sms_num", new_code(backend, phone, before))
    page.fill("#password_1", "my-new-pass-1")
    page.fill("#password_2", "my-new-pass-1")
    page.click("#forgot-form [type=submit]")
    expect(page).to_have_url(re.compile(rf"/{username}/topics$"))
    expect(page.locator("#flash")).to_contain_text("密码已重置")
    expect(page.locator(".nav-user")).to_contain_text(username)
    # the old session is over, the new password works
    old = requests.put(f"{backend.url}/v1/users/{username}", json={"sign": "x"},
                       headers={"Authorization": old_token}, timeout=10)
    assert old.status_code == 401
    login = requests.post(f"{backend.url}/v1/tokens",
                          json={"username": username, "password": "my-new-pass-1"}, timeout=10)
    assert login.status_code == 200


def test_a_wrong_reset_code_is_shown_next_to_the_code(page, backend, username, watch):
    phone, _ = register(backend, username)
    page.goto("/forgot_password")
    before = codes_sent(backend, phone)
    page.fill("#phone", phone)
    page.click("#send-code")
    real = new_code(backend, phone, before)
    page.fill("#sms_num", "000000" if real != "000000" else "111111")
    page.fill("#password_1", "my-new-pass-1")
    page.fill("#password_2", "my-new-pass-1")
    page.click("#forgot-form [type=submit]")
    expect(page.locator("#sms_num")).to_have_class(re.compile("is-invalid"))
    expect(page.locator(".field:has(#sms_num) .field-error")).to_have_text("验证码错误")
    watch.expect("status of 400")  # the browser logs the refused request


def test_log_in_with_an_sms_code(page, backend, username):
    phone, _ = register(backend, username)
    page.goto("/login")
    page.click("#sms-login-link")
    expect(page).to_have_url(re.compile(r"/sms_login$"))
    page.fill("#phone", phone)
    before = codes_sent(backend, phone)
    page.click("#send-code")
    expect(page.locator("#send-code")).to_have_text(re.compile(r"\d+ 秒后重发"))
    page.fill("#sms_num", new_code(backend, phone, before))
    page.click("#sms-login-form [type=submit]")
    expect(page).to_have_url(re.compile(rf"/{username}/topics$"))
    expect(page.locator(".nav-user")).to_contain_text(username)
    assert page.evaluate("localStorage.getItem('dnblog_user')") == username


def test_sms_login_checks_the_phone_before_sending(page):
    page.goto("/sms_login")
    page.fill("#phone", "12345")
    page.click("#send-code")
    expect(page.locator(".field:has(#phone) .field-error")).not_to_be_empty()
    expect(page.locator("#send-code")).to_have_text("获取验证码")


def test_staff_hides_an_article_in_the_admin_and_it_leaves_the_spa(page, backend, username, manage, api_url):
    _, token = register(backend, username)
    title = f"要被隐藏的文章 {username}"
    backend.publish(token, username, title)
    page.goto(f"/{username}/topics")
    expect(page.locator("main")).to_contain_text(title)

    operator = f"op{username[-8:]}"
    manage("createsuperuser", "--noinput", "--username", operator, "--email", f"{operator}@example.com",
           "--phone", backend.next_phone(), DJANGO_SUPERUSER_PASSWORD="operator-pass-1")
    page.goto(f"{api_url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.fill("#id_username", operator)
    page.fill("#id_password", "operator-pass-1")
    page.click("[type=submit]")
    expect(page.locator("#site-name")).to_contain_text("久至博客")
    # the admin has its styles (WhiteNoise serves them on the embedded default)
    assert page.evaluate("getComputedStyle(document.querySelector('#header')).backgroundColor") \
        != "rgba(0, 0, 0, 0)"
    page.goto(f"{api_url}/admin/topic/topic/?q={requests.utils.quote(title)}")
    row = page.locator("#result_list tbody tr", has_text=title)
    expect(row).to_have_count(1)
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "hide_articles")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("已隐藏 1 篇文章")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-hidden.png"))

    page.goto(f"/{username}/topics")  # a visitor's view (this context has no token)
    expect(page.locator("main")).not_to_contain_text(title)
    page.goto("/index")
    expect(page.locator("main")).not_to_contain_text(title)
