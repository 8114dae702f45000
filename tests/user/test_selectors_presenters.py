"""Issue 14: user selectors know no HTTP (a missing user is None), presenters shape the
output from an origin string, profile changes are announced (tools.events) instead of
calling into other apps, and limits come from settings."""
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test.client import MULTIPART_CONTENT
from PIL import Image

from tools.events import profile_changed
from user import presenters, selectors
from user.models import UserProfile

ORIGIN = "http://api.example.com:8000/"


@pytest.mark.django_db
def test_get_user_returns_the_user_or_none(make_user):
    alice = make_user("alice")
    assert selectors.get_user("alice") == alice
    assert selectors.get_user("nobody") is None
    assert selectors.get_user("ALICE") is None
    UserProfile.objects.filter(pk=alice.pk).update(is_active=False)
    assert selectors.get_user("alice") is None


@pytest.mark.django_db
def test_profile_data_builds_the_avatar_url_on_the_given_origin(make_user):
    alice = make_user("alice", avatar="avatar/ab12.png")
    data = presenters.profile_data(alice, None, ORIGIN)
    assert data["avatar"] == "avatar/ab12.png"
    assert data["avatar_url"] == "http://api.example.com:8000/media/avatar/ab12.png"


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [None, AnonymousUser(), "bob"])
def test_profile_data_shows_email_and_phone_to_the_owner_only(make_user, viewer):
    alice = make_user("alice")
    if viewer == "bob":
        viewer = make_user("bob")
    assert "phone" not in presenters.profile_data(alice, viewer, ORIGIN)
    owner_view = presenters.profile_data(alice, alice, ORIGIN)
    assert owner_view["phone"] == alice.phone and owner_view["email"] == alice.email


@pytest.fixture
def announcements():
    seen = []

    def listener(sender, signal, **payload):
        seen.append(payload)

    profile_changed.connect(listener)
    yield seen
    profile_changed.disconnect(listener)


@pytest.mark.django_db
def test_a_profile_change_is_announced_with_what_changed(make_user, login_as, announcements):
    alice = make_user("alice")
    login_as(alice).put("/v1/users/alice", {"nickname": "新", "sign": "s"})
    assert announcements == [{"user_id": alice.pk, "username": "alice", "fields": ["nickname", "sign"]}]


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "a.png"
    return buffer


@pytest.mark.django_db
def test_a_new_avatar_is_announced(make_user, login_as, announcements):
    alice = make_user("alice")
    login_as(alice).post("/v1/users/alice/avatar", {"avatar": png()}, content_type=MULTIPART_CONTENT)
    assert announcements == [{"user_id": alice.pk, "username": "alice", "fields": ["avatar"]}]


@pytest.mark.django_db
def test_the_avatar_size_limit_comes_from_settings(make_user, login_as, settings):
    settings.AVATAR_MAX_BYTES = 100
    response = login_as(make_user("alice")).post("/v1/users/alice/avatar", {"avatar": png()},
                                                  content_type=MULTIPART_CONTENT)
    assert response.status_code == 413 and response.json()["error"] == "The avatar must be at most 100 bytes"


def test_the_user_app_does_not_import_other_apps():
    from django.conf import settings

    for module in (settings.BASE_DIR / "user").glob("*.py"):
        source = module.read_text()
        for app in ("topic", "message", "payment"):
            assert f"from {app}" not in source and f"import {app}" not in source, module.name
