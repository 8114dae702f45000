"""What a priced article shows to whom, before and after payment (docs/api.md §4, §9)."""
from payment import services
from tests.payment.conftest import SECRET_TEXT, notify, post_notify


def detail(client, article):
    return client.get("/v1/topics/author", {"t_id": article.id}).json()["data"]


def test_a_visitor_sees_the_introduction_but_not_the_content(api, article):
    data = detail(api, article)
    assert data["paid"] is False
    assert "content" not in data
    assert data["introduce"] == "开头三十个字"
    assert SECRET_TEXT not in str(data)


def test_the_author_reads_their_own_priced_article(login_as, author, article):
    data = detail(login_as(author), article)
    assert data["paid"] is True and SECRET_TEXT in data["content"]


def test_content_is_hidden_before_and_shown_after_payment(api, login_as, buyer, article, order):
    client = login_as(buyer)
    before = detail(client, article)
    assert before["paid"] is False and "content" not in before
    assert post_notify(api, notify(order)).content == b"success"
    after = detail(client, article)
    assert after["paid"] is True and SECRET_TEXT in after["content"]


def test_a_pending_or_closed_order_does_not_unlock(login_as, buyer, article, order):
    assert "content" not in detail(login_as(buyer), article)
    services.order_mark_closed(order=order, reason="timed out")
    assert "content" not in detail(login_as(buyer), article)


def test_buying_unlocks_for_the_buyer_only(api, login_as, make_user, article, order):
    post_notify(api, notify(order))
    assert "content" not in detail(login_as(make_user()), article)
    assert "content" not in detail(api, article)


def test_lists_never_carry_the_body(api, login_as, author, buyer, article, order):
    post_notify(api, notify(order))
    for client in (api, login_as(author), login_as(buyer)):
        for path in ("/v1/topics", "/v1/topics/author"):
            body = client.get(path).content.decode()
            assert SECRET_TEXT not in body, path


def test_the_buyers_view_of_the_article_is_never_served_to_others(api, login_as, make_user, buyer, article, order):
    post_notify(api, notify(order))
    assert SECRET_TEXT in detail(login_as(buyer), article)["content"]
    assert "content" not in detail(api, article)
    assert "content" not in detail(login_as(make_user()), article)
