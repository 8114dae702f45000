"""Tags (docs/api.md §10): 0–5 per article, case-insensitive, shown as first written; in lists,
detail, GET /v1/tags and the ?tag= filter."""
import pytest

from tests.topic.factories import make_topic
from topic.models import Tag, Topic

pytestmark = pytest.mark.django_db


def article(**fields):
    return {"title": "标题", "content": "<p>正文</p>", "content_text": "正文",
            "limit": "public", "category": "tec", **fields}


def publish(client, author="alice", **fields):
    response = client.post(f"/v1/topics/{author}", article(**fields))
    assert response.status_code == 201, response.content
    return response.json()["data"]


def detail_tags(client, topic_id, author="alice"):
    return client.get(f"/v1/topics/{author}", {"t_id": topic_id}).json()["data"]["tags"]


def list_titles(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["data"]["topics"]]


def test_article_keeps_its_tags_in_the_order_written(as_alice):
    data = publish(as_alice, tags=["Django", "缓存", "Redis"])
    assert data["tags"] == ["Django", "缓存", "Redis"]
    assert detail_tags(as_alice, data["id"]) == ["Django", "缓存", "Redis"]


def test_article_without_tags_has_an_empty_list(as_alice):
    assert publish(as_alice)["tags"] == []


def test_tags_are_trimmed(as_alice):
    assert publish(as_alice, tags=["  Django  "])["tags"] == ["Django"]


def test_tags_differing_only_in_case_are_one_tag(as_alice):
    assert publish(as_alice, tags=["Django", "django", "DJANGO"])["tags"] == ["Django"]
    assert Tag.objects.count() == 1


def test_a_tag_is_shown_as_first_written(as_alice, bob, login_as):
    publish(as_alice, tags=["Django"])
    data = publish(login_as(bob), author="bob", tags=["DJANGO"])
    assert data["tags"] == ["Django"]


@pytest.mark.parametrize("tags", [
    ["1", "2", "3", "4", "5", "6"],  # more than 5
    [""], ["   "],                   # empty after trimming
    ["x" * 21],                      # over 20 characters
    ["a,b"], ["中，文"],              # commas
    "Django",                        # not a list
    [1], [None], [["nested"]],       # not strings
    ["ß" * 11],                      # folds to more than 20 characters
])
def test_bad_tags_are_400_naming_the_field(as_alice, tags):
    response = as_alice.post("/v1/topics/alice", article(tags=tags))
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301 and "tags" in body["fields"]


def test_five_tags_of_twenty_characters_are_accepted(as_alice):
    tags = [str(n) * 20 for n in range(5)]
    assert publish(as_alice, tags=tags)["tags"] == tags


def test_editing_replaces_the_tags(as_alice):
    topic_id = publish(as_alice, tags=["Django", "缓存"])["id"]
    response = as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"tags": ["缓存", "Celery"]})
    assert response.status_code == 200 and response.json()["data"]["tags"] == ["缓存", "Celery"]


def test_editing_without_tags_keeps_them(as_alice):
    topic_id = publish(as_alice, tags=["Django"])["id"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"title": "新标题"})
    assert detail_tags(as_alice, topic_id) == ["Django"]


def test_editing_with_an_empty_list_removes_the_tags(as_alice):
    topic_id = publish(as_alice, tags=["Django"])["id"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"tags": []})
    assert detail_tags(as_alice, topic_id) == []


def test_list_items_carry_their_tags(api, as_alice):
    publish(as_alice, title="一", tags=["Django"])
    publish(as_alice, title="二")
    for path in ("/v1/topics", "/v1/topics/alice"):
        items = api.get(path).json()["data"]["topics"]
        assert [(item["title"], item["tags"]) for item in items] == [("二", []), ("一", ["Django"])]


def test_list_reads_tags_in_one_query_for_the_page(api, as_alice, django_assert_max_num_queries):
    for number in range(10):
        publish(as_alice, title=f"t{number}", tags=[f"tag{number}", "共同"])
    with django_assert_max_num_queries(4):  # user, count, rows, tags: not one per article
        response = api.get("/v1/topics/alice")
    assert all(len(item["tags"]) == 2 for item in response.json()["data"]["topics"])


def test_tag_filter_on_the_latest_list_is_case_insensitive(api, as_alice):
    publish(as_alice, title="有", tags=["Django"])
    publish(as_alice, title="无", tags=["Flask"])
    assert list_titles(api, "/v1/topics", tag="django") == ["有"]
    assert api.get("/v1/topics", {"tag": "DJANGO"}).json()["data"]["total"] == 1


def test_tag_filter_on_an_authors_list(api, as_alice, bob, login_as):
    publish(as_alice, title="alice 的", tags=["缓存"])
    publish(login_as(bob), author="bob", title="bob 的", tags=["缓存"])
    publish(as_alice, title="没有标签")
    assert list_titles(api, "/v1/topics/alice", tag="缓存") == ["alice 的"]


def test_tag_filter_follows_visibility(api, as_alice):
    publish(as_alice, title="公开", tags=["缓存"])
    publish(as_alice, title="私密", tags=["缓存"], limit="private")
    assert list_titles(api, "/v1/topics/alice", tag="缓存") == ["公开"]
    assert list_titles(as_alice, "/v1/topics/alice", tag="缓存") == ["私密", "公开"]


def test_an_unknown_tag_filters_to_an_empty_list(api, as_alice):
    publish(as_alice, tags=["Django"])
    data = api.get("/v1/topics", {"tag": "没有这个"}).json()["data"]
    assert data["topics"] == [] and data["total"] == 0


def test_a_filtered_list_and_the_whole_list_are_cached_apart(api, as_alice):
    publish(as_alice, title="有", tags=["Django"])
    publish(as_alice, title="无")
    assert list_titles(api, "/v1/topics", tag="Django") == ["有"]
    assert list_titles(api, "/v1/topics") == ["无", "有"]
    assert api.get("/v1/topics", {"tag": "Django"}).json()["data"]["total"] == 1


def test_a_tag_filtered_list_follows_an_edit_at_once(api, as_alice):
    topic_id = publish(as_alice, title="有", tags=["Django"])["id"]
    assert list_titles(api, "/v1/topics", tag="Django") == ["有"]
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"tags": []})
    assert list_titles(api, "/v1/topics", tag="Django") == []


@pytest.mark.parametrize("tag", ["x" * 21, "a,b"])
def test_a_bad_tag_filter_is_400(api, tag):
    response = api.get("/v1/topics", {"tag": tag})
    assert response.status_code == 400 and response.json()["code"] == 10301


def test_tags_endpoint_counts_public_articles_most_used_first(api, as_alice):
    publish(as_alice, tags=["缓存", "Django"])
    publish(as_alice, tags=["django"])
    publish(as_alice, tags=["Redis"])
    response = api.get("/v1/tags")
    assert response.status_code == 200
    tags = response.json()["data"]["tags"]
    assert tags[0] == {"name": "Django", "count": 2}
    assert sorted(tag["name"] for tag in tags[1:]) == ["Redis", "缓存"]


def test_tags_endpoint_leaves_out_private_and_draft_articles(api, alice):
    make_topic(alice, "私密", limit=Topic.PRIVATE).tags.create(name="私密标签", key="私密标签")
    draft = make_topic(alice, "草稿")
    Topic.objects.filter(pk=draft.pk).update(status=Topic.DRAFT)
    draft.tags.create(name="草稿标签", key="草稿标签")
    assert api.get("/v1/tags").json()["data"]["tags"] == []


def test_tags_endpoint_lists_at_most_100(api, alice):
    topic = make_topic(alice)
    for number in range(105):
        topic.tags.create(name=f"t{number}", key=f"t{number}", through_defaults={"position": number})
    assert len(api.get("/v1/tags").json()["data"]["tags"]) == 100


def test_tags_endpoint_follows_a_delete(api, as_alice):
    topic_id = publish(as_alice, tags=["Django"])["id"]
    assert api.get("/v1/tags").json()["data"]["tags"] == [{"name": "Django", "count": 1}]
    as_alice.delete(f"/v1/topics/alice?t_id={topic_id}")
    assert api.get("/v1/tags").json()["data"]["tags"] == []
