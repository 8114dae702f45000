"""Files built to hurt end the import as `failed`, with a clear error, and create nothing."""
import io
import zipfile

import pytest

from message.models import Message
from porting.models import ImportedItem
from tests.porting.conftest import make_zip, run_import
from topic.models import Tag, Topic

pytestmark = pytest.mark.django_db

WXR_HEAD = (b'<?xml version="1.0"?>\n%s<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
            b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            b"<wp:wxr_version>1.2</wp:wxr_version>")
POST = (b"<item><title>%s</title><guid>g-%s</guid><content:encoded>Body</content:encoded>"
        b"<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>")


def wxr(items=b"", doctype=b""):
    return WXR_HEAD % doctype + items + b"</channel></rss>"


def assert_failed(report, *words):
    assert report["status"] == "failed", report
    for word in words:
        assert word in report["error"]
    assert Topic.objects.count() == 0
    assert Message.objects.count() == 0
    assert ImportedItem.objects.count() == 0
    assert Tag.objects.count() == 0


def test_malformed_xml_fails(as_alice):
    data = wxr(POST % (b"One", b"1"))[:-20]  # cut off mid-document
    assert_failed(run_import(as_alice, data), "not well-formed XML")


def test_xml_that_is_not_a_wordpress_export_fails(as_alice):
    assert_failed(run_import(as_alice, b"<html><body>hello</body></html>"), "not a WordPress export")


def test_an_external_entity_is_refused_and_never_read(as_alice, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doctype = b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://%s">]>' % str(secret).encode()
    report = run_import(as_alice, wxr(POST % (b"&xxe;", b"1"), doctype))
    assert_failed(report, "DTD or entities")
    assert "TOP SECRET" not in str(report)


def test_nested_entities_billion_laughs_are_refused(as_alice):
    doctype = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
               + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                          for n in range(1, 10))
               + b"]>")
    assert_failed(run_import(as_alice, wxr(POST % (b"&lol9;", b"1"), doctype)), "DTD or entities")


def test_a_doctype_without_entities_is_refused_too(as_alice):
    assert_failed(run_import(as_alice, wxr(POST % (b"One", b"1"), b"<!DOCTYPE rss>")), "DTD")


def test_a_zip_bomb_fails_before_anything_is_unpacked(as_alice, settings):
    settings.IMPORT_ZIP_MAX_BYTES = 10 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("post.md", "---\ntitle: Fine\n---\nHello")
        archive.writestr("bomb.md", b"\0" * (11 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000  # a few KB that would unpack to 11 MB
    assert_failed(run_import(as_alice, buffer.getvalue(), "bomb.zip"), "unpack to")


def test_a_zip_entry_that_lies_about_its_size_is_caught_while_inflating(as_alice):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.md", "---\ntitle: A\n---\n" + "x" * 100_000)
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")  # declared size: 10 bytes
    local = data.find(b"PK\x03\x04")
    data[local + 22:local + 26] = (10).to_bytes(4, "little")
    assert_failed(run_import(as_alice, bytes(data), "liar.zip"), "a.md")


def test_too_many_zip_entries_fail(as_alice, settings):
    settings.IMPORT_ZIP_MAX_ENTRIES = 10
    files = {f"post{n}.md": f"---\ntitle: Post {n}\n---\nBody" for n in range(11)}
    assert_failed(run_import(as_alice, make_zip(files), "many.zip"), "11 entries")


@pytest.mark.parametrize("name", ["../evil.md", "posts/../../evil.md", "/etc/evil.md",
                                  "C:/evil.md", "posts\\..\\evil.md"])
def test_a_zip_entry_outside_its_folder_fails(as_alice, name):
    files = {"good.md": "---\ntitle: Good\n---\nBody", name: "---\ntitle: Evil\n---\nBody"}
    assert_failed(run_import(as_alice, make_zip(files), "slip.zip"), "outside its folder")


def test_a_file_that_is_not_a_zip_at_all_fails(as_alice):
    assert_failed(run_import(as_alice, b"PK\x03\x04 not really a zip", "broken.zip"), "not a readable zip")


def test_a_zip_without_markdown_fails(as_alice):
    assert_failed(run_import(as_alice, make_zip({"notes.txt": "hello"}), "empty.zip"), "no Markdown")


def test_a_failure_half_way_leaves_no_article(as_alice, monkeypatch):
    from porting import services

    real, calls = services._import_post, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args)

    monkeypatch.setattr(services, "_import_post", failing)
    report = run_import(as_alice, wxr(POST % (b"One", b"1") + POST % (b"Two", b"2")))
    assert_failed(report, "unexpected error")
    assert "disk on fire" not in report["error"]


def test_an_unknown_file_is_a_400(as_alice):
    from tests.porting.conftest import upload

    response = upload(as_alice, b"just some text", "notes.txt")
    assert response.status_code == 400
    assert response.json()["code"] == 10624


def test_a_request_without_a_file_is_a_400(as_alice):
    from django.test.client import MULTIPART_CONTENT

    response = as_alice.post("/v1/imports", {"category": "tec"}, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400
    assert response.json()["fields"] == {"file": "required"}


def test_a_file_over_50_mb_is_a_413(as_alice, settings):
    from tests.porting.conftest import upload

    settings.IMPORT_MAX_BYTES = 1000
    response = upload(as_alice, wxr(b"x" * 2000))
    assert response.status_code == 413
    assert response.json()["code"] == 10622


def test_the_import_path_takes_bodies_larger_than_other_requests(as_alice, settings):
    from tests.porting.conftest import upload

    big = wxr(b"<!--" + b"x" * (settings.REQUEST_MAX_BYTES + 1000) + b"-->" + POST % (b"Big", b"1"))
    assert run_import(as_alice, big)["imported"] == 1
    other = as_alice.post("/v1/topics/alice", big, content_type="application/json")
    assert other.status_code == 413
