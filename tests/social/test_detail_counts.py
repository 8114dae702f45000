"""The detail's identity and counts (docs/api.md §12)."""
from message.models import Message
from tests.topic.factories import make_topic


def detail(client, topic):
    return client.get(f"/v1/topics/{topic.author.username}", {"t_id": topic.id}).json()["data"]


def test_comments_total_counts_replies_and_messages_count_does_not(alice, bob, api):
    topic = make_topic(alice)
    first = Message.objects.create(topic=topic, publisher=bob, content="one")
    Message.objects.create(topic=topic, publisher=alice, content="two")
    for text in ("r1", "r2", "r3"):
        Message.objects.create(topic=topic, publisher=alice, content=text, parent=first)
    data = detail(api, topic)
    assert (data["messages_count"], data["comments_total"]) == (2, 5)


def test_detail_names_the_author_and_every_commenter_the_same_way(make_user, api):
    alice, bob = make_user("alice", nickname="爱丽丝"), make_user("bob", nickname="鲍勃")
    topic = make_topic(alice)
    comment = Message.objects.create(topic=topic, publisher=bob, content="hi")
    Message.objects.create(topic=topic, publisher=alice, content="thanks", parent=comment)
    data = detail(api, topic)
    assert (data["username"], data["nickname"], data["avatar_url"]) == ("alice", "爱丽丝", "")
    top = data["messages"][0]
    assert (top["username"], top["nickname"], top["avatar_url"]) == ("bob", "鲍勃", "")
    assert top["publisher"] == "bob" and top["publisher_avatar"] == ""
    reply = top["reply"][0]
    assert (reply["username"], reply["nickname"]) == ("alice", "爱丽丝")


def test_list_items_name_the_author_with_nickname_and_avatar(make_user, api):
    make_topic(make_user("alice", nickname="爱丽丝"))
    item = api.get("/v1/topics").json()["data"]["topics"][0]
    assert (item["author"], item["nickname"], item["avatar_url"]) == ("alice", "爱丽丝", "")


def test_a_nickname_change_shows_in_cached_lists(alice, api, as_alice):
    make_topic(alice)
    api.get("/v1/topics")
    as_alice.put("/v1/users/alice", {"nickname": "新名字"})
    assert api.get("/v1/topics/alice").json()["data"]["topics"][0]["nickname"] == "新名字"


def etag_of(client, topic):
    response = client.get(f"/v1/topics/{topic.author.username}", {"t_id": topic.id})
    assert response.status_code == 200
    return response["ETag"]


def test_a_like_or_favourite_changes_the_detail_etag(alice, bob, login_as):
    topic = make_topic(alice)
    client = login_as(bob)
    before = etag_of(client, topic)
    assert client.get(f"/v1/topics/alice?t_id={topic.id}", HTTP_IF_NONE_MATCH=before).status_code == 304
    client.put(f"/v1/topics/{topic.id}/like")
    liked = etag_of(client, topic)
    assert liked != before
    client.put(f"/v1/users/bob/favorites/{topic.id}")
    response = client.get(f"/v1/topics/alice?t_id={topic.id}", HTTP_IF_NONE_MATCH=liked)
    assert response.status_code == 200 and response.json()["data"]["favorited"] is True


def test_two_readers_never_share_a_detail_etag(alice, bob, make_user, login_as):
    topic = make_topic(alice)
    assert etag_of(login_as(bob), topic) != etag_of(login_as(make_user("carol")), topic)
