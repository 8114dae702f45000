"""The index carries ranking and visibility (docs/search.md, "How a query is answered"):
the rank key follows created_time, not the id; the visibility tokens follow every kind
of write; totals, the author filter and pages across the title/body boundary come
from the engine alone; nothing typed matches a visibility token; and the selector's
guard keeps a stale document from ever showing an article."""
import pytest
from django.db import transaction
from django.utils import timezone

from porting import adapters
from search.backends.base import rank_key
from search.models import SearchDocument
from search.selectors import may_read
from search.services import index_topic
from tests.search.conftest import search, titles
from topic import services as topic_services
from topic.models import Topic

pytestmark = pytest.mark.django_db


def test_the_rank_key_orders_by_date_then_id():
    day = timezone.now()
    assert rank_key(day, 5) > rank_key(day - timezone.timedelta(seconds=1), 9)
    assert rank_key(day, 9) > rank_key(day, 5)
    assert rank_key(day - timezone.timedelta(days=400 * 365), 1) < rank_key(day, 1)


def test_a_backdated_import_ranks_by_its_date_not_its_id(api, alice, indexed,
                                                        django_capture_on_commit_callbacks):
    indexed(alice, "较早的博客")
    indexed(alice, "较新的博客")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        topic = topic_services.create_topic(author=alice, values={
            "title": "导入的博客", "content": "<p>旧文</p>", "limit": "public", "category": "tec"})
        adapters.set_created_time(topic, timezone.now() - timezone.timedelta(days=30))
    assert titles(api, "博客") == ["较新的博客", "较早的博客", "导入的博客"]


def test_a_scheduled_article_is_found_once_published(api, alice, login_as, indexed,
                                                     django_capture_on_commit_callbacks):
    topic = indexed(alice, "定时发布的博客")
    Topic.objects.filter(pk=topic.pk).update(
        status=Topic.SCHEDULED, publish_at=timezone.now() - timezone.timedelta(minutes=1))
    index_topic(topic.pk)
    assert search(api, "定时")["total"] == 0
    assert titles(login_as(alice), "定时") == ["定时发布的博客"]
    with django_capture_on_commit_callbacks(execute=True):
        assert topic_services.publish_due_topics() == 1
    data = search(api, "定时")
    assert [r["title"] for r in data["results"]] == ["定时发布的博客"] and data["total"] == 1


def test_an_article_made_private_and_public_again_follows_in_totals(api, as_alice, login_as, bob):
    response = as_alice.post("/v1/topics/alice", {"title": "来回切换的博客", "content": "<p>正文</p>",
                                                 "content_text": "", "limit": "public", "category": "tec"})
    topic_id = response.json()["data"]["id"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"limit": "private"})
    assert search(api, "切换")["total"] == 0 and search(login_as(bob), "切换")["total"] == 0
    assert search(as_alice, "切换")["total"] == 1
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"limit": "public"})
    assert search(api, "切换")["total"] == 1


def test_a_deleted_authors_articles_leave_the_index(api, alice, bob, indexed,
                                                   django_capture_on_commit_callbacks):
    indexed(alice, "alice 的博客")
    gone = indexed(bob, "bob 的博客")
    with django_capture_on_commit_callbacks(execute=True):
        bob.delete()  # the admin's account deletion: the articles go by cascade
    assert not SearchDocument.objects.filter(topic_id=gone.pk).exists()
    data = search(api, "博客")
    assert [r["title"] for r in data["results"]] == ["alice 的博客"] and data["total"] == 1


def mixed_blogs(alice, bob, indexed):
    indexed(alice, "alice 公开的博客")
    indexed(alice, "alice 私密的博客", limit=Topic.PRIVATE)
    draft = indexed(alice, "alice 草稿博客")
    Topic.objects.filter(pk=draft.pk).update(status=Topic.DRAFT)
    index_topic(draft.pk)
    indexed(bob, "bob 公开的博客")
    indexed(bob, "bob 私密的博客", limit=Topic.PRIVATE)


def test_totals_count_what_each_viewer_may_see(api, alice, bob, login_as, indexed):
    mixed_blogs(alice, bob, indexed)
    assert search(api, "博客")["total"] == 2
    assert search(login_as(alice), "博客")["total"] == 4
    assert search(login_as(bob), "博客")["total"] == 3
    assert titles(login_as(bob), "博客") == ["bob 私密的博客", "bob 公开的博客", "alice 公开的博客"]


def test_the_author_filter_keeps_each_viewers_visibility(api, alice, bob, login_as, indexed):
    mixed_blogs(alice, bob, indexed)
    assert titles(api, "博客", author="alice") == ["alice 公开的博客"]
    assert titles(login_as(bob), "博客", author="alice") == ["alice 公开的博客"]
    data = search(login_as(alice), "博客", author="alice")
    assert [r["title"] for r in data["results"]] == ["alice 草稿博客", "alice 私密的博客", "alice 公开的博客"]
    assert data["total"] == 3
    assert search(login_as(alice), "博客", author="bob")["total"] == 1


def test_pages_run_across_the_title_body_boundary(api, alice, indexed):
    for number in range(3):
        indexed(alice, f"缓存标题{number}")
    for number in range(4):
        indexed(alice, f"正文{number}", f"<p>讲缓存{number}</p>")
    expected = ["缓存标题2", "缓存标题1", "缓存标题0", "正文3", "正文2", "正文1", "正文0"]
    assert titles(api, "缓存", per_page=20) == expected
    pages = []
    for page in range(1, 5):
        data = search(api, "缓存", page=page, per_page=2)
        assert data["total"] == 7
        pages += [r["title"] for r in data["results"]]
    assert pages == expected
    assert [r["title"] for r in search(api, "缓存", page=2, per_page=3)["results"]] == expected[3:6]
    assert search(api, "缓存", page=5, per_page=2)["results"] == []


@pytest.mark.parametrize("q", ["pub", "_pub", "hid", "_hid", "a", "h", "a{id}", "h{id}", "_a{id}"])
def test_a_query_never_matches_the_visibility_tokens(login_as, alice, indexed, q):
    indexed(alice, "标题", "<p>正文</p>")
    indexed(alice, "私密", "<p>正文</p>", limit=Topic.PRIVATE)
    data = search(login_as(alice), q.format(id=alice.pk))
    assert data["results"] == [] and data["total"] == 0


def test_a_stale_document_never_shows_an_article_the_viewer_may_not_read(api, login_as, alice, bob,
                                                                         indexed):
    topic = indexed(alice, "后来变私密的博客")
    Topic.objects.filter(pk=topic.pk).update(limit=Topic.PRIVATE)  # no announcement: stale
    assert titles(api, "博客") == []
    assert titles(login_as(bob), "博客") == []
    assert titles(login_as(alice), "博客") == ["后来变私密的博客"]


def test_the_guard_is_the_rule_of_visible_to(alice, bob):
    for limit in (Topic.PUBLIC, Topic.PRIVATE):
        for status in (Topic.PUBLISHED, Topic.DRAFT, Topic.SCHEDULED):
            topic = Topic.objects.create(author=alice, title="t", limit=limit, status=status,
                                         category=Topic.TEC, content="", introduce="")
    rows = Topic.objects.values("id", "limit", "status", "author_id")
    for viewer in (None, alice, bob):
        visible = set(Topic.objects.visible_to(viewer).values_list("id", flat=True))
        viewer_id = viewer.pk if viewer else None
        assert {row["id"] for row in rows if may_read(row, viewer_id)} == visible
    assert topic.pk not in visible  # bob never sees alice's private scheduled article
