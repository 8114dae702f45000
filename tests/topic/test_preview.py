"""The free preview of a paid article (docs/api.md §11): `<hr class="paywall">` (HTML) or
`<!--more-->` (Markdown) splits it; whoever has not bought it gets the part before the
mark and never a byte of the rest, on any surface."""
import pytest

from payment.models import Order
from topic.models import Topic

pytestmark = pytest.mark.django_db

SECRET = "PAIDSECRET"
HTML = f"<h2>导读</h2><p>免费的开头。</p><hr class=\"paywall\"><p>{SECRET} 付费的正文。</p>"
MARKDOWN = f"## 导读\n\n免费的**开头**。\n\n<!--more-->\n\n{SECRET} 付费的正文。"


def publish(client, **fields):
    body = {"title": "付费文章", "limit": "public", "category": "tec", "price": "9.90", **fields}
    response = client.post("/v1/topics/alice", body)
    assert response.status_code == 201, response.content
    return response.json()["data"]["id"]


@pytest.fixture(params=["html", "markdown"])
def paid(request, as_alice):
    if request.param == "html":
        return publish(as_alice, content=HTML, content_text=f"导读免费的开头。{SECRET}")
    return publish(as_alice, format="markdown", markdown=MARKDOWN)


@pytest.fixture
def as_bob(bob, login_as):
    return login_as(bob)


def everything_a_non_buyer_gets(client, topic_id):
    return [client.get("/v1/topics/alice", {"t_id": topic_id}),
            client.get("/v1/topics/alice"), client.get("/v1/topics"),
            client.get("/v1/topics/alice", {"category": "tec"})]


def test_a_non_buyer_never_gets_a_byte_of_the_paid_part(api, as_bob, paid):
    for client in (api, as_bob):
        for response in everything_a_non_buyer_gets(client, paid):
            assert response.status_code == 200
            assert SECRET.encode() not in response.content and "付费的正文".encode() not in response.content


def test_a_non_buyer_gets_the_free_part_as_preview(as_bob, paid):
    data = as_bob.get("/v1/topics/alice", {"t_id": paid}).json()["data"]
    assert data["paid"] is False and "content" not in data
    assert data["preview"].startswith("<h2>导读</h2>") and "免费的" in data["preview"]
    assert "paywall" not in data["preview"]


def test_the_introduce_comes_from_the_free_part(api, paid):
    item = api.get("/v1/topics/alice").json()["data"]["topics"][0]
    assert item["introduce"] == "导读 免费的开头。"


def test_the_stored_preview_is_the_sanitized_free_part(paid):
    assert Topic.objects.get(id=paid).preview.startswith("<h2>导读</h2>")


def test_the_author_and_a_buyer_read_everything(as_alice, as_bob, bob, paid):
    Order.objects.create(order_no="o" * 20, buyer=bob, topic_id=paid, paid_topic_id=paid,
                         topic_title="付费文章", author_username="alice", amount="9.90", status="paid")
    for client in (as_alice, as_bob):
        data = client.get("/v1/topics/alice", {"t_id": paid}).json()["data"]
        assert data["paid"] is True and SECRET in data["content"] and "免费的" in data["content"]


def test_a_cut_inside_a_block_is_closed_again(as_alice, as_bob):
    topic_id = publish(as_alice, content=f"<blockquote><p>免费</p><hr class=\"paywall\"><p>{SECRET}</p>"
                                         "</blockquote>")
    data = as_bob.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["preview"] == "<blockquote><p>免费</p></blockquote>"


def test_without_a_mark_nothing_of_the_body_is_shown(api, as_alice):
    topic_id = publish(as_alice, content=f"<p>{SECRET} 全是付费内容</p>", content_text=SECRET)
    for response in everything_a_non_buyer_gets(api, topic_id):
        assert SECRET.encode() not in response.content
    data = api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["introduce"] == "" and data["preview"] == ""


def test_without_a_mark_the_summary_is_the_preview(api, as_alice):
    topic_id = publish(as_alice, content=f"<p>{SECRET}</p>", summary="这篇讲 <支付> 的细节")
    data = api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["introduce"] == "这篇讲 <支付> 的细节"
    assert data["preview"] == "<p>这篇讲 &lt;支付&gt; 的细节</p>"


def test_making_an_article_paid_later_hides_its_text(api, as_alice):
    topic_id = publish(as_alice, price="0", content=f"<p>{SECRET}</p>")
    as_alice.put(f"/v1/topics/alice?t_id={topic_id}", {"price": "5"})
    for response in everything_a_non_buyer_gets(api, topic_id):
        assert SECRET.encode() not in response.content


def test_a_free_article_keeps_its_mark_and_has_no_preview(api, as_alice):
    topic_id = publish(as_alice, price="0", content=HTML)
    data = api.get("/v1/topics/alice", {"t_id": topic_id}).json()["data"]
    assert data["paid"] is True and SECRET in data["content"] and "preview" not in data


def test_refresh_excerpts_takes_the_paid_text_out_of_older_introduces(api, alice):
    from django.core.management import call_command

    old = Topic.objects.create(author=alice, title="旧文章", category="tec", limit="public", price="9.90",
                               content=HTML, introduce=f"导读免费的开头。{SECRET}")
    assert SECRET.encode() in api.get("/v1/topics/alice").content  # cached with the old introduce
    call_command("refresh_excerpts")
    old.refresh_from_db()
    assert old.introduce == "导读 免费的开头。" and old.preview.startswith("<h2>导读</h2>")
    assert SECRET.encode() not in api.get("/v1/topics/alice").content


def test_refresh_excerpts_reindexes_what_search_may_quote(api, alice, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from search.services import index_topic

    old = Topic.objects.create(author=alice, title="旧文章", category="tec", limit="public", price="9.90",
                               content=HTML, introduce=f"导读免费的开头。{SECRET}")
    index_topic(old.pk)  # indexed with the old introduce, as before the upgrade
    # this alice's articles only: a Mroonga index keeps other tests' documents
    query = {"q": SECRET, "author": "alice"}
    assert api.get("/v1/search", query).json()["data"]["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):  # as when the command commits
        call_command("refresh_excerpts")
    assert api.get("/v1/search", query).json()["data"]["total"] == 0
