"""Uploads on S3-compatible object storage (STORAGE_URL), against a local moto server."""
import pytest
import requests
from django.core.files.storage import default_storage
from storages.backends.s3 import S3Storage

from images.models import Image
from tests.images.conftest import upload
from tests.images.pictures import GPS_IFD, exif_of, photo_with_location, picture

pytestmark = pytest.mark.django_db
TIMEOUT = 30


def test_storage_url_makes_the_bucket_the_default_storage(s3_bucket):
    assert default_storage.bucket_name == s3_bucket.bucket
    assert isinstance(default_storage._wrapped, S3Storage)


def test_an_image_goes_to_the_bucket_and_its_url_serves_it(as_alice, s3_bucket, s3_server, settings):
    sent = picture("PNG").getvalue()
    response = upload(as_alice, picture("PNG"))
    assert response.status_code == 201
    url = response.json()["data"]["url"]
    name = Image.objects.get().name
    assert url == f"{s3_server}/{s3_bucket.bucket}/{name}"
    assert s3_bucket.get_object(Bucket=s3_bucket.bucket, Key=name)["Body"].read() == sent
    fetched = requests.get(url, timeout=TIMEOUT)
    assert fetched.status_code == 200 and fetched.content == sent
    assert fetched.headers["Content-Type"] == "image/png"
    assert fetched.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert not (settings.MEDIA_ROOT / name).exists()


def test_the_gps_position_is_gone_in_the_bucket_too(as_alice, s3_bucket):
    url = upload(as_alice, photo_with_location()).json()["data"]["url"]
    exif, _ = exif_of(requests.get(url, timeout=TIMEOUT).content)
    assert GPS_IFD not in exif


def test_an_avatar_goes_to_the_bucket_and_its_url_is_absolute(login_as, alice, s3_bucket, s3_server):
    client = login_as(alice)
    sent = picture("JPEG").getvalue()
    first = upload(client, picture("JPEG"), path="/v1/users/alice/avatar", field="avatar").json()["data"]
    assert first["avatar_url"] == f"{s3_server}/{s3_bucket.bucket}/{first['avatar']}"
    fetched = requests.get(first["avatar_url"], timeout=TIMEOUT)
    assert fetched.status_code == 200 and fetched.content == sent
    profile = client.get("/v1/users/alice").json()["data"]
    assert profile["avatar_url"] == first["avatar_url"]


def test_a_new_avatar_deletes_the_old_object(login_as, alice, s3_bucket):
    client = login_as(alice)
    first = upload(client, picture("PNG"), path="/v1/users/alice/avatar", field="avatar").json()["data"]
    second = upload(client, picture("GIF"), path="/v1/users/alice/avatar", field="avatar").json()["data"]
    keys = {o["Key"] for o in s3_bucket.list_objects_v2(Bucket=s3_bucket.bucket).get("Contents", [])}
    assert keys == {second["avatar"]} and first["avatar"] != second["avatar"]
