"""Cover and summary (docs/api.md §11): optional, shown on cards; the summary replaces the
automatic introduce."""
import pytest

from topic.models import Topic

pytestmark = pytest.mark.django_db

ARTICLE = {"title": "封面", "content": "<p>" + "正文" * 40 + "</p>", "limit": "public", "category": "tec"}


def publish(client, **changes):
    return client.post("/v1/topics/alice", {**ARTICLE, **changes})


@pytest.mark.parametrize("cover", ["https://img.example.com/a.png", "http://example.com/b.jpg",
                                   "/media/images/ab/cd.webp", ""])
def test_a_cover_is_an_http_url_or_a_media_path(as_alice, api, cover):
    topic_id = publish(as_alice, cover=cover).json()["data"]["id"]
    item = api.get("/v1/topics/alice").json()["data"]["topics"][0]
    detail = api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert item["cover"] == cover and detail["cover"] == cover


@pytest.mark.parametrize("cover", ["javascript:alert(1)", "data:image/png;base64,AAAA", "//evil.com/x.png",
                                   "ftp://example.com/a.png", "/static/x.png", "/media/../settings.py",
                                   "https://" + "a" * 500 + ".com", ["https://x.com/a.png"]])
def test_any_other_cover_is_400(as_alice, cover):
    response = publish(as_alice, cover=cover)
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301 and "cover" in body["fields"]
    assert not Topic.objects.exists()


def test_the_summary_replaces_the_introduce(as_alice, api):
    publish(as_alice, summary="  一句话说清这篇文章  ")
    item = api.get("/v1/topics/alice").json()["data"]["topics"][0]
    assert item["introduce"] == "一句话说清这篇文章" and item["summary"] == "一句话说清这篇文章"


def test_a_summary_of_200_characters_is_kept_whole(as_alice, api):
    publish(as_alice, summary="长" * 200)
    assert api.get("/v1/topics").json()["data"]["topics"][0]["introduce"] == "长" * 200


def test_a_longer_summary_is_400(as_alice):
    response = publish(as_alice, summary="长" * 201)
    assert response.status_code == 400 and "summary" in response.json()["fields"]


def test_without_a_summary_the_introduce_is_cut_with_an_ellipsis(as_alice, api):
    publish(as_alice)
    assert api.get("/v1/topics").json()["data"]["topics"][0]["introduce"] == "正文" * 15 + "…"


def test_clearing_the_summary_brings_the_introduce_back(as_alice, api):
    topic_id = publish(as_alice, summary="摘要").json()["data"]["id"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"summary": ""})
    assert api.get("/v1/topics").json()["data"]["topics"][0]["introduce"] == "正文" * 15 + "…"
