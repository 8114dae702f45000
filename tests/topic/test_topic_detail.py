import pytest

from message.models import Message
from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db


def detail(client, topic, author="alice"):
    response = client.get(f"/v1/topics/{author}", {"t_id": topic.id})
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_visitor_reads_a_public_article(api, make_user):
    alice = make_user("alice", nickname="爱丽丝")
    topic = make_topic(alice, "hello", content="<p>body</p>")
    data = detail(api, topic)
    assert {"nickname", "title", "category", "limit", "price", "paid", "content", "introduce",
            "author", "created_time", "last_id", "last_title", "next_id", "next_title",
            "messages", "messages_count"} <= set(data)
    assert data["nickname"] == "爱丽丝" and data["title"] == "hello" and data["author"] == "alice"
    assert data["content"] == "<p>body</p>" and data["paid"] is True and data["price"] == "0.00"
    assert data["messages"] == [] and data["messages_count"] == 0


def test_private_article_is_404_to_visitors(api, make_user):
    topic = make_topic(make_user("alice"), limit=Topic.PRIVATE)
    response = api.get("/v1/topics/alice", {"t_id": topic.id})
    assert response.status_code == 404 and response.json()["code"] == 10302


def test_private_article_is_404_to_other_users(make_user, login_as):
    topic = make_topic(make_user("alice"), limit=Topic.PRIVATE)
    response = login_as(make_user("bob")).get("/v1/topics/alice", {"t_id": topic.id})
    assert response.status_code == 404


def test_owner_reads_own_private_article(make_user, login_as):
    alice = make_user("alice")
    topic = make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert detail(login_as(alice), topic)["title"] == "secret"


def test_article_under_another_authors_name_is_404(api, make_user):
    make_user("alice")
    topic = make_topic(make_user("bob"))
    assert api.get("/v1/topics/alice", {"t_id": topic.id}).status_code == 404


def test_unknown_article_is_404(api, make_user):
    make_user("alice")
    assert api.get("/v1/topics/alice", {"t_id": 2**63 - 1}).status_code == 404


def test_article_of_unknown_author_is_404(api, db):
    assert api.get("/v1/topics/nobody", {"t_id": 1}).status_code == 404


@pytest.mark.parametrize("t_id", ["abc", "0", "-1", "1.5", "", "99999999999999999999", "1e3"])
def test_bad_t_id_is_400_naming_it(api, make_user, t_id):
    make_user("alice")
    response = api.get("/v1/topics/alice", {"t_id": t_id})
    assert response.status_code == 400 and "t_id" in response.json()["fields"]


def test_links_to_older_and_newer_articles(api, make_user):
    alice = make_user("alice")
    first, middle, last = (make_topic(alice, title) for title in ("first", "middle", "last"))
    data = detail(api, middle)
    assert (data["last_id"], data["last_title"]) == (first.id, "first")
    assert (data["next_id"], data["next_title"]) == (last.id, "last")


def test_oldest_and_newest_articles_have_null_links(api, make_user):
    alice = make_user("alice")
    first, last = make_topic(alice, "first"), make_topic(alice, "last")
    assert detail(api, first)["last_id"] is None and detail(api, first)["last_title"] is None
    assert detail(api, last)["next_id"] is None and detail(api, last)["next_title"] is None


def test_prev_next_skip_private_articles_for_visitors(api, make_user):
    alice = make_user("alice")
    first = make_topic(alice, "first")
    make_topic(alice, "hidden before", limit=Topic.PRIVATE)
    middle = make_topic(alice, "middle")
    make_topic(alice, "hidden after", limit=Topic.PRIVATE)
    last = make_topic(alice, "last")
    data = detail(api, middle)
    assert (data["last_id"], data["next_id"]) == (first.id, last.id)


def test_prev_next_skip_private_articles_for_other_users(make_user, login_as):
    alice = make_user("alice")
    make_topic(alice, "hidden before", limit=Topic.PRIVATE)
    middle = make_topic(alice, "middle")
    make_topic(alice, "hidden after", limit=Topic.PRIVATE)
    data = detail(login_as(make_user("bob")), middle)
    assert data["last_id"] is None and data["next_id"] is None


def test_prev_next_include_private_articles_for_the_owner(make_user, login_as):
    alice = make_user("alice")
    before = make_topic(alice, "hidden before", limit=Topic.PRIVATE)
    middle = make_topic(alice, "middle")
    after = make_topic(alice, "hidden after", limit=Topic.PRIVATE)
    data = detail(login_as(alice), middle)
    assert (data["last_id"], data["next_id"]) == (before.id, after.id)


def test_prev_next_stay_within_the_author(api, make_user):
    alice, bob = make_user("alice"), make_user("bob")
    make_topic(bob, "bob older")
    topic = make_topic(alice, "alice only")
    make_topic(bob, "bob newer")
    data = detail(api, topic)
    assert data["last_id"] is None and data["next_id"] is None


def test_prev_next_order_articles_with_the_same_time_by_id(api, make_user):
    alice = make_user("alice")
    first, second, third = (make_topic(alice, title) for title in ("a", "b", "c"))
    Topic.objects.update(created_time=first.created_time)
    data = detail(api, second)
    assert (data["last_id"], data["next_id"]) == (first.id, third.id)


def test_detail_lists_comments_oldest_first_with_their_replies(api, make_user):
    alice, bob = make_user("alice"), make_user("bob", nickname="鲍勃")
    topic = make_topic(alice)
    first = Message.objects.create(topic=topic, publisher=bob, content="first!")
    second = Message.objects.create(topic=topic, publisher=alice, content="second")
    reply = Message.objects.create(topic=topic, publisher=alice, content="thanks", parent=first)
    data = detail(api, topic)
    assert data["messages_count"] == 2
    assert [m["id"] for m in data["messages"]] == [first.id, second.id]
    top = data["messages"][0]
    assert top["content"] == "first!" and top["publisher"] == "bob"
    assert top["publisher_avatar"] == "" and len(top["created_time"]) == 19
    assert top["reply"] == [{
        "msg_id": reply.id, "parent_id": first.id, "content": "thanks", "publisher": "alice",
        "publisher_nickname": "alice", "publisher_avatar": "",
        "username": "alice", "nickname": "alice", "avatar_url": "",
        "created_time": top["reply"][0]["created_time"],
    }]
    assert data["messages"][1]["reply"] == []


def test_detail_shows_only_this_articles_comments(api, make_user):
    alice = make_user("alice")
    topic, other = make_topic(alice), make_topic(alice)
    Message.objects.create(topic=other, publisher=alice, content="elsewhere")
    assert detail(api, topic)["messages"] == []


def add_thread(topic, users, count):
    """`count` comments, every other one a reply to the comment before it."""
    parent = None
    for number in range(count):
        is_reply = number % 2 == 1
        message = Message.objects.create(topic=topic, publisher=users[number % len(users)],
                                         content=f"comment {number}",
                                         parent=parent if is_reply else None)
        if not is_reply:
            parent = message


# A first (uncached) detail: the article with its author, its tags, older, newer,
# messages (with their publishers), the like count (cached afterwards): one query each.
DETAIL_QUERIES = 6


@pytest.mark.parametrize("comments", [1, 200])
def test_detail_takes_a_constant_number_of_queries(api, make_user, django_assert_num_queries,
                                                  comments, settings):
    # The detail's own queries: publishing due articles on a read (at most every few
    # seconds per process, so it depends on the tests before) is not part of them.
    settings.PUBLISH_DUE_ON_READ = False
    users = [make_user() for _ in range(5)]
    alice = make_user("alice")
    topic = make_topic(alice)
    add_thread(topic, users, comments)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = api.get("/v1/topics/alice", {"t_id": topic.id})
    data = response.json()["data"]
    assert sum(1 + len(m["reply"]) for m in data["messages"]) == comments


def test_paid_article_withholds_content_from_visitors(api, make_user):
    topic = make_topic(make_user("alice"), price="9.90", content="<p>the paid part</p>")
    data = detail(api, topic)
    assert data["paid"] is False and "content" not in data
    assert data["price"] == "9.90" and data["introduce"] == topic.introduce


def test_paid_article_withholds_content_from_users_who_have_not_bought(make_user, login_as):
    topic = make_topic(make_user("alice"), price="1.00")
    data = detail(login_as(make_user("bob")), topic)
    assert data["paid"] is False and "content" not in data


def test_author_reads_own_paid_article(make_user, login_as):
    alice = make_user("alice")
    topic = make_topic(alice, price="1.00", content="<p>the paid part</p>")
    data = detail(login_as(alice), topic)
    assert data["paid"] is True and data["content"] == "<p>the paid part</p>"


def test_a_cached_detail_follows_an_edit_at_once(api, make_user):
    from topic.services import update_topic

    alice = make_user("alice")
    topic = make_topic(alice, "before")
    detail(api, topic)
    update_topic(topic=topic, values={"title": "after"})
    assert detail(api, topic)["title"] == "after"


def test_an_escaped_t_id_still_asks_for_the_detail(api, make_user):
    topic = make_topic(make_user("alice"), "转义的参数")
    response = api.get(f"/v1/topics/alice?t%5Fid={topic.id}")
    assert response.status_code == 200 and response.json()["data"]["title"] == "转义的参数"
