"""POST /v1/images (docs/api.md §11): who may upload, what is refused, what is stored."""
import io

import pytest
from django.core.files.storage import default_storage

from images.models import Image
from tests.images.conftest import upload
from tests.images.pictures import (
    GPS_IFD, decompression_bomb, exif_of, photo_with_location, picture,
)

pytestmark = pytest.mark.django_db


def refused(response, status, code, field_problem):
    body = response.json()
    return (response.status_code == status and body["code"] == code
            and body.get("fields") == {"image": field_problem})


@pytest.mark.parametrize("fmt, extension", [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")])
def test_each_accepted_format_is_stored_and_answers_its_url_and_size(as_alice, alice, settings, fmt, extension):
    response = upload(as_alice, picture(fmt, size=(64, 48)))
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["width"] == 64 and data["height"] == 48
    image = Image.objects.get()
    assert image.owner == alice and image.name.startswith("images/") and image.name.endswith(f".{extension}")
    assert data["url"] == f"http://testserver/media/{image.name}"
    assert (settings.MEDIA_ROOT / image.name).stat().st_size == image.bytes


def test_the_returned_url_serves_the_picture_from_media(as_alice, api):
    sent = picture("PNG").getvalue()
    url = upload(as_alice, picture("PNG")).json()["data"]["url"]
    response = api.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200 and b"".join(response.streaming_content) == sent


def test_a_visitor_cannot_upload(api):
    response = upload(api, picture())
    assert response.status_code == 401 and not Image.objects.exists()


def test_no_file_is_400(as_alice):
    assert refused(upload(as_alice, None), 400, 10600, "required")


def test_a_bmp_is_refused_as_an_unsupported_type(as_alice):
    response = upload(as_alice, picture("BMP", name="picture.bmp"))
    assert refused(response, 400, 10600, "not a supported image")


def test_a_text_file_named_png_is_refused_as_not_an_image(as_alice):
    fake = io.BytesIO(b"<?php system($_GET['c']); ?>" * 20)
    fake.name = "cat.png"
    assert refused(upload(as_alice, fake), 400, 10600, "not a supported image")
    assert not Image.objects.exists()


def test_a_png_header_with_a_truncated_body_is_refused(as_alice):
    whole = picture("PNG", size=(300, 300), name="cut.png").getvalue()
    cut = io.BytesIO(whole[: len(whole) // 2])
    cut.name = "cut.png"
    assert upload(as_alice, cut).status_code == 400


def test_a_file_over_5_mb_is_413(as_alice, settings):
    big = io.BytesIO(picture("PNG").getvalue() + b"\0" * settings.IMAGE_MAX_BYTES)
    big.name = "big.png"
    assert refused(upload(as_alice, big), 413, 10601, "too large")


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(as_alice, settings):
    response = as_alice.generic("POST", "/v1/images", b"x" * (settings.UPLOAD_REQUEST_MAX_BYTES + 1),
                                content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and response.json()["code"] == 10004


def test_a_picture_of_5_mb_is_accepted(as_alice, settings):
    # A PNG may carry extra bytes after its end: exactly the limit is still fine.
    data = picture("PNG").getvalue()
    exact = io.BytesIO(data + b"\0" * (settings.IMAGE_MAX_BYTES - len(data)))
    exact.name = "exact.png"
    assert upload(as_alice, exact).status_code == 201


def test_more_than_40_megapixels_is_refused(as_alice):
    response = upload(as_alice, decompression_bomb(size=(8000, 5001)))
    assert refused(response, 400, 10602, "too many pixels")


def test_exactly_40_megapixels_is_accepted(as_alice):
    response = upload(as_alice, decompression_bomb(size=(8000, 5000)))
    assert response.status_code == 201 and response.json()["data"]["width"] == 8000


def test_a_decompression_bomb_is_refused_from_its_header_without_decoding(as_alice, monkeypatch):
    from PIL import ImageFile

    def never(self):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    bomb = decompression_bomb()
    assert len(bomb.getvalue()) < 100 * 1024
    assert refused(upload(as_alice, bomb), 400, 10602, "too many pixels")
    assert not Image.objects.exists()


def test_the_gps_position_of_a_photo_is_removed_before_storing(as_alice):
    sent = photo_with_location()
    assert GPS_IFD in exif_of(sent.getvalue())[0]
    assert upload(as_alice, sent).status_code == 201
    with default_storage.open(Image.objects.get().name) as stored:
        exif, _ = exif_of(stored.read())
    assert GPS_IFD not in exif and exif.get_ifd(GPS_IFD) == {}
    assert exif[0x010F] == "JiuzhiPhone"  # Make: the rest of EXIF stays


def test_a_rotated_photo_is_stored_upright_with_its_displayed_size(as_alice):
    response = upload(as_alice, photo_with_location(orientation=6, size=(40, 30)))
    data = response.json()["data"]
    assert (data["width"], data["height"]) == (30, 40)
    with default_storage.open(Image.objects.get().name) as stored:
        exif, size = exif_of(stored.read())
    assert size == (30, 40) and exif.get(0x0112, 1) == 1


def test_a_picture_without_metadata_is_stored_byte_for_byte(as_alice):
    sent = picture("PNG").getvalue()
    upload(as_alice, picture("PNG"))
    with default_storage.open(Image.objects.get().name) as stored:
        assert stored.read() == sent


def test_uploads_are_limited_per_user(as_alice, login_as, bob, settings):
    settings.IMAGE_UPLOADS_PER_WINDOW = 3
    statuses = [upload(as_alice, picture()).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    response = upload(as_alice, picture())
    assert response.json()["code"] == 10603
    assert int(response["Retry-After"]) == settings.IMAGE_UPLOAD_WINDOW_SECONDS
    assert upload(login_as(bob), picture()).status_code == 201  # another author is not slowed
