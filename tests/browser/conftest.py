"""Fixtures for the browser tests: the real API (runserver) and the SPA
(deploy/spa_server.py) on two ports, the fake YunTongXun gateway, Debian's
Chromium driven by Playwright, and a `page` that fails its test on a console
error or a dialog and leaves a screenshot in tests/browser/artifacts/ when its
test fails.
"""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, JWT_SECRET, Api, PageWatch, free_port, wait_until_up,
)
from tests.fakes.yuntongxun import FakeYunTongXun

# CI machines are shared and slow at times: waiting longer costs nothing when all is well.
expect.set_options(timeout=30_000)

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- servers

@pytest.fixture(scope="session")
def sms_fake():
    fake = FakeYunTongXun().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def ports():
    return {"api": free_port(), "spa": free_port()}


def api_env(work, api_url, spa_url, sms_fake):
    env = {
        **os.environ,
        **sms_fake.settings(),
        "DATABASE_URL": f"sqlite:///{work / 'browser.db'}",
        "MEDIA_ROOT": str(work / "media"),
        "JIUZHI_LOCAL_DIR": str(work / "local"),
        "JWT_SECRET": JWT_SECRET,
        "API_URL": api_url,
        "FRONTEND_URL": spa_url,
        "CORS_ALLOWED_ORIGINS": spa_url,
        "SMS_BACKEND": "yuntongxun",
        "SMS_BASE_URL": sms_fake.url,
        "SMS_DAILY_LIMIT_PER_IP": "1000",
        "REGISTER_ATTEMPTS_PER_IP": "1000",  # every test registers its people from 127.0.0.1
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ENV"):
        env.pop(name, None)  # the embedded default: eager Celery, local cache
    return env


@pytest.fixture(scope="session")
def api_url(tmp_path_factory, sms_fake, ports):
    """The Django API as a real server, with its own SQLite file and media folder."""
    work = tmp_path_factory.mktemp("api")
    url = f"http://127.0.0.1:{ports['api']}"
    env = api_env(work, url, f"http://127.0.0.1:{ports['spa']}", sms_fake)
    manage = [sys.executable, str(ROOT / "manage.py")]
    _API_ENV.update(env)
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    with open(work / "api.log", "w") as log:
        process = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{ports['api']}", "--noreload"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"{url}/v1/health", process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


_API_ENV = {}


@pytest.fixture(scope="session")
def manage(api_url):
    """Run a manage.py command against the test API's database (as an operator would)."""
    def run(*args, **extra_env):
        return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT,
                              env={**_API_ENV, **extra_env}, check=True, capture_output=True,
                              text=True)
    return run


@pytest.fixture(scope="session")
def spa_url(api_url, ports):
    """deploy/spa_server.py in a thread, its config.js pointing at the test API."""
    sys.path.insert(0, str(ROOT / "deploy"))
    import spa_server

    server = spa_server.make_server("127.0.0.1", ports["spa"], api_url, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{ports['spa']}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def backend(api_url, sms_fake):
    """Direct API calls to arrange a test; the browser does the acting."""
    return Api(api_url, sms_fake)


_names = iter(range(1, 100_000))


@pytest.fixture
def username():
    """A fresh valid username (3–11 characters) for each test."""
    return f"u{os.getpid() % 1000:03d}{next(_names):04d}"


# ---------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    """Screenshots of this run's failures only."""
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def watch():
    return PageWatch()


@pytest.fixture
def page(request, browser, spa_url, watch):
    """A fresh context (empty localStorage) on a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  base_url=spa_url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    watch.attach(page)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    if report is not None and report.passed:
        assert not watch.dialogs, f"unexpected dialogs: {watch.dialogs}"
        assert not watch.console_errors, f"console errors: {watch.console_errors}"
