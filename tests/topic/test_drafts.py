"""Drafts and scheduled articles (docs/api.md §11): visible to their author only, on every
surface, until published; a scheduled one goes public when due, dated publish_at."""
from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from tools.events import topic_changed
from tools.http import fmt_time
from topic import services
from topic.models import Topic

pytestmark = pytest.mark.django_db

ARTICLE = {"title": "草稿", "content": "<p>还没写完</p>", "limit": "public", "category": "tec"}


def later(**delta):
    return fmt_time(timezone.now() + timedelta(**delta))


def publish(client, **changes):
    response = client.post("/v1/topics/alice", {**ARTICLE, **changes})
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def list_ids(client, path="/v1/topics/alice"):
    return [t["id"] for t in client.get(path).json()["data"]["topics"]]


@pytest.fixture
def as_bob(bob, login_as):
    return login_as(bob)


@pytest.fixture(params=["draft", "scheduled"])
def hidden(request, as_alice):
    """A draft, or an article scheduled an hour ahead."""
    extra = {"publish_at": later(hours=1)} if request.param == "scheduled" else {}
    return publish(as_alice, title=request.param, status=request.param, **extra)


# --- what the author sees ---------------------------------------------------------------

def test_a_draft_is_saved_with_its_status(as_alice):
    topic_id = publish(as_alice, status="draft")
    data = as_alice.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["status"] == "draft" and data["publish_at"] is None


def test_a_draft_may_have_an_empty_body(as_alice):
    topic_id = publish(as_alice, status="draft", content="")
    assert Topic.objects.get(id=topic_id).content == ""


def test_a_scheduled_article_carries_its_time(as_alice):
    when = later(days=1)
    topic_id = publish(as_alice, status="scheduled", publish_at=when)
    data = as_alice.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["status"] == "scheduled" and data["publish_at"] == when


def test_the_authors_list_shows_drafts_and_scheduled_with_their_status(as_alice, hidden):
    published = publish(as_alice, title="公开")
    topics = as_alice.get("/v1/topics/alice").json()["data"]["topics"]
    statuses = {t["id"]: t["status"] for t in topics}
    assert statuses[published] == "published" and statuses[hidden] in ("draft", "scheduled")


# --- what everyone else sees: nothing ---------------------------------------------------

def test_hidden_from_the_authors_list(api, as_bob, hidden):
    assert list_ids(api) == [] and list_ids(as_bob) == []


def test_hidden_from_the_latest_list(api, as_alice, hidden):
    assert hidden not in list_ids(api, "/v1/topics") and hidden not in list_ids(as_alice, "/v1/topics")


def test_detail_is_404_for_others(api, as_bob, hidden):
    for client in (api, as_bob):
        response = client.get("/v1/topics/alice", {"t_id": hidden})
        assert response.status_code == 404 and response.json()["code"] == 10302


def test_neighbours_skip_it_for_others(api, as_alice, hidden):
    older = publish(as_alice, title="older")
    Topic.objects.filter(id=hidden).update(created_time=timezone.now() + timedelta(seconds=1))
    newer = publish(as_alice, title="newer")
    Topic.objects.filter(id=newer).update(created_time=timezone.now() + timedelta(seconds=2))
    visitor = api.get("/v1/topics/alice", {"t_id": older}).json()["data"]
    assert visitor["next_id"] == newer
    owner = as_alice.get("/v1/topics/alice", {"t_id": older}).json()["data"]
    assert owner["next_id"] == hidden


def test_it_cannot_be_commented_on_by_others(as_bob, hidden):
    response = as_bob.post(f"/v1/messages/{hidden}", {"content": "抢沙发"})
    assert response.status_code == 404


def test_a_paid_draft_cannot_be_bought(as_alice, as_bob):
    topic_id = publish(as_alice, status="draft", price="9.90")
    response = as_bob.post("/v1/orders", {"topic_id": topic_id})
    assert response.status_code == 404


def test_a_cached_visitor_list_does_not_gain_a_draft_nor_lose_it_on_publish(api, as_alice):
    topic_id = publish(as_alice, status="draft")
    assert list_ids(api) == []
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"status": "published"})
    assert list_ids(api) == [topic_id]


# --- publishing ------------------------------------------------------------------------

def test_publishing_a_draft_dates_it_now(as_alice):
    topic_id = publish(as_alice, status="draft")
    Topic.objects.filter(id=topic_id).update(created_time=timezone.now() - timedelta(days=3))
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"status": "published"})
    topic = Topic.objects.get(id=topic_id)
    assert topic.status == "published" and timezone.now() - topic.created_time < timedelta(minutes=1)


def test_unpublishing_hides_it_again(api, as_alice):
    topic_id = publish(as_alice)
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"status": "draft"})
    assert api.get("/v1/topics/alice", {"t_id": topic_id}).status_code == 404


def test_a_due_article_is_not_published_before_its_time(as_alice):
    topic_id = publish(as_alice, status="scheduled", publish_at=later(hours=1))
    assert services.publish_due_topics(now=timezone.now() + timedelta(minutes=59)) == 0
    assert Topic.objects.get(id=topic_id).status == "scheduled"


def test_a_due_article_is_published_dated_publish_at(api, as_alice):
    topic_id = publish(as_alice, status="scheduled", publish_at=later(hours=1))
    assert list_ids(api) == [] and list_ids(api, "/v1/topics") == []  # both lists cached empty
    publish_at = Topic.objects.get(id=topic_id).publish_at
    heard = []
    topic_changed.connect(lambda sender, signal, **payload: heard.append(payload), weak=False,
                          dispatch_uid="test-heard")
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert services.publish_due_topics(now=publish_at + timedelta(seconds=1)) == 1
    finally:
        topic_changed.disconnect(dispatch_uid="test-heard")
    topic = Topic.objects.get(id=topic_id)
    assert topic.status == "published" and topic.created_time == publish_at
    assert heard == [{"topic_id": topic_id, "author_id": topic.author_id, "author": "alice",
                      "action": "updated"}]
    assert list_ids(api) == [topic_id] and list_ids(api, "/v1/topics") == [topic_id]
    assert api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]["created_time"] == \
        fmt_time(publish_at)


def test_publishing_twice_publishes_once(as_alice):
    publish(as_alice, status="scheduled", publish_at=later(hours=1))
    now = timezone.now() + timedelta(hours=2)
    assert services.publish_due_topics(now=now) == 1
    assert services.publish_due_topics(now=now) == 0


def test_a_read_publishes_due_articles_where_no_beat_runs(api, as_alice, settings):
    settings.PUBLISH_DUE_ON_READ = True
    topic_id = publish(as_alice, status="scheduled", publish_at=later(hours=1))
    Topic.objects.filter(id=topic_id).update(publish_at=timezone.now() - timedelta(seconds=1))
    services.publish_on_read.reset()
    assert list_ids(api) == [topic_id]


def test_reads_publish_at_most_every_few_seconds(api, as_alice, settings, django_assert_num_queries):
    settings.PUBLISH_DUE_ON_READ = True
    services.publish_on_read.reset()
    assert services.publish_due_topics_on_read() == 0
    with django_assert_num_queries(0):
        assert services.publish_due_topics_on_read() == 0


def test_the_beat_runs_the_publishing_task_every_30_seconds(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["publish-due-topics"]
    assert entry["task"] == "topic.tasks.publish_due_topics_task" and entry["schedule"] <= 30


def test_the_task_publishes_due_articles(as_alice):
    from topic.tasks import publish_due_topics_task

    topic_id = publish(as_alice, status="scheduled", publish_at=later(hours=1))
    Topic.objects.filter(id=topic_id).update(publish_at=timezone.now() - timedelta(seconds=1))
    publish_due_topics_task.apply()  # the task itself, here (the stack's worker has another database)
    assert Topic.objects.get(id=topic_id).status == "published"


# --- input -----------------------------------------------------------------------------

@pytest.mark.parametrize("changes,field", [
    ({"status": "scheduled"}, "publish_at"),
    ({"status": "scheduled", "publish_at": "2020-01-01 00:00:00"}, "publish_at"),
    ({"status": "scheduled", "publish_at": "tomorrow"}, "publish_at"),
    ({"status": "scheduled", "publish_at": 1700000000}, "publish_at"),
    ({"status": "hidden"}, "status"),
    ({"status": ["draft"]}, "status"),
])
def test_bad_status_or_time_is_400(as_alice, changes, field):
    response = as_alice.post("/v1/topics/alice", {**ARTICLE, **changes})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301 and field in body["fields"]
    assert not Topic.objects.exists()


def test_the_beat_script_check_knows_every_scheduled_task(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "VENV": str(Path(sys.executable).parent.parent), "JIUZHI_LOCAL_DIR": str(tmp_path)}
    result = subprocess.run([str(root / "deploy" / "celery-beat.sh"), "--check"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "publish-due-topics: topic.tasks.publish_due_topics_task every 30.0 s" in result.stdout
