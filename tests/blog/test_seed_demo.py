from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from blog.management.commands.seed_demo import (
    AUTHORS, DEMO_PASSWORD, THREAD_TITLE, seed_reader_activity,
)
from message.models import Message
from payment.models import Order
from topic.models import Topic, TopicTag
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


# ---------------------------------------------------------------- the story

@pytest.mark.django_db
def test_the_demo_people_have_nicknames_and_signatures():
    seed()
    people = UserProfile.objects.filter(username__in=[a[0] for a in AUTHORS])
    assert people.count() == len(AUTHORS) >= 4
    assert all(p.nickname and p.nickname != p.username and p.sign and p.info for p in people)
    assert len({p.nickname for p in people}) == len(AUTHORS)
    writers = {t.author_id for t in Topic.objects.filter(limit=Topic.PUBLIC)}
    assert len(writers) >= 4  # not one author's blog: several people write


@pytest.mark.django_db
def test_articles_are_spread_over_weeks_newest_first_on_the_index(api):
    seed()
    times = sorted(Topic.objects.values_list("created_time", flat=True))
    assert (times[-1] - times[0]).days >= 21
    assert len(set(times)) == len(times)
    listed = [t["created_time"] for t in api.get("/v1/topics").json()["data"]["topics"]]
    assert listed == sorted(listed, reverse=True) and len(set(listed)) == len(listed)


@pytest.mark.django_db
def test_every_article_has_its_own_comments_from_several_readers_at_different_times():
    seed()
    seen = set()
    for topic in Topic.objects.filter(limit=Topic.PUBLIC, status=Topic.PUBLISHED):
        comments = list(topic.messages.all())
        texts = {m.content for m in comments}
        assert comments and not texts & seen, topic.title  # no comment repeated elsewhere
        seen |= texts
        assert all(m.created_time > topic.created_time for m in comments)
        assert len({m.created_time for m in comments}) == len(comments)
        assert topic.author_id not in {m.publisher_id for m in comments if m.parent_id is None}
    publishers = set(Message.objects.values_list("publisher", flat=True))
    assert len(publishers) >= 4
    assert not any("完整的示例代码" in text for text in seen)


@pytest.mark.django_db
def test_replies_come_after_their_comment_and_some_are_by_the_author():
    seed()
    replies = Message.objects.filter(parent__isnull=False).select_related("parent", "topic")
    assert replies.exists()
    assert all(r.created_time > r.parent.created_time for r in replies)
    assert any(r.publisher_id == r.topic.author_id for r in replies)


@pytest.mark.django_db
def test_articles_carry_tags():
    seed()
    public = Topic.objects.filter(limit=Topic.PUBLIC, status=Topic.PUBLISHED)
    assert all(TopicTag.objects.filter(topic=t).exists() for t in public)
    assert TopicTag.objects.values("tag").distinct().count() >= 8
    shared = TopicTag.objects.filter(tag__key="django").count()
    assert shared >= 2  # tags connect articles


@pytest.mark.django_db
def test_one_draft_that_only_its_author_sees(api, login_as):
    seed()
    draft = Topic.objects.get(status=Topic.DRAFT)
    assert draft.author.username == "demo_li"
    ids = [t["id"] for t in api.get("/v1/topics/demo_li").json()["data"]["topics"]]
    assert draft.id not in ids
    owner_ids = [t["id"] for t in login_as(draft.author).get("/v1/topics/demo_li").json()["data"]["topics"]]
    assert draft.id in owner_ids


@pytest.mark.django_db
def test_one_paid_article_with_a_free_preview_and_a_buyer(api):
    seed()
    paid = Topic.objects.get(price__gt=0)
    free_part, paid_part = paid.content.split('<hr class="paywall">')
    assert paid.preview and paid.preview == free_part
    assert paid.introduce.rstrip("…") in paid.preview and "UPDATE" not in paid.preview
    assert "UPDATE" in paid_part
    detail = api.get(f"/v1/topics/{paid.author.username}", {"t_id": paid.id}).json()["data"]
    assert detail["paid"] is False and not detail.get("content")
    assert Order.objects.filter(paid_topic=paid, status=Order.PAID).count() == 1


@pytest.mark.django_db
def test_one_article_is_written_in_markdown_with_code_a_table_and_a_task_list():
    seed()
    article = Topic.objects.get(format=Topic.MARKDOWN, status=Topic.PUBLISHED)
    assert "```python" in article.markdown
    assert 'class="language-python"' in article.content
    assert "<table>" in article.content and 'type="checkbox"' in article.content
    assert article.messages.exists()


@pytest.mark.django_db
def test_the_reader_activity_hook_does_nothing_without_the_social_app():
    from django.apps import apps

    if apps.is_installed("social"):
        pytest.skip("the social app is installed: the hook seeds likes and follows")
    seed()
    assert seed_reader_activity({}, []) is None
