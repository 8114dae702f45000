"""Importing WordPress's Theme Unit Test data (the shape of it: tests/porting/fixtures)."""
import datetime as dt

import pytest

from message.models import Message
from porting.models import Import
from tests.porting.conftest import run_import, upload
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def report(as_alice, wxr):
    return run_import(as_alice, wxr, "wp-theme-unit-test.xml")


def topic(alice, title):
    return Topic.objects.get(author=alice, title=title)


def tags(topic):
    return [tt.tag.name for tt in topic.topictag_set.select_related("tag")]


def warnings(report, code):
    return [w for w in report["warnings"] if w["code"] == code]


def test_upload_answers_202_queued_and_the_import_finishes_done(as_alice, wxr):
    response = upload(as_alice, wxr)
    assert response.status_code == 202
    assert response.json()["data"]["status"] == "queued"
    job = as_alice.get(f"/v1/imports/{response.json()['data']['id']}").json()["data"]
    assert job["status"] == "done"
    assert "error" not in job


def test_the_report_counts_every_item(report):
    assert report["total"] == 14
    assert report["imported"] == 11
    assert report["skipped"] == 3
    assert report["skipped_kinds"] == {"page": 1, "attachment": 1, "menu": 1}


def test_pages_attachments_and_menu_items_are_not_articles(report, alice):
    titles = set(Topic.objects.filter(author=alice).values_list("title", flat=True))
    assert "About The Tests" not in titles
    assert "dsc20050727_091048_222" not in titles


def test_a_post_with_45_tags_keeps_five_and_names_the_rest(report, alice):
    post = topic(alice, "Tags: 45 tags")
    assert tags(post) == ["8BIT", "alignment", "Articles", "aside", "audio"]
    dropped = warnings(report, "tags_dropped")[0]
    assert dropped["title"] == "Tags: 45 tags"
    assert dropped["detail"].split(", ")[0] == "captions"
    assert len(dropped["detail"].split(", ")) == 40


def test_the_uncategorized_category_is_not_a_tag(report, alice):
    assert "Uncategorized" not in tags(topic(alice, "Tags: 45 tags"))


def test_categories_and_tags_both_become_tags(report, alice):
    # The category "Markup" is the tag "markup" an earlier post wrote: one tag, as first written.
    assert tags(topic(alice, "Markup: Nested Lists")) == ["css", "html", "markup"]
    assert tags(topic(alice, "Template: Comments")) == ["comments", "Template"]


def test_an_empty_title_becomes_the_first_words_of_the_text(report, alice):
    post = Topic.objects.get(author=alice, content__contains="This post has no title")
    assert post.title == "This post has no title, but it"
    assert warnings(report, "untitled")[0]["title"] == post.title


def test_markup_is_stripped_from_titles(report, alice):
    assert Topic.objects.filter(author=alice, title="Title With Markup").exists()


def test_a_91_character_title_is_shortened_to_50_with_an_ellipsis(report, alice):
    post = Topic.objects.get(author=alice, title__startswith="Antidisestablishmentarianism")
    assert len(post.title) == 50 and post.title.endswith("…")
    shortened = warnings(report, "title_shortened")[0]
    assert shortened["title"] == post.title and len(shortened["detail"]) == 91


def test_a_password_protected_post_becomes_private(report, alice):
    post = topic(alice, "Protected: Test")
    assert (post.limit, post.status) == (Topic.PRIVATE, Topic.PUBLISHED)


def test_a_private_post_stays_private(report, alice):
    post = topic(alice, "Private")
    assert (post.limit, post.status) == (Topic.PRIVATE, Topic.PUBLISHED)


def test_a_future_post_is_scheduled_for_its_date(report, alice):
    post = topic(alice, "Scheduled")
    assert post.status == Topic.SCHEDULED
    assert post.publish_at == dt.datetime(2035, 1, 1, 2, 0, tzinfo=dt.timezone.utc)


def test_a_draft_stays_a_draft_dated_by_its_local_date(report, alice):
    post = topic(alice, "Draft")
    assert (post.status, post.limit) == (Topic.DRAFT, Topic.PUBLIC)
    assert post.created_time.astimezone().strftime("%Y-%m-%d") == "2013-04-09"


def test_published_posts_are_public_and_keep_their_original_date(report, alice):
    post = topic(alice, "Tags: 45 tags")
    assert (post.status, post.limit) == (Topic.PUBLISHED, Topic.PUBLIC)
    assert post.created_time == dt.datetime(2008, 6, 10, 10, 0, tzinfo=dt.timezone.utc)


def test_imported_articles_are_in_the_chosen_category(as_alice, wxr, alice):
    run_import(as_alice, wxr, category="no-tec")
    assert set(Topic.objects.filter(author=alice).values_list("category", flat=True)) == {"no-tec"}


def test_nested_lists_survive_and_scripts_do_not(report, alice):
    body = topic(alice, "Markup: Nested Lists").content
    assert "<ul>" in body and "<ol>" in body and "Deeply nested item" in body
    assert "<p>Two paragraphs of text<br>" in body
    assert "<script" not in body and "alert" not in body


def test_gutenberg_block_comments_are_removed(report, alice):
    body = topic(alice, "Block: Paragraphs and Headings").content
    assert "wp:" not in body
    assert "<p>A paragraph written in the block editor.</p>" in body
    assert "<h3>A block heading</h3>" in body
    assert 'class="wp-block-quote"' not in body


def test_approved_comments_come_with_their_authors_name_and_time(report, alice):
    post = topic(alice, "Template: Comments")
    comments = list(Message.objects.filter(topic=post).order_by("created_time"))
    assert [(c.author_name, c.publisher_id) for c in comments] == [
        ("John Doe", None), ("Jane Roe", None), ("Nested Deep", None)]
    assert comments[0].created_time == dt.datetime(2012, 1, 3, 10, 15, tzinfo=dt.timezone.utc)
    assert comments[1].content == "Approved reply to John."


def test_replies_hang_under_their_top_level_comment(report, alice):
    post = topic(alice, "Template: Comments")
    john = Message.objects.get(topic=post, author_name="John Doe")
    replies = Message.objects.filter(topic=post, parent=john).values_list("author_name", flat=True)
    assert sorted(replies) == ["Jane Roe", "Nested Deep"]


def test_unapproved_spam_and_pingback_comments_are_left_out(report, alice):
    post = topic(alice, "Template: Comments")
    names = set(Message.objects.filter(topic=post).values_list("author_name", flat=True))
    assert not names & {"Spammer", "Waiting", "Some Blog"}


def test_imported_comments_show_their_authors_name_in_the_thread(report, alice, api):
    post = topic(alice, "Template: Comments")
    thread = api.get(f"/v1/topics/alice?t_id={post.id}").json()["data"]["messages"]
    assert thread[0]["publisher"] is None
    assert thread[0]["author_name"] == "John Doe"
    assert thread[0]["publisher_nickname"] == "John Doe"
    assert [r["author_name"] for r in thread[0]["reply"]] == ["Jane Roe", "Nested Deep"]


def test_importing_the_same_file_again_creates_nothing(as_alice, wxr, alice):
    run_import(as_alice, wxr)
    articles, comments = Topic.objects.count(), Message.objects.count()
    again = run_import(as_alice, wxr)
    assert (again["status"], again["imported"]) == ("done", 0)
    assert again["skipped_kinds"]["duplicate"] == 11
    assert (Topic.objects.count(), Message.objects.count()) == (articles, comments)


def test_another_account_may_import_the_same_file(as_alice, wxr, bob, login_as):
    run_import(as_alice, wxr)
    assert run_import(login_as(bob), wxr)["imported"] == 11


@pytest.mark.parametrize("namespace", [
    "http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/",
    "http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/"])
def test_every_wxr_version_and_both_schemes_are_read(as_alice, wxr, namespace):
    data = wxr.replace(b"http://wordpress.org/export/1.2/", namespace.encode())
    assert run_import(as_alice, data)["imported"] == 11


def test_only_the_importer_sees_an_import(as_alice, wxr, bob, login_as):
    job_id = upload(as_alice, wxr).json()["data"]["id"]
    response = login_as(bob).get(f"/v1/imports/{job_id}")
    assert response.status_code == 404
    assert response.json()["code"] == 10623


def test_visitors_cannot_import(api, wxr):
    assert upload(api, wxr).status_code == 401


def test_the_upload_is_deleted_once_imported(as_alice, wxr, settings):
    run_import(as_alice, wxr)
    assert not list((settings.MEDIA_ROOT / "imports").iterdir())
    assert Import.objects.get().stored_file == ""


def test_a_running_import_reports_its_progress(as_alice, wxr, monkeypatch):
    from porting import services

    seen = []
    real = services._import_post

    def watching(user, entry, category, report):
        job = Import.objects.get()
        seen.append(as_alice.get(f"/v1/imports/{job.pk}").json()["data"])
        return real(user, entry, category, report)

    monkeypatch.setattr(services, "_import_post", watching)
    run_import(as_alice, wxr)
    assert {s["status"] for s in seen} == {"running"} and seen[0]["total"] == 14
    done = [s["imported"] + s["skipped"] for s in seen]
    assert done == sorted(done) and done[-1] >= 10
