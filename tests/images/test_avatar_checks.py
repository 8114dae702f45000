"""Avatars go through the same picture checks as article images (tools/images.py)."""
import pytest

from tests.images.conftest import upload
from tests.images.pictures import GPS_IFD, decompression_bomb, exif_of, photo_with_location

pytestmark = pytest.mark.django_db


def test_an_avatar_photo_loses_its_gps_position(login_as, alice, settings):
    data = upload(login_as(alice), photo_with_location(), path="/v1/users/alice/avatar",
                  field="avatar").json()["data"]
    exif, _ = exif_of((settings.MEDIA_ROOT / data["avatar"]).read_bytes())
    assert GPS_IFD not in exif


def test_an_avatar_bomb_is_refused_as_too_many_pixels(login_as, alice):
    response = upload(login_as(alice), decompression_bomb(), path="/v1/users/alice/avatar",
                      field="avatar")
    assert response.status_code == 400 and response.json()["fields"] == {"avatar": "too many pixels"}
