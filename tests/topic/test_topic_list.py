import pytest

from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["data"]["topics"]]


def test_visitor_sees_only_public_articles_newest_first(api, make_user):
    alice = make_user("alice")
    make_topic(alice, "first")
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    make_topic(alice, "second")
    assert titles(api.get("/v1/topics/alice")) == ["second", "first"]


def test_owner_sees_own_private_articles_in_list(make_user, login_as):
    alice = make_user("alice")
    make_topic(alice, "first")
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert titles(login_as(alice).get("/v1/topics/alice")) == ["secret", "first"]


def test_other_user_sees_only_public_articles_in_list(make_user, login_as):
    alice = make_user("alice")
    make_topic(alice, "first")
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    assert titles(login_as(make_user("bob")).get("/v1/topics/alice")) == ["first"]


def test_list_shows_only_this_authors_articles(api, make_user):
    make_topic(make_user("alice"), "by alice")
    make_topic(make_user("bob"), "by bob")
    assert titles(api.get("/v1/topics/alice")) == ["by alice"]


def test_list_has_the_documented_shape(api, make_user):
    alice = make_user("alice", nickname="爱丽丝")
    topic = make_topic(alice, "hello", category=Topic.NO_TEC, price="9.90")
    data = api.get("/v1/topics/alice").json()["data"]
    assert data["nickname"] == "爱丽丝"
    assert (data["page"], data["per_page"], data["total"]) == (1, 20, 1)
    item = data["topics"][0]
    assert set(item) == {"id", "title", "category", "limit", "price", "created_time",
                         "introduce", "author", "nickname", "avatar_url", "summary", "cover",
                         "status", "publish_at", "tags"}
    assert item["id"] == topic.id and item["category"] == "no-tec" and item["limit"] == "public"
    assert item["price"] == "9.90" and item["author"] == "alice" and item["introduce"] == "hello"
    assert item["nickname"] == "爱丽丝" and item["avatar_url"] == ""
    assert len(item["created_time"]) == len("2025-01-01 12:00:00")


def test_list_never_carries_the_article_body(api, make_user):
    make_topic(make_user("alice"), content="<p>full text</p>")
    assert "content" not in api.get("/v1/topics/alice").json()["data"]["topics"][0]


@pytest.mark.parametrize("category,expected", [("tec", ["tec one"]), ("no-tec", ["life one"])])
def test_list_filters_by_category(api, make_user, category, expected):
    alice = make_user("alice")
    make_topic(alice, "tec one", category=Topic.TEC)
    make_topic(alice, "life one", category=Topic.NO_TEC)
    response = api.get("/v1/topics/alice", {"category": category})
    assert titles(response) == expected and response.json()["data"]["total"] == 1


def test_list_paginates_with_total(api, make_user):
    alice = make_user("alice")
    for number in range(5):
        make_topic(alice, f"t{number}")
    data = api.get("/v1/topics/alice", {"page": 2, "per_page": 2}).json()["data"]
    assert [t["title"] for t in data["topics"]] == ["t2", "t1"]
    assert (data["page"], data["per_page"], data["total"]) == (2, 2, 5)


def test_page_past_the_end_is_empty_with_total(api, make_user):
    alice = make_user("alice")
    for number in range(3):
        make_topic(alice, f"t{number}")
    data = api.get("/v1/topics/alice", {"page": 9, "per_page": 2}).json()["data"]
    assert data["topics"] == [] and data["total"] == 3


def test_list_defaults_to_20_per_page(api, make_user):
    alice = make_user("alice")
    Topic.objects.bulk_create(
        Topic(author=alice, title=f"t{n}", category="tec", limit="public", content="", introduce="")
        for n in range(25)
    )
    data = api.get("/v1/topics/alice").json()["data"]
    assert len(data["topics"]) == 20 and data["total"] == 25


def test_author_without_articles_has_an_empty_list(api, make_user):
    make_user("alice")
    data = api.get("/v1/topics/alice").json()["data"]
    assert data["topics"] == [] and data["total"] == 0


@pytest.mark.parametrize("field,value", [
    ("page", "0"), ("page", "-1"), ("page", "abc"), ("page", "1.5"), ("page", "99999999999999"),
    ("per_page", "0"), ("per_page", "101"), ("per_page", "1000"), ("per_page", "x"),
    ("category", "sports"), ("category", "TEC"),
])
def test_bad_list_query_is_400_naming_the_field(api, make_user, field, value):
    make_user("alice")
    response = api.get("/v1/topics/alice", {field: value})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301 and field in body["fields"]


@pytest.mark.parametrize("field,value", [("page", "0"), ("per_page", "1000"), ("category", "x")])
def test_bad_index_query_is_400_naming_the_field(api, field, value):
    response = api.get("/v1/topics", {field: value})
    assert response.status_code == 400 and field in response.json()["fields"]


def test_per_page_100_is_allowed(api, make_user):
    make_user("alice")
    assert api.get("/v1/topics/alice", {"per_page": 100}).json()["data"]["per_page"] == 100


def test_unknown_author_is_404(api, db):
    response = api.get("/v1/topics/nobody")
    assert response.status_code == 404 and response.json()["code"] == 10111


def test_author_name_in_another_case_is_404(api, make_user):
    # On MySQL's case-insensitive collation the lookup alone would find "alice".
    make_topic(make_user("alice"))
    assert api.get("/v1/topics/ALICE").status_code == 404


def test_bad_token_is_401_not_the_visitors_view(api, make_user):
    make_user("alice")
    response = api.get("/v1/topics/alice", HTTP_AUTHORIZATION="not-a-token")
    assert response.status_code == 401 and response.json()["code"] == 10200


def test_bearer_token_gets_the_owners_view(api, make_user, login_as):
    alice = make_user("alice")
    make_topic(alice, "secret", limit=Topic.PRIVATE)
    token = login_as(alice).token
    assert titles(api.get("/v1/topics/alice", HTTP_AUTHORIZATION=f"Bearer {token}")) == ["secret"]


def test_index_lists_public_articles_of_all_authors_newest_first(make_user, login_as):
    alice, bob = make_user("alice"), make_user("bob")
    make_topic(alice, "alice public")
    make_topic(bob, "bob private", limit=Topic.PRIVATE)
    make_topic(bob, "bob public")
    # Even the author of a private article does not see it on the index page.
    response = login_as(bob).get("/v1/topics")
    assert titles(response) == ["bob public", "alice public"]
    assert response.json()["data"]["total"] == 2


def test_index_filters_by_category_and_paginates(api, make_user):
    alice = make_user("alice")
    for number in range(3):
        make_topic(alice, f"tec{number}")
    make_topic(alice, "life", category=Topic.NO_TEC)
    data = api.get("/v1/topics", {"category": "tec", "per_page": 2, "page": 2}).json()["data"]
    assert [t["title"] for t in data["topics"]] == ["tec0"] and data["total"] == 3


def test_index_does_not_accept_writes(make_user, login_as):
    response = login_as(make_user("alice")).post("/v1/topics", {"title": "x"})
    assert response.status_code == 405
