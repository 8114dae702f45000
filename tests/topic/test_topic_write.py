from decimal import Decimal

import pytest

from message.models import Message
from tests.topic.factories import make_topic
from topic.models import Topic

pytestmark = pytest.mark.django_db

ARTICLE = {"title": "Hello", "content": "<p>Hello <b>world</b></p>", "content_text": "Hello world",
           "limit": "public", "category": "tec"}


def publish(client, **changes):
    return client.post("/v1/topics/alice", {**ARTICLE, **changes})


# --- create -------------------------------------------------------------------------------

def test_owner_publishes_an_article(as_alice, alice):
    response = publish(as_alice)
    assert response.status_code == 201
    data = response.json()["data"]
    topic = Topic.objects.get(id=data["id"])
    assert topic.author == alice and topic.title == "Hello" and topic.category == "tec"
    assert data["title"] == "Hello" and data["content"] == "<p>Hello <b>world</b></p>"
    assert data["price"] == "0.00" and data["paid"] is True and data["introduce"] == "Hello world"


def test_published_article_is_in_the_owners_list(as_alice):
    topic_id = publish(as_alice, limit="private").json()["data"]["id"]
    topics = as_alice.get("/v1/topics/alice").json()["data"]["topics"]
    assert [t["id"] for t in topics] == [topic_id]


@pytest.mark.parametrize("price,stored", [
    (0, "0.00"), ("0", "0.00"), (1.5, "1.50"), ("1.50", "1.50"), (19.99, "19.99"),
    ("999999.99", "999999.99"), (None, "0.00"),
])
def test_price_is_a_number_or_decimal_string_in_yuan(as_alice, price, stored):
    response = publish(as_alice, price=price)
    assert response.status_code == 201 and response.json()["data"]["price"] == stored
    assert Topic.objects.get().price == Decimal(stored)


@pytest.mark.parametrize("field,value", [
    ("title", None), ("title", ""), ("title", "   "), ("title", "x" * 51), ("title", "长" * 51),
    ("title", 123), ("title", ["a"]),
    ("content", None), ("content", ""), ("content", {"html": "x"}),
    ("category", "sports"), ("category", ""), ("category", 1),
    ("limit", "friends"), ("limit", ["public"]), ("limit", True),
    ("price", -1), ("price", "-0.01"), ("price", "abc"), ("price", "1.234"), ("price", 1.234),
    ("price", True), ("price", "NaN"), ("price", float("inf")), ("price", "1000000"),
    ("price", [1]),
])
def test_bad_article_is_400_naming_the_field(as_alice, field, value):
    response = publish(as_alice, **{field: value})
    body = response.json()
    assert response.status_code == 400 and body["code"] == 10301 and field in body["fields"]
    assert not Topic.objects.exists()


@pytest.mark.parametrize("field", ["title", "content", "limit", "category"])
def test_missing_field_is_400_naming_it(as_alice, field):
    article = {name: value for name, value in ARTICLE.items() if name != field}
    response = as_alice.post("/v1/topics/alice", article)
    assert response.status_code == 400 and field in response.json()["fields"]


@pytest.mark.parametrize("title", ["x" * 50, "长" * 50, "a"])
def test_title_of_1_to_50_characters_is_accepted(as_alice, title):
    assert publish(as_alice, title=title).status_code == 201


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"title"', "null", "\xff"])
def test_junk_json_is_400(as_alice, body):
    response = as_alice.post("/v1/topics/alice", body)
    assert response.status_code == 400 and response.json()["code"] == 10001


def test_publishing_needs_login(api, alice):
    response = publish(api)
    assert response.status_code == 401 and not Topic.objects.exists()


def test_publishing_on_someone_elses_blog_is_403(alice, make_user, login_as):
    response = publish(login_as(make_user("bob")))
    assert response.status_code == 403 and response.json()["code"] == 10303
    assert not Topic.objects.exists()


def test_publishing_for_an_unknown_author_is_404(make_user, login_as):
    response = login_as(make_user("bob")).post("/v1/topics/nobody", ARTICLE)
    assert response.status_code == 404


def test_introduce_is_the_first_30_characters_of_the_body_then_an_ellipsis(as_alice):
    text = "一二三四五六七八九十" * 5
    data = publish(as_alice, content=f"<p>  {text}  </p>", content_text=text).json()["data"]
    assert data["introduce"] == text[:30] + "…"


def test_a_short_introduce_has_no_ellipsis(as_alice):
    assert publish(as_alice, content="<p>短文</p>").json()["data"]["introduce"] == "短文"


def test_introduce_keeps_paragraphs_apart(as_alice):
    data = publish(as_alice, content="<h2>标题</h2><p>第一段</p><ul><li>一</li><li>二</li></ul>",
                   content_text="标题第一段一二").json()["data"]
    assert data["introduce"] == "标题 第一段 一 二"


def test_introduce_falls_back_to_the_sanitized_text(as_alice):
    data = publish(as_alice, content="<p>Fish &amp; chips<script>evil()</script></p>",
                   content_text="").json()["data"]
    assert data["introduce"] == "Fish & chips"


# --- what is stored: HTML sanitized, titles verbatim -------------------------------------

@pytest.mark.parametrize("payload,forbidden", [
    ("<script>alert(1)</script><p>ok</p>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<img src="https://img.example/a.png" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">click</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">click</a>', "avascript"),
    ('<img src="javascript:alert(1)">', "javascript:"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe"),
    ('<style>body{display:none}</style><p>ok</p>', "<style"),
    ('<p style="position:fixed;top:0">ok</p>', "style="),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ('<p onclick="alert(1)">ok</p>', "onclick"),
    ('<form action="https://evil.example"><input name="pw"></form>', "<form"),
    ('<object data="x"></object><embed src="x">', "<object"),
    ('<!-- <script>alert(1)</script> -->', "<!--"),
])
def test_content_is_sanitized_on_save(as_alice, payload, forbidden):
    data = publish(as_alice, content=payload).json()["data"]
    stored = Topic.objects.get().content
    assert forbidden.lower() not in stored.lower() and stored == data["content"]


def test_sanitized_content_keeps_what_an_editor_produces(as_alice):
    html = ('<h2>Title</h2><p><strong>b</strong> <em>i</em></p><ul><li>x</li></ul>'
            '<pre><code class="language-python">print(1)</code></pre>'
            '<blockquote>q</blockquote><table><tbody><tr><td>c</td></tr></tbody></table>'
            '<img src="https://img.example/a.png" alt="a">')
    assert publish(as_alice, content=html).json()["data"]["content"] == html


def test_links_keep_web_urls_and_get_a_safe_rel(as_alice):
    links = '<a href="https://example.com/x">x</a><a href="mailto:a@example.com">m</a>'
    content = publish(as_alice, content=links).json()["data"]["content"]
    assert 'href="https://example.com/x"' in content and 'href="mailto:a@example.com"' in content
    assert content.count('rel="noopener noreferrer nofollow"') == 2


def test_title_is_stored_and_returned_verbatim(as_alice, api):
    title = '<script>alert("t")</script>'
    topic_id = publish(as_alice, title=title).json()["data"]["id"]
    assert Topic.objects.get().title == title
    assert api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]["title"] == title
    assert api.get("/v1/topics/alice").json()["data"]["topics"][0]["title"] == title


# --- edit ---------------------------------------------------------------------------------

def edit(client, topic, author="alice", **changes):
    return client.put(f"/v1/topics/{author}?t_id={topic.id}", changes)


def test_owner_edits_an_article_partially(as_alice, alice):
    topic = make_topic(alice, "old title", content="<p>old</p>")
    response = edit(as_alice, topic, title="new title", limit="private")
    assert response.status_code == 200 and response.json()["data"]["title"] == "new title"
    topic.refresh_from_db()
    assert (topic.title, topic.limit, topic.content) == ("new title", "private", "<p>old</p>")


def test_patch_edits_like_put(as_alice, alice):
    topic = make_topic(alice)
    response = as_alice.patch(f"/v1/topics/alice?t_id={topic.id}", {"price": "2.50"})
    assert response.status_code == 200 and response.json()["data"]["price"] == "2.50"


def test_edited_content_is_sanitized_and_renews_the_introduce(as_alice, alice):
    topic = make_topic(alice)
    edit(as_alice, topic, content='<p onclick="x()">new body</p><script>x()</script>')
    topic.refresh_from_db()
    assert topic.content == "<p>new body</p>" and topic.introduce == "new body"


@pytest.mark.parametrize("field,value", [
    ("title", ""), ("title", "x" * 51), ("title", None), ("category", "x"), ("limit", "x"),
    ("price", -1), ("price", "1.001"), ("price", "cheap"), ("content", 5),
])
def test_bad_edit_is_400_and_changes_nothing(as_alice, alice, field, value):
    topic = make_topic(alice, "kept", content="<p>kept</p>")
    response = edit(as_alice, topic, **{"title": "changed", "content": "<p>new</p>", field: value})
    assert response.status_code == 400 and field in response.json()["fields"]
    topic.refresh_from_db()
    assert (topic.title, topic.content) == ("kept", "<p>kept</p>")


def test_editing_someone_elses_article_is_403(alice, make_user, login_as):
    topic = make_topic(alice, "kept")
    response = edit(login_as(make_user("bob")), topic, title="hacked")
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.title == "kept"


def test_editing_someone_elses_article_through_own_blog_is_404(alice, make_user, login_as):
    topic = make_topic(alice, "kept")
    assert edit(login_as(make_user("bob")), topic, author="bob", title="hacked").status_code == 404


def test_editing_needs_login(api, alice):
    assert edit(api, make_topic(alice), title="x").status_code == 401


@pytest.mark.parametrize("t_id", ["abc", "0", "", "99999999999999999999"])
def test_editing_with_a_bad_t_id_is_400(as_alice, alice, t_id):
    response = as_alice.put(f"/v1/topics/alice?t_id={t_id}", {"title": "x"})
    assert response.status_code == 400 and "t_id" in response.json()["fields"]


def test_editing_an_unknown_article_is_404(as_alice, alice):
    assert as_alice.put("/v1/topics/alice?t_id=999", {"title": "x"}).status_code == 404


# --- delete -------------------------------------------------------------------------------

def test_owner_deletes_an_article(as_alice, alice):
    topic = make_topic(alice)
    response = as_alice.delete(f"/v1/topics/alice?t_id={topic.id}")
    assert response.status_code == 204 and not Topic.objects.exists()


def test_deleting_an_article_removes_its_comments(as_alice, alice, make_user):
    topic, other = make_topic(alice), make_topic(alice)
    comment = Message.objects.create(topic=topic, publisher=make_user(), content="c")
    Message.objects.create(topic=topic, publisher=alice, content="r", parent=comment)
    kept = Message.objects.create(topic=other, publisher=alice, content="kept")
    as_alice.delete(f"/v1/topics/alice?t_id={topic.id}")
    assert list(Message.objects.all()) == [kept]


def test_deleting_someone_elses_article_is_403(alice, make_user, login_as):
    topic = make_topic(alice)
    response = login_as(make_user("bob")).delete(f"/v1/topics/alice?t_id={topic.id}")
    assert response.status_code == 403 and Topic.objects.filter(id=topic.id).exists()


def test_deleting_needs_login(api, alice):
    topic = make_topic(alice)
    assert api.delete(f"/v1/topics/alice?t_id={topic.id}").status_code == 401
    assert Topic.objects.filter(id=topic.id).exists()


@pytest.mark.parametrize("query", ["", "?t_id=abc", "?t_id=-5"])
def test_deleting_with_a_bad_t_id_is_400(as_alice, alice, query):
    make_topic(alice)
    response = as_alice.delete(f"/v1/topics/alice{query}")
    assert response.status_code == 400 and "t_id" in response.json()["fields"]
    assert Topic.objects.exists()


def test_deleting_an_unknown_article_is_404(as_alice, alice):
    assert as_alice.delete("/v1/topics/alice?t_id=12345").status_code == 404
