from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from message.models import Message
from blog.management.commands.seed_demo import DEMO_PASSWORD, THREAD_TITLE
from topic.models import Topic
from user.models import UserProfile


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_creates_authors_who_can_log_in_with_the_printed_password(api):
    output = seed()
    assert DEMO_PASSWORD in output
    response = api.post("/v1/tokens", {"username": "demo_li", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert UserProfile.objects.get(username="demo_li").nickname == "李老师"


@pytest.mark.django_db
def test_seed_demo_makes_every_kind_of_article_and_threaded_comments():
    seed()
    topics = Topic.objects.all()
    assert {t.category for t in topics} == {Topic.TEC, Topic.NO_TEC}
    assert {t.limit for t in topics} == {Topic.PUBLIC, Topic.PRIVATE}
    assert any(t.price > 0 for t in topics) and all(t.introduce for t in topics)
    assert Message.objects.filter(parent=None).exists()
    assert Message.objects.filter(parent__isnull=False).exists()
    assert not Message.objects.filter(topic__limit=Topic.PRIVATE).exists()


@pytest.mark.django_db
def test_seed_demo_runs_twice_without_duplicating_the_demo():
    seed()
    counts = Topic.objects.count(), Message.objects.count(), UserProfile.objects.count()
    seed()
    assert (Topic.objects.count(), Message.objects.count(), UserProfile.objects.count()) == counts


@pytest.mark.django_db
def test_seed_demo_adds_articles_in_bulk_to_the_chosen_author(api):
    seed()
    before = Topic.objects.filter(author__username="demo_wang").count()
    seed("--articles", "250", "--author", "demo_wang")
    assert Topic.objects.filter(author__username="demo_wang").count() == before + 250
    visible = Topic.objects.filter(author__username="demo_wang", limit=Topic.PUBLIC).count()
    assert api.get("/v1/topics/demo_wang").json()["data"]["total"] == visible


@pytest.mark.django_db
def test_seed_demo_adds_comments_with_replies_to_one_article(api):
    seed("--comments", "300")
    topic = Topic.objects.get(author__username="demo_li", title=THREAD_TITLE)
    assert topic.messages.count() == 300
    data = api.get("/v1/topics/demo_li", {"t_id": topic.id}).json()["data"]
    assert data["messages_count"] == 200
    assert sum(len(m["reply"]) for m in data["messages"]) == 100
    seed("--comments", "30")
    assert Topic.objects.filter(title=THREAD_TITLE).count() == 1
    assert topic.messages.count() == 330


@pytest.mark.django_db(transaction=True)
def test_bulk_articles_show_in_a_cached_list_at_once(api):
    seed()
    total = api.get("/v1/topics/demo_li").json()["data"]["total"]
    seed("--articles", "10")
    assert api.get("/v1/topics/demo_li").json()["data"]["total"] == total + 9  # 1 in 10 private


@pytest.mark.django_db
def test_seed_demo_refuses_an_unknown_author():
    with pytest.raises(CommandError, match="nobody"):
        seed("--articles", "5", "--author", "nobody")
