"""deploy/spa_server.py: the page routes, /static/, the --api override and the
headers — plain HTTP, no browser needed."""
import sys
import threading
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))

import spa_server  # noqa: E402


@pytest.fixture(scope="module")
def spa():
    server = spa_server.make_server("127.0.0.1", 0, "http://api.example:8000", quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path, template", [
    ("/", "index.html"), ("/index", "index.html"), ("/login", "login.html"),
    ("/register", "register.html"), ("/orders", "orders.html"),
    ("/alice/topics", "list.html"), ("/alice/topics/detail/12", "detail.html"),
    ("/alice/topic/release", "release.html"), ("/alice/info", "info.html"),
    ("/alice/change_info", "change_info.html"), ("/alice/change_password", "change_password.html"),
])
def test_each_page_route_serves_its_template(spa, path, template):
    response = requests.get(spa + path + "?page=2", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == (ROOT / "templates" / template).read_bytes()


@pytest.mark.parametrize("path", ["/nope", "/alice/topics/detail/abc", "/a/b/c/d/e"])
def test_unknown_routes_are_404_with_the_not_found_page(spa, path):
    response = requests.get(spa + path, timeout=30)
    assert response.status_code == 404
    assert "页面不存在" in response.text


def test_static_files_are_served_with_their_type(spa):
    response = requests.get(spa + "/static/css/blog.css", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/static/../deploy/spa_server.py", "/static/%2e%2e/manage.py",
                                  "/static/js/nope.js"])
def test_nothing_outside_static_is_served(spa, path):
    assert requests.get(spa + path, timeout=30).status_code == 404


def test_api_flag_overrides_the_configured_origin(spa):
    body = requests.get(spa + "/static/js/config.js", timeout=30).text
    assert 'apiOrigin: "http://api.example:8000"' in body


def test_pages_carry_a_policy_that_allows_only_own_scripts_and_the_api(spa):
    csp = requests.get(spa + "/index", timeout=30).headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "connect-src 'self' http://api.example:8000;" in csp


def test_without_api_flag_config_js_is_served_as_written():
    server = spa_server.make_server("127.0.0.1", 0, None, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/static/js/config.js"
        assert requests.get(url, timeout=30).content == (ROOT / "static/js/config.js").read_bytes()
    finally:
        server.shutdown()
        server.server_close()
