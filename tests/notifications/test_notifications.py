"""Notifications (docs/api.md §12): made from the other apps' events, never for your own actions."""
from notifications.models import Notification
from tests.topic.factories import make_topic
from tools.events import order_paid


def inbox(client, **params):
    response = client.get("/v1/notifications", params)
    assert response.status_code == 200, response.content
    return response.json()["data"]


def comment(client, topic, content, parent_id=None):
    body = {"content": content} if parent_id is None else {"content": content, "parent_id": parent_id}
    response = client.post(f"/v1/messages/{topic.id}", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


def test_a_comment_on_your_article_notifies_you(make_user, login_as):
    alice, bob = make_user("alice"), make_user("bob", nickname="鲍勃")
    topic = make_topic(alice, "番茄炒蛋")
    message_id = comment(login_as(bob), topic, "看起来很好吃")
    data = inbox(login_as(alice))
    assert data["unread"] == 1 and data["total"] == 1
    item = data["notifications"][0]
    assert item["kind"] == "comment" and item["read"] is False
    assert item["actor"] == {"username": "bob", "nickname": "鲍勃", "avatar_url": ""}
    assert (item["topic_id"], item["topic_title"], item["topic_author"]) == (topic.id, "番茄炒蛋", "alice")
    assert item["message_id"] == message_id and item["excerpt"] == "看起来很好吃"


def test_a_reply_to_your_comment_notifies_you_and_the_author(make_user, login_as):
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    topic = make_topic(alice)
    parent = comment(login_as(bob), topic, "question")
    comment(login_as(carol), topic, "answer", parent_id=parent)
    assert [n["kind"] for n in inbox(login_as(bob))["notifications"]] == ["reply"]
    assert [n["kind"] for n in inbox(login_as(alice))["notifications"]] == ["comment", "comment"]


def test_the_author_replying_to_a_comment_notifies_the_commenter_only(alice, bob, login_as):
    topic = make_topic(alice)
    parent = comment(login_as(bob), topic, "question")
    comment(login_as(alice), topic, "answer", parent_id=parent)
    assert [n["kind"] for n in inbox(login_as(bob))["notifications"]] == ["reply"]
    assert [n["kind"] for n in inbox(login_as(alice))["notifications"]] == ["comment"]


def test_a_reply_to_the_authors_own_comment_is_one_reply_notification(alice, bob, login_as):
    topic = make_topic(alice)
    parent = comment(login_as(alice), topic, "note")
    comment(login_as(bob), topic, "thanks", parent_id=parent)
    assert [n["kind"] for n in inbox(login_as(alice))["notifications"]] == ["reply"]


def test_your_own_comments_and_replies_notify_nobody(alice, login_as):
    topic = make_topic(alice)
    parent = comment(login_as(alice), topic, "note")
    comment(login_as(alice), topic, "more", parent_id=parent)
    assert Notification.objects.count() == 0


def test_a_like_notifies_the_author_once(alice, bob, login_as):
    topic = make_topic(alice)
    client = login_as(bob)
    client.put(f"/v1/topics/{topic.id}/like")
    client.delete(f"/v1/topics/{topic.id}/like")
    client.put(f"/v1/topics/{topic.id}/like")
    items = inbox(login_as(alice))["notifications"]
    assert [(n["kind"], n["actor"]["username"], n["topic_id"]) for n in items] == [("like", "bob", topic.id)]


def test_liking_your_own_article_notifies_nobody(alice, as_alice):
    as_alice.put(f"/v1/topics/{make_topic(alice).id}/like")
    assert Notification.objects.count() == 0


def test_a_follow_notifies_the_followed_user_once(alice, bob, login_as):
    client = login_as(bob)
    client.put("/v1/users/alice/follow")
    client.delete("/v1/users/alice/follow")
    client.put("/v1/users/alice/follow")
    items = inbox(login_as(alice))["notifications"]
    assert [(n["kind"], n["actor"]["username"]) for n in items] == [("follow", "bob")]
    assert "topic_id" not in items[0]


def test_a_purchase_notifies_the_seller(alice, bob, login_as):
    topic = make_topic(alice, "paid", price="9.90")
    order_paid.send(sender=None, order_no="x", buyer_id=bob.pk, seller_id=alice.pk, topic_id=topic.pk)
    items = inbox(login_as(alice))["notifications"]
    assert [(n["kind"], n["actor"]["username"], n["topic_title"]) for n in items] == [("purchase", "bob", "paid")]


def test_a_deleted_comment_takes_its_notification_with_it(alice, bob, login_as):
    topic = make_topic(alice)
    message_id = comment(login_as(bob), topic, "oops")
    assert inbox(login_as(alice))["unread"] == 1
    assert login_as(bob).delete(f"/v1/messages/{topic.id}?m_id={message_id}").status_code == 204
    data = inbox(login_as(alice))
    assert (data["notifications"], data["unread"], data["total"]) == ([], 0, 0)


def test_unread_1_lists_only_unread_notifications(alice, bob, login_as):
    topic = make_topic(alice)
    comment(login_as(bob), topic, "one")
    comment(login_as(bob), topic, "two")
    as_alice = login_as(alice)
    newest = inbox(as_alice)["notifications"][0]
    as_alice.post("/v1/notifications/read", {"ids": [newest["id"]]})
    data = inbox(as_alice, unread=1)
    assert [n["excerpt"] for n in data["notifications"]] == ["one"] and data["unread"] == 1


def test_mark_read_by_ids_ignores_other_peoples_notifications(alice, bob, make_user, login_as):
    carol = make_user("carol")
    comment(login_as(carol), make_topic(alice), "for alice")
    comment(login_as(carol), make_topic(bob), "for bob")
    bobs = Notification.objects.get(recipient=bob)
    response = login_as(alice).post("/v1/notifications/read", {"ids": [bobs.id]})
    assert response.status_code == 200 and response.json()["data"] == {"marked": 0, "unread": 1}
    assert Notification.objects.get(pk=bobs.pk).read is False


def test_mark_all_read_clears_the_unread_count(alice, bob, login_as):
    topic = make_topic(alice)
    for text in ("a", "b", "c"):
        comment(login_as(bob), topic, text)
    as_alice = login_as(alice)
    assert inbox(as_alice)["unread"] == 3
    response = as_alice.post("/v1/notifications/read", {"all": True})
    assert response.json()["data"] == {"marked": 3, "unread": 0}
    assert inbox(as_alice)["unread"] == 0 and all(n["read"] for n in inbox(as_alice)["notifications"])


def test_mark_read_needs_ids_or_all(as_alice):
    for body in ({}, {"ids": []}, {"ids": ["1"]}, {"ids": [0]}, {"all": "true"}, {"all": False},
                 {"ids": list(range(1, 102))}):
        response = as_alice.post("/v1/notifications/read", body)
        assert response.status_code == 400 and response.json()["code"] == 10701, body


def test_bad_query_is_400(as_alice):
    for params in ({"unread": "yes"}, {"page": 0}, {"per_page": 101}):
        response = as_alice.get("/v1/notifications", params)
        assert response.status_code == 400 and response.json()["code"] == 10701


def test_notifications_need_a_login(api):
    assert api.get("/v1/notifications").status_code == 401
    assert api.post("/v1/notifications/read", {"all": True}).status_code == 401


def test_notifications_are_paginated_newest_first(alice, bob, login_as):
    topic = make_topic(alice)
    for number in range(3):
        comment(login_as(bob), topic, f"c{number}")
    data = inbox(login_as(alice), page=2, per_page=2)
    assert [n["excerpt"] for n in data["notifications"]] == ["c0"]
    assert (data["page"], data["per_page"], data["total"]) == (2, 2, 3)
