import io
import re

import pytest
from PIL import Image


@pytest.mark.django_db
def test_visitor_sees_profile_without_email_or_phone(api, make_user):
    make_user("alice", nickname="爱丽丝", sign="hello")
    response = api.get("/v1/users/alice")
    body = response.json()
    assert response.status_code == 200 and body["username"] == "alice"
    data = body["data"]
    assert data == {"username": "alice", "nickname": "爱丽丝", "sign": "hello", "info": "",
                    "avatar": "", "avatar_url": "", "date_joined": data["date_joined"],
                    "topics_count": 0, "followers": 0, "following": 0, "is_following": False}


@pytest.mark.django_db
def test_other_user_never_sees_email_or_phone(make_user, login_as):
    make_user("alice")
    data = login_as(make_user("bob")).get("/v1/users/alice").json()["data"]
    assert "email" not in data and "phone" not in data


@pytest.mark.django_db
def test_owner_sees_own_email_and_phone(make_user, login_as):
    alice = make_user("alice")
    data = login_as(alice).get("/v1/users/alice").json()["data"]
    assert data["email"] == alice.email and data["phone"] == alice.phone


@pytest.mark.django_db
def test_unknown_user_is_404(api):
    response = api.get("/v1/users/nobody")
    assert response.status_code == 404 and response.json()["code"] == 10111


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch"])
def test_owner_updates_profile_partially(make_user, login_as, method):
    alice = make_user("alice", sign="old sign")
    response = getattr(login_as(alice), method)("/v1/users/alice", {"nickname": "新昵称"})
    assert response.status_code == 200
    assert response.json()["data"]["nickname"] == "新昵称"
    alice.refresh_from_db()
    assert alice.nickname == "新昵称" and alice.sign == "old sign"


@pytest.mark.django_db
def test_updating_someone_elses_profile_is_403(make_user, login_as):
    make_user("alice")
    response = login_as(make_user("bob")).put("/v1/users/alice", {"nickname": "hacked"})
    assert response.status_code == 403 and response.json()["code"] == 10112


@pytest.mark.django_db
@pytest.mark.parametrize("field,limit", [("nickname", 30), ("sign", 50), ("info", 150)])
def test_profile_field_over_limit_is_400_and_nothing_changes(make_user, login_as, field, limit):
    alice = make_user("alice")
    response = login_as(alice).put("/v1/users/alice", {"info": "ok", field: "x" * (limit + 1)})
    assert response.status_code == 400 and field in response.json()["fields"]
    alice.refresh_from_db()
    assert alice.info == "" and getattr(alice, field) != "x" * (limit + 1)


@pytest.mark.django_db
def test_nickname_with_html_is_stored_verbatim(make_user, login_as, api):
    payload = '<img src=x onerror="alert(1)">'
    login_as(make_user("alice")).put("/v1/users/alice", {"nickname": payload})
    assert api.get("/v1/users/alice").json()["data"]["nickname"] == payload


def image_file(fmt="PNG", size=(32, 32), name="a.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt)
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_avatar_upload_stores_a_random_name(make_user, login_as, settings, fmt):
    client = login_as(make_user("alice"))
    response = _multipart(client, image_file(fmt))
    assert response.status_code == 200
    data = response.json()["data"]
    assert re.fullmatch(r"avatar/[0-9a-f]{32}\.(png|jpg|gif|webp)", data["avatar"])
    assert data["avatar_url"] == f"http://testserver/media/{data['avatar']}"
    assert (settings.MEDIA_ROOT / data["avatar"]).exists()


def _multipart(client, file, username="alice"):
    from django.test.client import MULTIPART_CONTENT

    return client.post(f"/v1/users/{username}/avatar", {"avatar": file},
                       content_type=MULTIPART_CONTENT)


@pytest.mark.django_db
def test_avatar_is_served_under_media(make_user, login_as, api):
    client = login_as(make_user("alice"))
    path = _multipart(client, image_file()).json()["data"]["avatar"]
    response = api.get(f"/media/{path}")
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"


@pytest.mark.django_db
def test_fake_image_is_400_and_old_avatar_stays(make_user, login_as, settings):
    alice = make_user("alice")
    client = login_as(alice)
    old = _multipart(client, image_file()).json()["data"]["avatar"]
    fake = io.BytesIO(b"<?php echo 'not an image'; ?>" * 10)
    fake.name = "evil.png"
    response = _multipart(client, fake)
    assert response.status_code == 400 and response.json()["code"] == 10114
    alice.refresh_from_db()
    assert alice.avatar.name == old and (settings.MEDIA_ROOT / old).exists()


@pytest.mark.django_db
def test_oversized_avatar_is_413(make_user, login_as):
    client = login_as(make_user("alice"))
    big = io.BytesIO(b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 10))
    big.name = "big.png"
    response = _multipart(client, big)
    assert response.status_code == 413 and response.json()["code"] == 10115


@pytest.mark.django_db
def test_bmp_avatar_is_rejected(make_user, login_as):
    client = login_as(make_user("alice"))
    response = _multipart(client, image_file("BMP", name="a.bmp"))
    assert response.status_code == 400


@pytest.mark.django_db
def test_new_avatar_replaces_and_deletes_old_file(make_user, login_as, settings):
    client = login_as(make_user("alice"))
    first = _multipart(client, image_file()).json()["data"]["avatar"]
    second = _multipart(client, image_file("JPEG")).json()["data"]["avatar"]
    assert first != second and not (settings.MEDIA_ROOT / first).exists()


@pytest.mark.django_db
def test_avatar_upload_without_file_is_400(make_user, login_as):
    response = login_as(make_user("alice")).post("/v1/users/alice/avatar", {})
    assert response.status_code == 400


@pytest.mark.django_db
def test_avatar_of_someone_else_is_403(make_user, login_as):
    make_user("alice")
    response = _multipart(login_as(make_user("bob")), image_file())
    assert response.status_code == 403


@pytest.mark.django_db
def test_body_over_request_limit_is_413(api):
    response = api.generic("POST", "/v1/users", b"x" * (3 * 1024 * 1024 + 1),
                           content_type="application/json")
    assert response.status_code == 413 and response.json()["code"] == 10004


@pytest.mark.django_db
def test_a_tiny_png_of_a_huge_picture_is_refused_before_decoding(make_user, login_as, settings):
    # 12000×12000 1-bit PNG: ~17 KB on the wire, ~576 MB once decoded (issue 10.10).
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG", optimize=True)
    assert buffer.tell() < settings.AVATAR_MAX_BYTES
    buffer.seek(0)
    buffer.name = "bomb.png"
    alice = make_user("alice")
    response = _multipart(login_as(alice), buffer)
    assert response.status_code == 400 and response.json()["fields"] == {"avatar": "too many pixels"}
    alice.refresh_from_db()
    assert not alice.avatar
