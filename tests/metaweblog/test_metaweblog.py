"""MetaWeblog (docs/api.md §16), driven by Python's own xmlrpc.client against a live server, as a
desktop editor would."""
import io
import xmlrpc.client

import pytest
from PIL import Image

from porting.services import create_app_password
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(live_server):
    with xmlrpc.client.ServerProxy(f"{live_server.url}/xmlrpc", allow_none=True) as proxy:
        yield proxy  # closed while the test's database is still there (keep-alive)


@pytest.fixture
def app_password(alice):
    return create_app_password(user=alice, name="desktop editor")[1]


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def fault_of(call):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    return caught.value


def test_a_desktop_editor_writes_a_whole_post(editor, alice, app_password):
    blogs = editor.blogger.getUsersBlogs("", "alice", app_password)
    assert blogs[0]["blogid"] == "alice" and blogs[0]["url"].endswith("/alice/topics")
    categories = editor.metaWeblog.getCategories("alice", "alice", app_password)
    assert [c["title"] for c in categories] == ["技术", "非技术"]

    media = editor.metaWeblog.newMediaObject("alice", "alice", app_password, {
        "name": "blue.png", "type": "image/png", "bits": xmlrpc.client.Binary(png())})
    assert media["url"].startswith("http") and "/media/images/" in media["url"]

    post_id = editor.metaWeblog.newPost("alice", "alice", app_password, {
        "title": "写于桌面", "description": f'<p>Hello</p><p><img src="{media["url"]}"></p>',
        "mt_keywords": "Python,桌面,python", "categories": ["非技术"]}, True)
    topic = Topic.objects.get(pk=int(post_id))
    assert (topic.author, topic.title, topic.category, topic.status) == (alice, "写于桌面", "no-tec", "published")
    assert [t.tag.name for t in topic.topictag_set.all()] == ["Python", "桌面"]
    assert media["url"] in topic.content

    post = editor.metaWeblog.getPost(post_id, "alice", app_password)
    assert (post["title"], post["mt_keywords"], post["categories"]) == ("写于桌面", "Python,桌面", ["非技术"])
    assert post["link"].endswith(f"/alice/topics/detail/{post_id}")

    assert editor.metaWeblog.editPost(post_id, "alice", app_password, {
        "title": "改过的标题", "description": "<p>Edited</p>", "mt_keywords": "edited"}, True) is True
    topic.refresh_from_db()
    assert (topic.title, topic.content) == ("改过的标题", "<p>Edited</p>")
    assert [t.tag.name for t in topic.topictag_set.all()] == ["edited"]

    recent = editor.metaWeblog.getRecentPosts("alice", "alice", app_password, 10)
    assert [p["postid"] for p in recent] == [post_id]

    assert editor.blogger.deletePost("", post_id, "alice", app_password, True) is True
    assert not Topic.objects.filter(pk=int(post_id)).exists()


def test_publish_false_writes_a_draft(editor, app_password):
    post_id = editor.metaWeblog.newPost("alice", "alice", app_password,
                                        {"title": "Draft", "description": "<p>Soon</p>"}, False)
    assert Topic.objects.get(pk=int(post_id)).status == Topic.DRAFT
    assert editor.metaWeblog.getPost(post_id, "alice", app_password)["post_status"] == "draft"


def test_the_account_password_is_refused(editor, alice):
    fault = fault_of(lambda: editor.blogger.getUsersBlogs("", "alice", "secret123"))
    assert fault.faultCode == 403 and "application password" in fault.faultString


def test_a_revoked_application_password_is_refused(editor, alice, app_password):
    assert editor.blogger.getUsersBlogs("", "alice", app_password)
    alice.app_passwords.all().delete()
    assert fault_of(lambda: editor.blogger.getUsersBlogs("", "alice", app_password)).faultCode == 403


def test_someone_elses_post_is_not_found(editor, app_password, bob):
    bobs = Topic.objects.create(author=bob, title="Bob's", content="<p>x</p>", limit="public",
                                category="tec", introduce="x")
    for call in (lambda: editor.metaWeblog.getPost(str(bobs.id), "alice", app_password),
                 lambda: editor.metaWeblog.editPost(str(bobs.id), "alice", app_password, {"title": "Mine"}, True),
                 lambda: editor.blogger.deletePost("", str(bobs.id), "alice", app_password, True),
                 lambda: editor.metaWeblog.getPost("nonsense", "alice", app_password)):
        assert fault_of(call).faultCode == 404
    assert Topic.objects.get(pk=bobs.pk).title == "Bob's"


def test_bad_input_is_a_fault_never_a_500(editor, app_password):
    calls = [
        lambda: editor.metaWeblog.newPost("alice", "alice", app_password, {"title": "", "description": "x"}, True),
        lambda: editor.metaWeblog.newPost("alice", "alice", app_password, {"title": "x" * 51, "description": "x"}, True),
        lambda: editor.metaWeblog.newPost("alice", "alice", app_password, "not a struct", True),
        lambda: editor.metaWeblog.newPost("alice", "alice", app_password,
                                          {"title": "t", "description": "x", "mt_keywords": "a,b,c,d,e,f"}, True),
        lambda: editor.metaWeblog.newMediaObject("alice", "alice", app_password,
                                                 {"name": "x.png", "bits": xmlrpc.client.Binary(b"not an image")}),
        lambda: editor.metaWeblog.getRecentPosts("alice", "alice", app_password, -1),
        lambda: editor.metaWeblog.getPost("1"),
        lambda: editor.wp.getUsers("alice", "alice", app_password),
        lambda: editor.blogger.getUsersBlogs("", 42, app_password),
    ]
    codes = [fault_of(call).faultCode for call in calls]
    assert codes == [400, 400, 400, 400, 400, 400, -32602, -32601, 400]


def test_malformed_xml_and_entities_are_faults(live_server, app_password):
    import requests

    bodies = [b"<methodCall><methodName>blogger.getUsersBlogs",
              b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
              b"<methodCall><methodName>blogger.getUsersBlogs</methodName><params>"
              b"<param><value><string>&b;</string></value></param></params></methodCall>"]
    for body in bodies:
        response = requests.post(f"{live_server.url}/xmlrpc", data=body, timeout=30)
        assert response.status_code == 200
        with pytest.raises(xmlrpc.client.Fault) as caught:
            xmlrpc.client.loads(response.content)
        assert caught.value.faultCode == -32700


def test_failed_logins_are_limited_like_the_login(editor, alice, app_password, settings):
    for _ in range(settings.LOGIN_FAILURES_PER_USERNAME):
        assert fault_of(lambda: editor.blogger.getUsersBlogs("", "alice", "wrong" * 5)).faultCode == 403
    assert fault_of(lambda: editor.blogger.getUsersBlogs("", "alice", app_password)).faultCode == 429
