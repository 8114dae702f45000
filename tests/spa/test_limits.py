"""One definition of each SPA constant: the limits of docs/api.md §9 live in
static/js/limits.js, routes in static/js/routes.js; pages and templates hold
no copies of their own."""
import re
from pathlib import Path

import pytest

from tests.spa.node import needs_node, run

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "static" / "js"
PAGES = sorted((JS / "pages").glob("*.js")) + [JS / name for name in ("api.js", "ui.js", "layout.js")]
TEMPLATES = sorted((ROOT / "templates").glob("*.html"))
API_DOC = ROOT / "docs" / "api.md"  # the project's copy of the contract (§9)

# docs/api.md §9: username 3–11, password 6–64, nickname ≤ 30, sign ≤ 50, info ≤ 150, title 1–50, comment 1–500.
SPEC_LIMITS = {"username": (3, 11), "password": (6, 64), "nickname": (0, 30), "sign": (0, 50),
               "info": (0, 150), "title": (1, 50), "comment": (1, 500)}


@needs_node
def test_js_limits_are_those_of_spec_section_9():
    limits = run("out(Object.fromEntries(Object.entries(Blog.limits).map(([k, v]) => [k, [v.min, v.max]])));")
    assert {name: tuple(limits[name]) for name in SPEC_LIMITS} == SPEC_LIMITS


def test_the_contract_still_says_so():
    if not API_DOC.exists():
        pytest.skip(f"{API_DOC} is missing")
    text = API_DOC.read_text(encoding="utf-8")
    section = text[text.index("## 9."):]
    assert "username 3–11 characters" in section
    for words in ("password 6–64", "nickname ≤ 30", "sign ≤ 50", "info ≤ 150", "title 1–50", "comment 1–500"):
        assert words in section


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_take_their_limits_from_limits_js(path):
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"maxlength=|data-max=|accept=", html), "use data-limit=\"<name>\""
    for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", html):
        if re.search(r'type="(text|password|tel|file)"|<textarea', tag) and "name=\"price\"" not in tag:
            assert "data-limit=" in tag, tag


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_build_routes_and_api_paths_only_through_routes_js(path):
    code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith(("//", "*", "/*")))
    literals = re.findall(r"[\"'](/(?:v1|login|register|index|orders)\b[^\"'\n]*|[^\"'\n]*/(?:topics|topic/release|"
                          r"info|change_info|change_password|import_export)\b[^\"'\n]*)[\"']", code)
    assert not literals, f"route strings outside routes.js: {literals}"
    assert "encodeURIComponent" not in code or path.name == "api.js"


@pytest.mark.parametrize("path", sorted((JS / "pages").glob("*.js")), ids=lambda p: p.name)
def test_pages_hold_no_limit_numbers(path):
    code = path.read_text(encoding="utf-8")
    for number in ("maxlength", "data-max", "2 * 1024", "PER_PAGE =", "COUNTDOWN"):
        assert number not in code
