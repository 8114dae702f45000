"""A visitor's repeated GET of a cached list is answered by CachedResponseMiddleware,
before URL resolution and the view (issue 15), with the same body and headers as the
view's own answer, and never instead of a fresher or a more private one."""
from unittest import mock

import pytest

from blog.views import AuthorTopicsView, LatestTopicsView
from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = {"title": "新的一篇", "content": "<p>x</p>", "limit": "public", "category": "tec"}


def the_view_never_runs():
    return mock.patch.object(AuthorTopicsView, "get", side_effect=AssertionError("the view ran"))


def test_a_repeated_list_is_answered_before_the_view(api, alice):
    make_topic(alice, "第一篇")
    first = api.get("/v1/topics/alice")
    with the_view_never_runs():
        again = api.get("/v1/topics/alice")
    assert again.status_code == 200 and again.content == first.content
    for header in ("ETag", "Cache-Control", "Vary", "Content-Type", "X-Frame-Options",
                   "X-Content-Type-Options"):
        assert again[header] == first[header], header
    assert again["Content-Length"] == str(len(again.content))


def test_the_early_answer_carries_cors_headers(api, alice, settings):
    make_topic(alice)
    origin = settings.CORS_ALLOWED_ORIGINS[0]
    api.get("/v1/topics/alice", HTTP_ORIGIN=origin)
    with the_view_never_runs():
        again = api.get("/v1/topics/alice", HTTP_ORIGIN=origin)
    assert again["Access-Control-Allow-Origin"] == origin
    assert "etag" in again["Access-Control-Expose-Headers"].lower()


def test_a_matching_if_none_match_is_a_304_before_the_view(api, alice):
    make_topic(alice)
    etag = api.get("/v1/topics/alice")["ETag"]
    with the_view_never_runs():
        response = api.get("/v1/topics/alice", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_a_write_is_seen_at_once(api, alice, login_as):
    make_topic(alice, "第一篇")
    api.get("/v1/topics/alice")
    assert login_as(alice).post("/v1/topics/alice", ARTICLE).status_code == 201
    titles = [t["title"] for t in api.get("/v1/topics/alice").json()["data"]["topics"]]
    assert titles[0] == "新的一篇"


def test_a_request_with_a_token_goes_to_the_view(api, alice, login_as):
    make_topic(alice, "私密", limit=Topic.PRIVATE)
    assert api.get("/v1/topics/alice").json()["data"]["total"] == 0
    owner = login_as(alice).get("/v1/topics/alice").json()["data"]
    assert owner["total"] == 1 and owner["topics"][0]["title"] == "私密"


def test_a_bad_token_is_still_refused(api, alice):
    make_topic(alice)
    api.get("/v1/topics")
    assert api.get("/v1/topics", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


def test_the_latest_list_and_its_parameters_are_answered_early_too(api, alice):
    make_topic(alice, "一篇")
    first = api.get("/v1/topics", {"page": 1, "per_page": 5})
    with mock.patch.object(LatestTopicsView, "get", side_effect=AssertionError("the view ran")):
        again = api.get("/v1/topics", {"page": 1, "per_page": 5})
    assert again.content == first.content
    # another query string is another request: it goes to the view (and is checked there)
    assert api.get("/v1/topics", {"page": "x"}).status_code == 400


def test_another_host_is_not_answered_with_this_hosts_avatar_urls(api, alice, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    make_topic(alice)
    api.get("/v1/topics/alice")
    with the_view_never_runs(), pytest.raises(AssertionError, match="the view ran"):
        api.get("/v1/topics/alice", HTTP_HOST="other.example")


def test_a_failure_of_the_early_answer_falls_back_to_the_view(api, alice):
    from tools import cache as versioned

    make_topic(alice, "一篇")
    api.get("/v1/topics/alice")
    real, calls = versioned._from_cache, []

    def failing_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("cache down")
        return real(*args)

    with mock.patch("tools.cache._from_cache", side_effect=failing_once):
        response = api.get("/v1/topics/alice")
    assert response.status_code == 200 and response.json()["data"]["topics"][0]["title"] == "一篇"
    assert len(calls) == 2  # the early answer failed; the view answered
