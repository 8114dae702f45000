"""GET /v1/feeds/rss and /v1/feeds/<author>/rss (docs/api.md §10): RSS 2.0, valid XML, the
latest 20 public published articles, free text only for paid articles."""
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest

from tests.pages.conftest import SPA
from topic.models import Topic
from topic.services import update_topic

pytestmark = pytest.mark.django_db
DC = "{http://purl.org/dc/elements/1.1/}creator"
PAID_MARKER = "付费部分的秘密暗号"


def channel(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def items(response):
    return channel(response).findall("item")


def test_site_feed_is_rss_2_with_one_item_per_public_article(api, publish):
    first = publish("第一篇")
    second = publish("第二篇")
    feed = channel(api.get("/v1/feeds/rss"))
    assert feed.findtext("title") == "久至博客"
    assert feed.findtext("link") == SPA + "/"
    entries = feed.findall("item")
    assert [item.findtext("title") for item in entries] == ["第二篇", "第一篇"]
    assert [item.findtext("link") for item in entries] == [
        f"{SPA}/alice/topics/detail/{second}", f"{SPA}/alice/topics/detail/{first}"]


def test_an_item_carries_guid_pubdate_author_and_the_whole_free_body(api, publish, alice):
    alice.nickname = "爱丽丝"
    alice.save()
    topic_id = publish("缓存", content="<p>全文<strong>在这里</strong></p>")
    (item,) = items(api.get("/v1/feeds/rss"))
    url = f"{SPA}/alice/topics/detail/{topic_id}"
    assert item.findtext("guid") == url
    assert item.find("guid").get("isPermaLink") == "true"
    published = Topic.objects.get(id=topic_id).created_time
    assert parsedate_to_datetime(item.findtext("pubDate")) == published.replace(microsecond=0)
    assert item.findtext(DC) == "爱丽丝"
    assert item.findtext("description") == "<p>全文<strong>在这里</strong></p>"


def test_private_and_draft_articles_are_not_in_the_feed(api, publish, django_capture_on_commit_callbacks):
    publish("公开")
    publish("私密", limit="private")
    draft = Topic.objects.get(id=publish("草稿"))
    draft.status = Topic.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        update_topic(topic=draft, values={})
    assert [item.findtext("title") for item in items(api.get("/v1/feeds/rss"))] == ["公开"]


def test_site_feed_holds_the_latest_20(api, alice):
    for n in range(23):
        Topic.objects.create(author=alice, title=f"第{n}篇", category="tec", limit="public",
                             introduce="x", content="<p>x</p>")
    titles = [item.findtext("title") for item in items(api.get("/v1/feeds/rss"))]
    assert len(titles) == 20 and titles[0] == "第22篇"


def test_a_paid_article_shows_its_preview_never_its_paid_part(api, publish):
    topic_id = publish("付费文章", price="9.90",
                       content=f'<p>免费的开头</p><hr class="paywall"><p>{PAID_MARKER}</p>')
    Topic.objects.filter(id=topic_id).update(preview="<p>免费的开头</p>")
    body = api.get("/v1/feeds/rss").content.decode()
    (item,) = items(api.get("/v1/feeds/rss"))
    assert item.findtext("description") == "<p>免费的开头</p>"
    assert PAID_MARKER not in body


def test_a_paid_article_without_preview_shows_its_introduce(api, publish):
    topic_id = publish("付费文章", price=5, content=f"<p>{PAID_MARKER}</p>")
    Topic.objects.filter(id=topic_id).update(introduce="只有简介")
    response = api.get("/v1/feeds/alice/rss")
    (item,) = items(response)
    assert "只有简介" in item.findtext("description")
    assert PAID_MARKER not in response.content.decode()


def test_author_feed_lists_only_that_authors_articles(api, publish, bob):
    Topic.objects.create(author=bob, title="鲍勃的", category="tec", limit="public",
                         introduce="x", content="<p>x</p>")
    publish("爱丽丝的")
    feed = channel(api.get("/v1/feeds/alice/rss"))
    assert feed.findtext("link") == f"{SPA}/alice/topics"
    assert [item.findtext("title") for item in feed.findall("item")] == ["爱丽丝的"]


def test_author_feed_of_an_unknown_author_is_a_404_envelope(api):
    response = api.get("/v1/feeds/nobody/rss")
    assert response.status_code == 404
    assert response.json() == {"code": 10111, "error": "No such user"}


def test_feeds_need_no_login_and_ignore_a_token(api, publish, as_alice):
    publish()
    assert len(items(as_alice.get("/v1/feeds/rss"))) == 1
    assert len(items(api.get("/v1/feeds/rss", HTTP_AUTHORIZATION="Bearer not-a-token"))) == 1


def test_text_that_looks_like_markup_stays_text(api, publish):
    publish("<script>alert(1)</script> & 标题")
    (item,) = items(api.get("/v1/feeds/rss"))
    assert item.findtext("title") == "<script>alert(1)</script> & 标题"


def test_characters_xml_cannot_carry_are_left_out(api, publish, alice):
    topic_id = publish("控制字符")
    Topic.objects.filter(id=topic_id).update(title="a\x01b", content="<p>x\x0by</p>")
    alice.nickname = "昵\x1f称"
    alice.save()
    (item,) = items(api.get("/v1/feeds/rss"))
    assert item.findtext("title") == "ab"
    assert item.findtext("description") == "<p>xy</p>"
    assert item.findtext(DC) == "昵称"
