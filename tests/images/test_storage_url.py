"""STORAGE_URL and its keys become Django's STORAGES setting (docs/api.md §2, §11)."""
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tools.storage import FILESYSTEM, S3, s3_options, storages


def test_unset_is_the_filesystem_under_media_root():
    assert storages()["default"] == {"BACKEND": FILESYSTEM}


def test_an_endpoint_and_region_give_plain_path_style_urls():
    options = s3_options("s3://blog-media?endpoint=https://minio.example.com:9000&region=cn-east-1",
                         "AK", "SK")
    assert options == {
        "bucket_name": "blog-media", "access_key": "AK", "secret_key": "SK",
        "endpoint_url": "https://minio.example.com:9000", "region_name": "cn-east-1",
        "addressing_style": "path", "location": "", "default_acl": None,
        "querystring_auth": False, "file_overwrite": False, "signature_version": "s3v4",
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }


def test_aliyun_oss_uses_virtual_hosts_a_cdn_and_a_prefix():
    options = s3_options("s3://blog?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou"
                         "&addressing=virtual&public_url=https://img.example.com/&prefix=/media/")
    assert options["addressing_style"] == "virtual"
    assert (options["custom_domain"], options["url_protocol"]) == ("img.example.com", "https:")
    assert options["location"] == "media"


def test_aws_s3_itself_needs_no_endpoint():
    options = s3_options("s3://blog?region=ap-east-1")
    assert options["endpoint_url"] is None and options["addressing_style"] is None


@pytest.mark.parametrize("url", [
    "https://bucket.example.com", "s3://?region=x", "s3://b?endpont=https://typo.example.com",
    "s3://b?addressing=sideways", "s3://b?public_url=cdn.example.com",
])
def test_a_wrong_storage_url_stops_the_start(url):
    with pytest.raises(ImproperlyConfigured):
        s3_options(url)


def test_settings_read_storage_url_and_keys_from_the_environment(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
    env.update(JIUZHI_LOCAL_DIR=str(tmp_path), STORAGE_ACCESS_KEY="AK", STORAGE_SECRET_KEY="SK",
               STORAGE_URL="s3://media?endpoint=https://s3.example.com&region=r1",
               DJANGO_SETTINGS_MODULE="longtoblog.settings")
    script = "from django.conf import settings; import json; print(json.dumps(settings.STORAGES['default']))"
    out = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"],
                         cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    default = json.loads(out.stdout.strip().splitlines()[-1])
    assert default["BACKEND"] == S3
    assert {k: default["OPTIONS"][k] for k in ("bucket_name", "endpoint_url", "region_name",
                                                "access_key", "secret_key")} == {
        "bucket_name": "media", "endpoint_url": "https://s3.example.com", "region_name": "r1",
        "access_key": "AK", "secret_key": "SK"}
