"""Helpers shared by the browser tests: constants, the API used to arrange a
test, logging in, and the watcher of what a page said (console errors, dialogs)."""
import os
import socket
import time
from pathlib import Path

import requests

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
JWT_SECRET = "browser-tests-jwt-secret-0123456789abcdef"
PASSWORD = "secret-123"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, timeout=120):
    """Refused, reset and slow answers all mean "not up yet" (busy machines)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"API exited with {process.returncode}")
        try:
            if requests.get(url, timeout=30).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up in {timeout}s")


class Api:
    """Direct API calls for arranging a test (the browser does the acting)."""

    def __init__(self, url, sms):
        self.url = url
        self.sms = sms
        self._phones = iter(range(10_000_000, 99_999_999, 7919))

    def next_phone(self):
        return f"139{next(self._phones):08d}"

    def sms_code(self, phone, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            codes = self.sms.codes_for(phone)
            if codes:
                return codes[-1]
            time.sleep(0.1)
        raise AssertionError(f"no SMS code sent to {phone}")

    def register(self, username):
        phone = self.next_phone()
        requests.post(f"{self.url}/v1/users/sms", json={"phone": phone}, timeout=30).raise_for_status()
        body = {"username": username, "email": f"{username}@example.com", "phone": phone,
                "password_1": PASSWORD, "password_2": PASSWORD, "sms_num": self.sms_code(phone)}
        response = requests.post(f"{self.url}/v1/users", json=body, timeout=30)
        assert response.status_code == 201, response.text
        return response.json()["data"]["token"]

    def call(self, method, path, token=None, **kwargs):
        headers = {"Authorization": token} if token else {}
        response = requests.request(method, f"{self.url}{path}", headers=headers, timeout=10, **kwargs)
        assert response.status_code < 400, f"{method} {path}: {response.status_code} {response.text}"
        return response.json() if response.content else None

    def publish(self, token, author, title, content="<p>正文</p>", **fields):
        body = {"title": title, "content": content, "content_text": fields.pop("content_text", title),
                "limit": "public", "category": "tec", "price": 0, **fields}
        return self.call("POST", f"/v1/topics/{author}", token, json=body)["data"]["id"]


def login_as(page, username, token):
    """Put a session in localStorage as the login page would."""
    page.goto("/login")
    page.evaluate("([u, t]) => { localStorage.setItem('dnblog_user', u);"
                  " localStorage.setItem('dnblog_token', t); }", [username, token])


def login_with_form(page, username, password=PASSWORD, go=True):
    if go:
        page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#login-form [type=submit]")


def png_file(tmp_path, name="avatar.png"):
    from PIL import Image

    path = tmp_path / name
    Image.new("RGB", (64, 64), (37, 99, 235)).save(path)
    return path


class PageWatch:
    """What the page said that a person would notice: errors and dialogs."""

    def __init__(self):
        self.console_errors = []
        self.dialogs = []

    def attach(self, page):
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("dialog", self._on_dialog)

    def _on_console(self, message):
        # a page of the fake cashier (API origin) has no icon: not the SPA's error
        if message.type == "error" and "/favicon.ico" not in message.location.get("url", ""):
            self.console_errors.append(f"{message.text} @ {message.location.get('url', '')}")

    def _on_dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def expect(self, pattern):
        """Allow console errors matching pattern (e.g. an expected 401 in the network log)."""
        self.console_errors = [e for e in self.console_errors if pattern not in e]
