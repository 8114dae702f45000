"""Views (docs/api.md §12): once per viewer per 30 minutes, counted in the cache, written in batches."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.topic.factories import make_topic
from topic import hits
from topic.models import Topic


def read(client, topic, **extra):
    return client.get("/v1/topics/alice", {"t_id": topic.id}, **extra).json()["data"]


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_a_view_shows_at_once(alice, api):
    topic = make_topic(alice)
    assert read(api, topic)["views"] == 1


def test_the_same_visitor_counts_once(alice, api):
    topic = make_topic(alice)
    for _ in range(3):
        data = read(api, topic)
    assert data["views"] == 1


def test_another_browser_or_address_is_another_viewer(alice, api):
    topic = make_topic(alice)
    read(api, topic)
    read(api, topic, HTTP_USER_AGENT="another browser")
    assert read(api, topic, REMOTE_ADDR="10.0.0.9")["views"] == 3


def test_a_logged_in_reader_counts_once_on_any_device(alice, bob, login_as):
    topic = make_topic(alice)
    read(login_as(bob), topic, REMOTE_ADDR="10.0.0.1")
    assert read(login_as(bob), topic, REMOTE_ADDR="10.0.0.2")["views"] == 1


def test_the_same_viewer_counts_again_after_30_minutes(alice, api, settings):
    topic = make_topic(alice)
    read(api, topic)
    hits.store().delete(hits.SEEN.format(topic=topic.id, viewer=hits.viewer_key(None, "127.0.0.1", "")))
    assert read(api, topic)["views"] == 2
    assert settings.VIEW_WINDOW_SECONDS == 1800


def test_a_detail_request_writes_nothing_to_the_database(alice, make_user, login_as):
    topic = make_topic(alice)
    readers = [login_as(make_user()) for _ in range(20)]
    with CaptureQueriesContext(connection) as queries:
        for client in readers:
            read(client, topic)
    assert writes(queries.captured_queries) == []
    assert Topic.objects.get(pk=topic.pk).views == 0


def test_flushing_moves_pending_views_into_the_database(alice, api):
    topic = make_topic(alice)
    for number in range(5):
        read(api, topic, REMOTE_ADDR=f"10.0.0.{number}")
    with CaptureQueriesContext(connection) as queries:
        assert hits.flush_views() == 1
    assert len(writes(queries.captured_queries)) == 1
    assert Topic.objects.get(pk=topic.pk).views == 5
    assert read(api, topic, REMOTE_ADDR="10.0.0.0")["views"] == 5  # seen: not counted again
    assert hits.flush_views() == 0


def test_views_counted_after_a_flush_are_flushed_next_time(alice, api):
    topic = make_topic(alice)
    read(api, topic, REMOTE_ADDR="10.0.0.1")
    hits.flush_views()
    read(api, topic, REMOTE_ADDR="10.0.0.2")
    assert read(api, topic, REMOTE_ADDR="10.0.0.1")["views"] == 2
    hits.flush_views()
    assert Topic.objects.get(pk=topic.pk).views == 2


@pytest.fixture
def eager_celery():
    """Tasks in-process, also in the stack pass (its worker reads another database)."""
    from longtoblog.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_a_flush_is_queued_after_every_batch_of_views(alice, api, settings, eager_celery):
    settings.VIEWS_FLUSH_EVERY = 3
    topic = make_topic(alice)
    for number in range(3):
        read(api, topic, REMOTE_ADDR=f"10.0.0.{number}")
    assert Topic.objects.get(pk=topic.pk).views == 3  # Celery runs the task in-process here


def test_the_beat_schedule_flushes_views():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["flush-article-views"]
    assert entry["task"] == "topic.tasks.flush_views_task" and entry["schedule"] <= 300


def test_one_flush_writes_many_articles_in_one_statement(alice, api):
    topics = [make_topic(alice, f"t{number}") for number in range(3)]
    for number, topic in enumerate(topics):
        for viewer in range(number + 1):
            read(api, topic, REMOTE_ADDR=f"10.0.{number}.{viewer}")
    with CaptureQueriesContext(connection) as queries:
        assert hits.flush_views() == 3
    assert len(writes(queries.captured_queries)) == 1
    assert [Topic.objects.get(pk=t.pk).views for t in topics] == [1, 2, 3]
