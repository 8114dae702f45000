"""A public article's page file appears on create and follows each edit; it goes away
when the article is made private, turned into a draft or deleted (docs/api.md §10: within 5 s;
the build runs after the write commits, so the tests poll)."""
import pytest
from django.core.management import call_command

from tests.pages.conftest import page_file, wait_until
from topic.models import Topic
from topic.services import update_topic
from user.services import update_profile

pytestmark = pytest.mark.django_db


def test_creating_a_public_article_writes_its_page(pages_root, publish):
    topic_id = publish("第一篇文章", content="<p>正文在此</p>")
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    assert "第一篇文章" in path.read_text() and "正文在此" in path.read_text()


def test_editing_rewrites_the_page(pages_root, publish, as_alice):
    topic_id = publish("旧标题")
    path = page_file(pages_root, "alice", topic_id)
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"title": "新标题", "content": "<p>新正文</p>"})
    wait_until(lambda: path.exists() and "新标题" in path.read_text())
    assert "旧标题" not in path.read_text() and "新正文" in path.read_text()


def test_a_private_article_has_no_page(pages_root, publish):
    topic_id = publish("私密文章", limit="private")
    wait_until((pages_root / "sitemap.xml").exists)
    assert not page_file(pages_root, "alice", topic_id).exists()


def test_making_an_article_private_removes_its_page(pages_root, publish, as_alice):
    topic_id = publish()
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"limit": "private"})
    wait_until(lambda: not path.exists())


def test_deleting_an_article_removes_its_page(pages_root, publish, as_alice):
    topic_id = publish()
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    assert as_alice.delete(f"/v1/topics/alice?t_id={topic_id}").status_code == 204
    wait_until(lambda: not path.exists())


@pytest.mark.parametrize("status", [Topic.DRAFT, Topic.SCHEDULED])
def test_turning_an_article_into_a_draft_or_scheduling_it_removes_its_page(
        pages_root, publish, status, django_capture_on_commit_callbacks):
    topic_id = publish()
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    topic = Topic.objects.get(id=topic_id)
    topic.status = status
    with django_capture_on_commit_callbacks(execute=True):
        update_topic(topic=topic, values={})
    wait_until(lambda: not path.exists())


def test_the_author_page_and_index_link_the_article_with_plain_links(pages_root, publish):
    topic_id = publish("可以被抓取")
    href = f'href="/alice/topics/detail/{topic_id}"'
    wait_until(lambda: (pages_root / "index.html").exists() and href in (pages_root / "index.html").read_text())
    assert href in (pages_root / "alice" / "topics.html").read_text()


def test_a_private_article_leaves_the_author_page(pages_root, publish, as_alice):
    topic_id = publish("很快私密")
    author_page = pages_root / "alice" / "topics.html"
    wait_until(lambda: author_page.exists() and "很快私密" in author_page.read_text())
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"limit": "private"})
    wait_until(lambda: "很快私密" not in author_page.read_text())
    assert "很快私密" not in (pages_root / "index.html").read_text()


def test_renaming_the_author_rewrites_their_pages(pages_root, publish, alice,
                                                  django_capture_on_commit_callbacks):
    topic_id = publish()
    path = page_file(pages_root, "alice", topic_id)
    wait_until(path.exists)
    with django_capture_on_commit_callbacks(execute=True):
        update_profile(user=alice, changes={"nickname": "新笔名"})
    wait_until(lambda: "新笔名" in path.read_text())
    assert "新笔名" in (pages_root / "alice" / "topics.html").read_text()


def test_build_pages_rebuilds_everything_and_drops_stale_files(pages_root, alice):
    public = Topic.objects.create(author=alice, title="公开", category="tec", limit="public",
                                  introduce="x", content="<p>x</p>")
    stale = page_file(pages_root, "alice", 999)
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    call_command("build_pages", verbosity=0)
    assert page_file(pages_root, "alice", public.id).exists()
    assert not stale.exists()
    for name in ("index.html", "sitemap.xml", "robots.txt", "rss.xml", "alice/topics.html"):
        assert (pages_root / name).exists(), name


def test_a_broker_that_does_not_answer_does_not_fail_the_write(publish, monkeypatch):
    from pages.tasks import topic_changed_task

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(topic_changed_task, "delay", down)
    assert publish("照样发表") > 0


def test_a_build_with_a_later_change_queued_leaves_the_site_files_to_it(pages_root, alice):
    from pages import build

    first = Topic.objects.create(author=alice, title="先", category="tec", limit="public",
                                 introduce="x", content="<p>x</p>")
    older = build.next_site_generation()
    newer = build.next_site_generation()  # a later change, its build still to come
    build.topic_changed(first.id, "alice", older)
    assert page_file(pages_root, "alice", first.id).exists()
    assert not (pages_root / "index.html").exists() and not (pages_root / "sitemap.xml").exists()
    build.topic_changed(first.id, "alice", newer)
    assert f"/alice/topics/detail/{first.id}<" in (pages_root / "sitemap.xml").read_text()


def test_a_skipped_build_still_rewrites_its_sitemap_part(pages_root, alice, settings):
    from pages import build

    settings.PAGES_SITEMAP_MAX_URLS = 2
    ids = [Topic.objects.create(author=alice, title=f"t{n}", category="tec", limit="public",
                                introduce="x", content="<p>x</p>").id for n in range(4)]
    build.sync_sitemap()
    part = pages_root / f"sitemap-{(ids[0] - 1) // 2 + 1}.xml"
    assert f"/detail/{ids[0]}<" in part.read_text()
    Topic.objects.filter(id=ids[0]).update(limit="private")
    older = build.next_site_generation()
    build.next_site_generation()
    build.topic_changed(ids[0], "alice", older)
    assert not part.exists() or f"/detail/{ids[0]}<" not in part.read_text()


def test_without_a_counting_cache_every_build_writes_everything(pages_root, alice, redis_down):
    from pages import build

    topic = Topic.objects.create(author=alice, title="t", category="tec", limit="public",
                                 introduce="x", content="<p>x</p>")
    generation = build.next_site_generation()
    assert generation is None
    build.topic_changed(topic.id, "alice", generation)
    assert (pages_root / "sitemap.xml").exists()


def test_a_scheduled_article_gets_its_page_when_it_is_published(pages_root, publish,
                                                                 django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from topic.services import publish_due_topics

    later = timezone.localtime() + timedelta(hours=1)
    topic_id = publish("定时发表", status="scheduled", publish_at=later.strftime("%Y-%m-%d %H:%M:%S"))
    path = page_file(pages_root, "alice", topic_id)
    wait_until((pages_root / "sitemap.xml").exists)
    assert not path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_topics(now=later + timedelta(seconds=1)) == 1
    wait_until(path.exists)
