"""Who finds what (docs/api.md §10): public published articles for everyone, plus the viewer's
own; a paid article only by its title, tags and free part."""
import pytest

from search.services import index_topic
from tests.search.conftest import search, titles
from topic.models import Topic

pytestmark = pytest.mark.django_db


def test_a_private_article_is_found_by_its_author_only(api, alice, bob, login_as, indexed):
    indexed(alice, "公开的博客")
    indexed(alice, "私密的博客", limit=Topic.PRIVATE)
    assert titles(api, "博客") == ["公开的博客"]
    assert titles(login_as(bob), "博客") == ["公开的博客"]
    assert titles(login_as(alice), "博客") == ["私密的博客", "公开的博客"]


def test_another_authors_private_article_is_never_found(alice, bob, login_as, indexed):
    indexed(bob, "bob 的私密博客", limit=Topic.PRIVATE)
    assert titles(login_as(alice), "博客") == []
    assert search(login_as(alice), "博客")["total"] == 0


@pytest.mark.parametrize("status", [Topic.DRAFT, Topic.SCHEDULED])
def test_drafts_and_scheduled_articles_are_found_by_their_author_only(api, alice, login_as, indexed,
                                                                      status):
    topic = indexed(alice, "未发布的博客")
    Topic.objects.filter(pk=topic.pk).update(status=status)
    index_topic(topic.pk)  # what the status change's announcement does
    assert titles(api, "博客") == [] and search(api, "博客")["total"] == 0
    assert titles(login_as(alice), "博客") == ["未发布的博客"]


def test_the_total_counts_only_what_the_viewer_may_see(api, alice, indexed):
    indexed(alice, "博客一")
    indexed(alice, "博客二", limit=Topic.PRIVATE)
    assert search(api, "博客")["total"] == 1


def paid_article(alice, indexed, **fields):
    topic = indexed(alice, "付费专栏：缓存之道", price="9.90",
                    content="<p>免费试读的开头。</p><hr class=\"paywall\"><p>付费独家秘籍在此。</p>")
    Topic.objects.filter(pk=topic.pk).update(**{"introduce": "免费试读的开头。", **fields})
    index_topic(topic.pk)
    return topic


def test_a_paid_article_is_not_found_by_its_paid_part(api, alice, indexed):
    paid_article(alice, indexed)
    assert titles(api, "独家秘籍") == []


def test_a_paid_article_is_found_by_its_title_and_free_part(api, alice, indexed):
    paid_article(alice, indexed)
    assert titles(api, "缓存之道") == ["付费专栏：缓存之道"]
    assert titles(api, "试读") == ["付费专栏：缓存之道"]


def test_a_paid_article_is_found_by_its_tags(api, alice, indexed):
    indexed(alice, "付费", price="5.00", tags=["架构"])
    assert titles(api, "架构") == ["付费"]


def test_a_paid_articles_snippet_never_quotes_the_paid_part(api, alice, indexed):
    paid_article(alice, indexed)
    for q in ("缓存", "试读", "付费"):
        for result in search(api, q)["results"]:
            assert "秘籍" not in result["snippet"]


def test_a_paid_article_with_a_preview_is_found_by_the_preview(api, alice, indexed):
    paid_article(alice, indexed, preview="<p>免费试读的开头，讲一致性哈希。</p>")
    result = search(api, "一致性哈希")["results"][0]
    assert "一致性哈希" in result["snippet"] and "秘籍" not in result["snippet"]


def test_the_author_of_a_paid_article_does_not_find_it_by_the_paid_part_either(alice, login_as,
                                                                               indexed):
    paid_article(alice, indexed)
    assert titles(login_as(alice), "独家秘籍") == []


def publish(client, **fields):
    body = {"title": "文章", "content": "<p>正文</p>", "content_text": "", "limit": "public",
            "category": "tec", **fields}
    response = client.post("/v1/topics/alice", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def test_a_paid_article_written_with_a_paywall_mark_is_found_by_its_free_part_only(api, as_alice):
    publish(as_alice, title="付费文章", price="9.90",
            content='<p>试读部分讲索引。</p><hr class="paywall"><p>付费部分讲分库分表。</p>')
    assert titles(api, "索引") == ["付费文章"]
    assert titles(api, "分库分表") == []
    assert all("分库" not in r["snippet"] for r in search(api, "付费")["results"])


def test_a_paid_markdown_article_is_found_by_the_part_before_more(api, as_alice):
    publish(as_alice, title="付费 Markdown", price="4.90", format="markdown",
            markdown="免费的开头讲协程。\n\n<!--more-->\n\n付费的部分讲事件循环。")
    assert titles(api, "协程") == ["付费 Markdown"]
    assert titles(api, "事件循环") == []


def test_a_summary_is_found(api, as_alice):
    publish(as_alice, title="有摘要", price="1.00", summary="这篇讲零拷贝",
            content="<p>全文都是付费内容。</p>")
    assert titles(api, "零拷贝") == ["有摘要"]
    assert titles(api, "付费内容") == []


def test_a_draft_is_found_by_its_author_only_and_after_publishing_by_everyone(api, as_alice):
    topic_id = publish(as_alice, title="草稿里的博客", status="draft")
    assert titles(api, "草稿") == [] and titles(as_alice, "草稿") == ["草稿里的博客"]
    response = as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"status": "published"})
    assert response.status_code == 200, response.content
    assert titles(api, "草稿") == ["草稿里的博客"]
