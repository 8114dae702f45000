"""Conditional list requests (issue 15): ETag from the cache versions, 304 on a match."""
import pytest

from tests.topic.factories import make_topic

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = {"title": "Fresh", "content": "<p>x</p>", "limit": "public", "category": "tec"}


def test_list_carries_an_etag_and_public_cache_control(api, alice):
    make_topic(alice)
    response = api.get("/v1/topics/alice")
    assert response["ETag"].startswith('"') and response["Cache-Control"] == "public, no-cache"
    assert "Authorization" in response["Vary"]


def test_matching_if_none_match_is_304_without_a_body_or_a_query(
        api, alice, django_assert_num_queries):
    make_topic(alice)
    etag = api.get("/v1/topics/alice")["ETag"]
    with django_assert_num_queries(0):
        response = api.get("/v1/topics/alice", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


def test_a_write_changes_the_etag(api, alice, login_as):
    make_topic(alice)
    etag = api.get("/v1/topics/alice")["ETag"]
    assert login_as(alice).post("/v1/topics/alice", ARTICLE).status_code == 201
    response = api.get("/v1/topics/alice", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert [t["title"] for t in response.json()["data"]["topics"]][0] == "Fresh"


def test_owner_and_visitor_get_different_etags_and_the_owner_a_private_copy(
        api, alice, login_as):
    make_topic(alice)
    visitor = api.get("/v1/topics/alice")
    owner = login_as(alice).get("/v1/topics/alice", HTTP_IF_NONE_MATCH=visitor["ETag"])
    assert owner.status_code == 200 and owner["ETag"] != visitor["ETag"]
    assert owner["Cache-Control"] == "private, no-cache"


def test_cors_exposes_the_etag(api, alice):
    make_topic(alice)
    response = api.get("/v1/topics/alice", HTTP_ORIGIN="http://127.0.0.1:5000")
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
