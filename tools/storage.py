"""Where uploaded files live: Django's STORAGES setting from STORAGE_URL (docs/api.md §2, §11).

Unset: the filesystem under MEDIA_ROOT, served at MEDIA_URL (the API serves /media/
itself on the embedded default). Set: S3-compatible object storage through
django-storages, e.g.

    STORAGE_URL=s3://jiuzhi-media?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou
    STORAGE_ACCESS_KEY=...  STORAGE_SECRET_KEY=...

Query parameters: `endpoint` (the service's URL; none for AWS S3 itself), `region`,
`public_url` (the CDN or public address objects are read at, e.g.
`https://img.example.com`; default: the endpoint), `addressing` (`path` or `virtual`;
default `path` with an endpoint, the bucket in the host name for Aliyun OSS needs
`virtual`), `prefix` (a folder inside the bucket), `acl` (e.g. `public-read`, for
services that grant reading per object rather than per bucket).

Objects are read by anyone who has the URL (article images, avatars): the URLs are
plain, unsigned and do not expire, so the bucket (or `prefix`) must be publicly
readable. docs/images.md says how.
"""
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
KNOWN_PARAMETERS = {"endpoint", "region", "public_url", "addressing", "prefix", "acl"}


def _public_domain(public_url):
    """(custom_domain, url_protocol) for django-storages from "https://cdn.host/path"."""
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured("STORAGE_URL: public_url must be an http(s) URL")
    return parts.netloc + parts.path.rstrip("/"), parts.scheme + ":"


def s3_options(url, access_key=None, secret_key=None):
    """The S3Storage OPTIONS for an `s3://bucket?...` STORAGE_URL."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured("STORAGE_URL must look like s3://bucket?endpoint=https://…&region=…")
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    unknown = set(query) - KNOWN_PARAMETERS
    if unknown:
        raise ImproperlyConfigured(f"STORAGE_URL: unknown parameter(s) {', '.join(sorted(unknown))}")
    endpoint = query.get("endpoint")
    addressing = query.get("addressing", "path" if endpoint else None)
    if addressing not in ("path", "virtual", None):
        raise ImproperlyConfigured("STORAGE_URL: addressing must be path or virtual")
    options = {
        "bucket_name": parts.netloc,
        "access_key": access_key,
        "secret_key": secret_key,
        "endpoint_url": endpoint,
        "region_name": query.get("region"),
        "addressing_style": addressing,
        "location": query.get("prefix", "").strip("/"),
        "default_acl": query.get("acl"),
        "querystring_auth": False,  # plain URLs that never expire: they go into articles
        "file_overwrite": False,
        "signature_version": "s3v4",
        # Names are random and never reused: browsers and CDNs may keep a file for good.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if query.get("public_url"):
        options["custom_domain"], options["url_protocol"] = _public_domain(query["public_url"])
    return options


def storages(storage_url=None, access_key=None, secret_key=None):
    """The STORAGES setting: files in the bucket of `storage_url`, or on the filesystem
    (MEDIA_ROOT and MEDIA_URL, read when used)."""
    if storage_url:
        default = {"BACKEND": S3, "OPTIONS": s3_options(storage_url, access_key, secret_key)}
    else:
        default = {"BACKEND": FILESYSTEM}
    return {
        "default": default,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
