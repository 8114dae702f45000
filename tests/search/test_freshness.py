"""Search follows every write (docs/api.md §10: within 5 seconds; here, as soon as the write
returns): create, edit, delete, made private, tags, the author's nickname; and
`manage.py rebuild_search_index` rebuilds it all."""
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.models import SearchDocument
from tests.search.conftest import search, titles

pytestmark = pytest.mark.django_db


def publish(client, title, content="<p>正文</p>", **fields):
    body = {"title": title, "content": content, "content_text": "", "limit": "public",
            "category": "tec", **fields}
    response = client.post("/v1/topics/alice", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def edit(client, topic_id, **fields):
    response = client.put(f"/v1/topics/alice?t_id={topic_id}", fields)
    assert response.status_code == 200, response.content


def test_a_new_article_is_found(api, as_alice):
    publish(as_alice, "新的博客文章", "<p>讲讲 Celery 任务队列</p>")
    assert titles(api, "任务队列") == ["新的博客文章"]


def test_an_edited_article_is_found_by_its_new_text_only(api, as_alice):
    topic_id = publish(as_alice, "旧标题", "<p>旧的正文</p>")
    edit(as_alice, topic_id, title="新标题", content="<p>全新的内容</p>")
    assert titles(api, "全新") == ["新标题"]
    assert titles(api, "旧标题") == [] and titles(api, "旧的正文") == []


def test_a_deleted_article_is_not_found(api, as_alice):
    topic_id = publish(as_alice, "要删除的博客")
    as_alice.delete(f"/v1/topics/alice?t_id={topic_id}")
    assert titles(api, "删除") == []
    assert not SearchDocument.objects.filter(topic_id=topic_id).exists()


def test_an_article_made_private_is_found_by_its_author_only(api, as_alice):
    topic_id = publish(as_alice, "变成私密的博客")
    edit(as_alice, topic_id, limit="private")
    assert titles(api, "私密") == []
    assert titles(as_alice, "私密") == ["变成私密的博客"]


def test_an_article_made_public_again_is_found(api, as_alice):
    topic_id = publish(as_alice, "又公开的博客", limit="private")
    edit(as_alice, topic_id, limit="public")
    assert titles(api, "公开") == ["又公开的博客"]


def test_new_tags_are_found(api, as_alice):
    topic_id = publish(as_alice, "某篇文章")
    edit(as_alice, topic_id, tags=["微服务"])
    result = search(api, "微服务")["results"][0]
    assert result["title"] == "某篇文章" and result["tags"] == ["微服务"]


def test_an_article_made_paid_is_no_longer_found_by_its_body(api, as_alice):
    # the first 30 characters become the free `introduce`; the rest is paid
    topic_id = publish(as_alice, "文章", "<p>" + "开头" * 20 + "</p><p>后面是值钱的独门绝技。</p>")
    assert titles(api, "独门绝技") == ["文章"]
    edit(as_alice, topic_id, price="9.90")
    assert titles(api, "独门绝技") == []


def test_a_renamed_author_shows_the_new_nickname(api, as_alice):
    publish(as_alice, "博客")
    response = as_alice.put("/v1/users/alice", {"nickname": "新昵称"})
    assert response.status_code == 200, response.content
    assert search(api, "博客")["results"][0]["nickname"] == "新昵称"


def test_rebuild_search_index_indexes_every_article_with_a_progress_bar(api, as_alice):
    for number in range(3):
        publish(as_alice, f"博客{number}")
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", "--chunk-size", "2", stdout=out)
    assert "2/3" in out.getvalue() and "3/3" in out.getvalue()
    assert titles(api, "博客") == ["博客2", "博客1", "博客0"]


def test_rebuild_search_index_forgets_what_is_gone(api, as_alice, alice):
    publish(as_alice, "留下的博客")
    from search.backends import get_backend
    from search.backends.base import Document

    get_backend().index_document(Document(topic_id=999_999, title="幽灵博客", author_id=alice.pk,
                                          public=True, created_time=timezone.now()))
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert not SearchDocument.objects.filter(topic_id=999_999).exists()
    assert titles(api, "博客") == ["留下的博客"]


def test_demo_data_is_searchable_and_tagged(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the command's writes commit
        call_command("seed_demo", stdout=io.StringIO())
    assert titles(api, "版本号") == ["用版本号让列表缓存立即失效"]
    assert search(api, "香山")["results"][0]["tags"] == ["生活", "爬山"]
    assert titles(api, "年度计划") == []  # a private demo article
