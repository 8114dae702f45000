"""static/js/routes.js under Node: the page routes agree with deploy/spa_server.py,
`?next=` after login only ever names a page of this SPA, and the paging helpers
read and build `?page=N` as docs/api.md §9 allows."""
import json
import sys

import pytest

from tests.spa.node import ROOT, SPA_ORIGIN, needs_node, run

sys.path.insert(0, str(ROOT / "deploy"))
import spa_server  # noqa: E402

pytestmark = needs_node

# Template of each route name of routes.js, as deploy/spa_server.py serves it.
TEMPLATES = {
    "index": "index.html", "login": "login.html", "register": "register.html", "orders": "orders.html",
    "smsLogin": "sms_login.html", "forgotPassword": "forgot_password.html",
    "blog": "list.html", "topic": "detail.html", "release": "release.html", "info": "info.html",
    "changeInfo": "change_info.html", "changePassword": "change_password.html", "porting": "porting.html",
    "search": "search.html", "tag": "tag.html",
    "timeline": "timeline.html", "favorites": "favorites.html", "notifications": "notifications.html",
}

PATHS = [
    "/", "/index", "/login", "/register", "/sms_login", "/forgot_password", "/sms_login/x",
    "/orders", "/orders/", "/alice/topics", "/al_1/topics/",
    "/alice/topics/detail/12", "/alice/topic/release", "/alice/info", "/alice/change_info",
    "/alice/change_password", "/alice/import_export", "/nope", "/alice", "/alice/topics/detail/abc", "/a/b/c/d/e",
    "/alice/topics/detail/", "/al-ice/topics", "/index/x", "/v1/topics", "/ab/topics", "/abc/topics",
    "/abcdefghijk/info", "/abcdefghijkl/info", "/search", "/search/", "/search/x", "/tags/Django",
    "/tags/缓存", "/tags/C/C++", "/tags/", "/tags",
    "/abcdefghijk/info", "/abcdefghijkl/info", "/timeline", "/favorites/", "/notifications",
    "/alice/timeline", "/notifications/x",
]


def match_all(paths):
    return run(f"out({json.dumps(paths)}.map((p) => Blog.routes.match(p)));")


def test_the_spa_knows_the_same_routes_as_the_server():
    for path, route in zip(PATHS, match_all(PATHS)):
        expected = spa_server.template_for(path)
        got = TEMPLATES[route["name"]] if route else None
        assert got == expected, f"{path}: routes.js says {got}, spa_server.py {expected}"


def test_every_route_name_has_a_template():
    assert set(run("out(Blog.routes.names);")) == set(TEMPLATES)


def test_route_params_are_read_from_the_path():
    route = run('out(Blog.routes.match("/alice/topics/detail/12"));')
    assert route == {"name": "topic", "params": {"author": "alice", "id": "12"}}


def test_the_current_page_is_parsed_with_the_same_table():
    current = run("out([Blog.routes.current.name, Blog.routes.current.author, Blog.routes.current.param('page')]);",
                  page=SPA_ORIGIN + "/bob/topics?page=3")
    assert current == ["blog", "bob", "3"]


def test_the_account_pages_have_links_and_api_paths():
    got = run('out([Blog.routes.smsLogin(), Blog.routes.smsLogin("/orders"), Blog.routes.forgotPassword(),'
              ' Blog.routes.api.loginCode(), Blog.routes.api.resetCode(), Blog.routes.api.passwordReset()]);')
    assert got == ["/sms_login", "/sms_login?next=%2Forders", "/forgot_password",
                   "/v1/tokens/sms", "/v1/users/password/sms", "/v1/users/password/reset"]


def test_links_are_built_with_escaped_parts():
    links = run('out([Blog.routes.blog("a b"), Blog.routes.topic("alice", 7), Blog.routes.release("alice", 7),'
                ' Blog.routes.release("alice"), Blog.routes.login("/alice/info?x=1"), Blog.routes.api.user("a/b")]);')
    assert links == ["/a%20b/topics", "/alice/topics/detail/7", "/alice/topic/release?t_id=7",
                     "/alice/topic/release", "/login?next=%2Falice%2Finfo%3Fx%3D1", "/v1/users/a%2Fb"]


# ---------------------------------------------------------------- ?next=

def safe_next(values):
    return run(f"out({json.dumps(values)}.map((v) => Blog.routes.safeNext(v)));")


@pytest.mark.parametrize("value", [
    "/\\evil.com", "/\\/evil.com", "/\t/evil.com", "/\n/evil.com", "/ /evil.com", "/%09/evil.com",
    "/%0a/evil.com", "/%5Cevil.com", "/%2509/evil.com", "/%2F%2Fevil.com", "//evil.com", "///evil.com",
    "https://evil.com", "http:/evil.com", "javascript:alert(1)", "evil.com", "", "/\u3000/evil.com",
    "/\u2028/evil.com", "/%E3%80%80/evil.com", "/%zz", "/login", "/register?x=1", "/nope", "/alice",
    "/alice/topics/detail/abc", "/v1/topics", "/sms_login", "/forgot_password?next=/orders",
])
def test_next_refuses_anything_but_a_page_of_the_spa(value):
    assert safe_next([value]) == [None]


@pytest.mark.parametrize("value", [
    "/", "/index", "/orders", "/alice/topics", "/alice/topics?category=tec&page=2",
    "/alice/topics/detail/12#comments", "/alice/topic/release?t_id=3", "/alice/change_info",
])
def test_next_accepts_a_page_of_the_spa_as_it_is(value):
    assert safe_next([value]) == [value]


# ---------------------------------------------------------------- paging

def test_page_and_per_page_are_read_strictly():
    got = run('out(["", "1", "3", "0", "-2", "2x", "abc", "1.5"].map((v) => Blog.paging.page(v)).concat('
              '["", "1", "25", "100", "101", "0", "9x"].map((v) => Blog.paging.perPage(v))));')
    assert got == [1, 1, 3, 1, 1, 1, 1, 1] + [10, 1, 25, 100, 10, 10, 10]


def test_page_links_leave_defaults_out_of_the_url():
    got = run('out([Blog.paging.href("/index", {}, 1), Blog.paging.href("/index", {}, 2),'
              ' Blog.paging.href("/alice/topics", {category: "tec"}, 3),'
              ' Blog.paging.href("/alice/topics", {category: null}, 2, 25),'
              ' Blog.paging.pages(0, 10), Blog.paging.pages(13, 10)]);')
    assert got == ["/index", "/index?page=2", "/alice/topics?category=tec&page=3",
                   "/alice/topics?page=2&per_page=25", 1, 2]
