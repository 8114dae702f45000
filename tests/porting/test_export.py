"""Export (docs/api.md §16): one zip per author; importing it into another account restores
the articles (same titles, dates, tags, bodies)."""
import datetime as dt
import io
import json
import zipfile

import pytest
import yaml
from PIL import Image

from message.models import Message
from porting import adapters
from tests.porting.conftest import run_import
from topic.models import Topic
from topic.services import create_topic

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return buffer.getvalue()


def article(author, title, body, *, when, tags=(), markdown=None, status=Topic.PUBLISHED,
            limit=Topic.PUBLIC, publish_at=None):
    body = {"format": "markdown", "markdown": markdown} if markdown else {"content": body}
    topic = create_topic(author=author, values={**body, "title": title, "limit": limit,
                                                "category": "tec", "status": status,
                                                "publish_at": publish_at})
    adapters.set_created_time(topic, when)
    adapters.set_tags(topic, list(tags))
    return Topic.objects.get(pk=topic.pk)


@pytest.fixture
def blog(alice, bob):
    image_url, _ = adapters.store_image(png())
    first = article(alice, "HTML with an image", f'<p>Look:</p><p><img src="{image_url}" alt="red"></p>',
                    when=dt.datetime(2016, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc), tags=["Photos", "旅行"])
    second = article(alice, "Markdown notes", None, markdown="# Notes\n\n- one\n- two\n",
                     when=dt.datetime(2021, 7, 1, 12, 0, tzinfo=dt.timezone.utc), tags=["notes"])
    draft = article(alice, "Half written", "<p>Later.</p>", status=Topic.DRAFT, limit=Topic.PRIVATE,
                    when=dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc))
    article(alice, "Coming soon", "<p>Next year.</p>", status=Topic.SCHEDULED,
            when=dt.datetime(2022, 2, 1, tzinfo=dt.timezone.utc),
            publish_at=dt.datetime(2036, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc))
    Message.objects.create(topic=first, publisher=bob, content="Nice photo")
    Message.objects.create(topic=first, publisher=None, author_name="Old Friend", content="From WordPress")
    article(bob, "Not alice's", "<p>Bob's.</p>", when=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    return first, second, draft


def export(client, username="alice"):
    response = client.get(f"/v1/users/{username}/export")
    assert response.status_code == 200, response.content
    return response


def test_the_export_is_a_zip_attachment(as_alice, blog):
    response = export(as_alice)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="jiuzhi-alice-')
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


def test_one_file_per_article_markdown_or_html_with_front_matter(as_alice, blog):
    first, second, draft = blog
    archive = zipfile.ZipFile(io.BytesIO(export(as_alice).content))
    assert len([n for n in archive.namelist() if n.startswith("articles/")]) == 4
    assert {f"articles/{first.id}.html", f"articles/{second.id}.md",
            f"articles/{draft.id}.html"} <= set(archive.namelist())
    text = archive.read(f"articles/{second.id}.md").decode()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Markdown notes" and meta["tags"] == ["notes"]
    assert meta["date"] == dt.datetime(2021, 7, 1, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert text.endswith("# Notes\n\n- one\n- two\n")
    draft_meta = yaml.safe_load(archive.read(f"articles/{draft.id}.html").decode().split("---\n")[1])
    assert (draft_meta["status"], draft_meta["draft"], draft_meta["limit"]) == ("draft", True, "private")


def test_images_the_body_shows_are_in_the_zip(as_alice, blog):
    first = blog[0]
    archive = zipfile.ZipFile(io.BytesIO(export(as_alice).content))
    images = [n for n in archive.namelist() if n.startswith("media/images/")]
    assert len(images) == 1 and archive.read(images[0]) == png()
    assert f'src="../{images[0]}"' in archive.read(f"articles/{first.id}.html").decode()


def test_the_manifest_lists_articles_and_their_comments(as_alice, blog):
    first = blog[0]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(export(as_alice).content)).read("manifest.json"))
    assert manifest["format"] == "jiuzhi-export" and manifest["user"]["username"] == "alice"
    entry = next(a for a in manifest["articles"] if a["id"] == first.id)
    assert [(c["author"], c["content"]) for c in entry["comments"]] == [
        ("bob", "Nice photo"), ("Old Friend", "From WordPress")]


def test_only_the_owner_may_export(blog, login_as, bob, api):
    assert login_as(bob).get("/v1/users/alice/export").status_code == 403
    assert api.get("/v1/users/alice/export").status_code == 401


def test_round_trip_into_a_new_account_restores_the_articles(as_alice, blog, make_user, login_as):
    data = export(as_alice).content
    carol = make_user("carol")
    report = run_import(login_as(carol), data, "jiuzhi-alice.zip")
    assert (report["status"], report["imported"]) == ("done", 4), report

    def snapshot(user):
        return sorted((t.title, t.created_time.replace(microsecond=0), adapters.tag_names(t), t.status,
                       t.publish_at, t.limit, t.format, t.markdown) for t in Topic.objects.filter(author=user))

    alice = blog[0].author
    assert snapshot(carol) == snapshot(alice)
    copied = Topic.objects.get(author=carol, title="HTML with an image")
    assert copied.content.startswith("<p>Look:</p><p><img src=\"http")
    assert copied.content != blog[0].content  # the image is carol's own copy
    assert Topic.objects.get(author=carol, title="Markdown notes").content == blog[1].content
    names = sorted(Message.objects.filter(topic=copied).values_list("author_name", flat=True))
    assert names == ["Old Friend", "bob"]
