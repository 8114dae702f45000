"""The JSON envelope of docs/api.md §3: one error type, one place that renders it."""
import json
import re

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone


class ApiError(Exception):
    """Raise anywhere in a request; tools.middleware renders it as the envelope."""

    def __init__(self, status, code, message, fields=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}


# Error codes shared by all apps (the app codes live next to their apps; docs/errors.md).
INVALID_JSON = 10001
METHOD_NOT_ALLOWED = 10002
NOT_FOUND = 10003
TOO_LARGE = 10004
SERVER_ERROR = 10005
INVALID_PARAMETER = 10006
SERVICE_UNAVAILABLE = 10007
FORBIDDEN = 10008


_django_encoder = DjangoJSONEncoder()
# Datetimes go through DjangoJSONEncoder too, so the output is what JsonResponse gave.
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def dumps(body):
    """UTF-8 JSON, as Django's JsonResponse(ensure_ascii=False) writes it, several times
    faster (orjson: a 200-comment thread in a tenth of the time); what orjson refuses
    (an integer beyond 64 bits, a lone surrogate) goes the old way."""
    try:
        return orjson.dumps(body, default=_django_encoder.default, option=_ORJSON_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")


def json_response(body, status=200):
    return HttpResponse(dumps(body), status=status, content_type="application/json")


def ok(data=None, status=200, **top_level):
    body = {"code": 200, **top_level}
    if data is not None:
        body["data"] = data
    return json_response(body, status)


def no_content():
    from django.http import HttpResponse

    return HttpResponse(status=204)


def error_response(status, code, message, fields=None, headers=None):
    body = {"code": code, "error": message}
    if fields:
        body["fields"] = fields
    response = json_response(body, status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# No endpoint takes JSON nested deeper than a few levels; 1,000 levels overflow the parser.
MAX_JSON_DEPTH = 32


def _too_deep(data, limit):
    """Whether containers nest deeper than `limit` (no recursion: depth is the attack)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _too_deep_error():
    return ApiError(400, INVALID_JSON, f"Request body nests deeper than {MAX_JSON_DEPTH} levels")


def json_body(request):
    """The request body as a dict; anything else is a 400, never a 500."""
    if not request.body:
        return {}
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, INVALID_JSON, "Request body is not valid JSON")
    except RecursionError:
        raise _too_deep_error()
    if not isinstance(data, dict):
        raise ApiError(400, INVALID_JSON, "Request body must be a JSON object")
    if _too_deep(data, MAX_JSON_DEPTH):
        raise _too_deep_error()
    try:
        # JSON may escape a lone UTF-16 surrogate ("\ud800"); no database driver can store it.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, INVALID_JSON, "Request body contains text that is not valid Unicode")
    return data


def form_error(form, code):
    """A 400 naming every invalid field of a Django form."""
    fields = {name: " ".join(errors) for name, errors in form.errors.items()}
    first = next(iter(fields.items()))
    raise ApiError(400, code, f"{first[0]}: {first[1]}", fields=fields)


def valid_form(form_class, data, code, **kwargs):
    """Bind data to a form and return it once valid, or raise the 400."""
    form = form_class(data=data, **kwargs)
    if not form.is_valid():
        form_error(form, code)
    return form


def validate(form_class, data, code, **kwargs):
    """The cleaned_data of a valid form, or the 400."""
    return valid_form(form_class, data, code, **kwargs).cleaned_data


def int_param(value, name, minimum=1, maximum=None, default=None):
    """A positive integer query parameter; junk is a 400 naming the parameter."""
    if value is None or value == "":
        if default is not None:
            return default
        raise ApiError(400, INVALID_PARAMETER, f"{name} is required", fields={name: "required"})
    # ASCII digits only: int() would also take "１２", " 7" and "1_2".
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,20}", value):
        raise ApiError(400, INVALID_PARAMETER, f"{name} must be an integer", fields={name: "not an integer"})
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        limit = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
        raise ApiError(400, INVALID_PARAMETER, f"{name} must be {limit}", fields={name: limit})
    return number


MAX_ID = 2**63 - 1


def id_param(value, name):
    """A database id from the URL or query string (400 when junk or out of range)."""
    return int_param(value, name, minimum=1, maximum=MAX_ID)


TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # docs/api.md §3, in the configured time zone


def size_text(n_bytes):
    """A byte count as people read it in a limit: 5 MB, 512 KB, 100 bytes."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n_bytes % size == 0:
            return f"{n_bytes // size} {unit}"
    return f"{n_bytes} bytes"


def uploaded_file(upload, *, field, what, max_bytes, missing_code, too_large_code):
    """The multipart file sent as `field`: 400 when there is none, 413 when it is larger
    than `max_bytes` (images, avatars and imports share these answers)."""
    if upload is None:
        raise ApiError(400, missing_code, f"Send the {what} as multipart field '{field}'",
                       fields={field: "required"})
    if upload.size > max_bytes:
        raise ApiError(413, too_large_code, f"The {what} must be at most {size_text(max_bytes)}",
                       fields={field: "too large"})
    return upload


def fmt_time(value):
    """docs/api.md §3: "YYYY-MM-DD HH:MM:SS" in the configured time zone."""
    if value is None:
        return None
    return timezone.localtime(value).strftime(TIME_FORMAT)


# "scheme://host/" per the request fields it is derived from: Django validates the host
# against ALLOWED_HOSTS on every call, and a cached list asks once per request. Kept
# only after a successful validation; bounded.
_ORIGINS = {}
_ORIGINS_MAX = 64
_HOST_FIELDS = ("HTTP_X_FORWARDED_HOST", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT")


def origin_of(request):
    """"scheme://host/" of the request, for building absolute URLs outside views."""
    key = (request.scheme, *(request.META.get(name) for name in _HOST_FIELDS))
    origin = _ORIGINS.get(key)
    if origin is None:
        origin = request.build_absolute_uri("/")  # DisallowedHost (400) for a bad host
        if len(_ORIGINS) >= _ORIGINS_MAX:
            _ORIGINS.clear()
        _ORIGINS[key] = origin
    return origin


def absolute_url(origin, url):
    """`url` (already absolute, e.g. on object storage, or a path) on `origin`."""
    return url if "://" in url else origin.rstrip("/") + url
