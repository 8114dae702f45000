"""deploy/nginx.conf serves the crawlable pages as deploy/spa_server.py does: a
pre-rendered file wins, an article without one is 404 with the SPA page as body, a
list with a query string is the SPA page, and the site files come from the pages
folder. Runs the real nginx (installed by .ci/run); skipped where there is none."""
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.browser.helpers import free_port
from tests.hardening.conftest import REQUEST_TIMEOUT, SERVER_START_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    srv = work / "srv"
    (srv / "pages" / "alice" / "topics" / "detail").mkdir(parents=True)
    (srv / "templates").symlink_to(ROOT / "templates")
    (srv / "static").symlink_to(ROOT / "static")
    files = {"alice/topics/detail/5.html": "ARTICLE 5", "alice/topics.html": "ALICE LIST",
             "index.html": "INDEX", "robots.txt": "User-agent: *", "sitemap.xml": "<urlset/>",
             "rss.xml": "<rss/>", "sitemap-authors-1.xml": "<urlset/>", "sitemap-2.xml": "<urlset/>"}
    for name, text in files.items():
        (srv / "pages" / name).write_text(text)
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text().replace("/srv/jiuzhi", str(srv))
    (work / "site.conf").write_text(server.replace("listen 80;", f"listen 127.0.0.1:{port};"))
    logs = work / "logs"
    logs.mkdir()
    temp = " ".join(f"{kind}_temp_path {logs};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\nerror_log {logs}/error.log;\npid {logs}/nginx.pid;\n"
        f"events {{}}\nhttp {{\n include /etc/nginx/mime.types;\n access_log off;\n {temp}\n"
        f" include {work}/site.conf;\n}}\n")
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    subprocess.run(command, check=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/robots.txt", timeout=REQUEST_TIMEOUT)
            break
        except requests.RequestException:
            time.sleep(0.1)
    yield url
    subprocess.run([*command, "-s", "stop"], check=False)


def template(name):
    return (ROOT / "templates" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("path, body", [
    ("/alice/topics/detail/5", "ARTICLE 5"), ("/alice/topics/detail/5/", "ARTICLE 5"),
    ("/alice/topics", "ALICE LIST"), ("/", "INDEX"), ("/index", "INDEX"),
])
def test_a_prerendered_page_wins(site, path, body):
    response = requests.get(site + path, timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200 and response.text == body


def test_an_article_without_a_page_is_404_with_the_spa_page(site):
    response = requests.get(site + "/alice/topics/detail/6", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 404
    assert response.text == template("detail.html")


@pytest.mark.parametrize("path, name", [
    ("/alice/topics?page=2", "list.html"), ("/index?page=3", "index.html"), ("/bob/topics", "list.html"),
])
def test_other_list_pages_are_the_spa_page(site, path, name):
    response = requests.get(site + path, timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200 and response.text == template(name)


@pytest.mark.parametrize("path, content_type", [
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/sitemap-authors-1.xml", "application/xml; charset=utf-8"),
    ("/sitemap-2.xml", "application/xml; charset=utf-8"),
    ("/rss.xml", "application/rss+xml; charset=utf-8"),
])
def test_site_files_come_from_the_pages_folder(site, path, content_type):
    response = requests.get(site + path, timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type


@pytest.mark.parametrize("path", ["/pages/index.html", "/sitemap-9.xml", "/templates/detail.html"])
def test_the_folders_themselves_are_not_served(site, path):
    assert requests.get(site + path, timeout=REQUEST_TIMEOUT).status_code == 404
