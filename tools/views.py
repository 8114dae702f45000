"""The base class of every API view, the JSON 400/403/404/500 handlers, health and the API document."""
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.views import View
from django.views.static import serve

from tools.health import check_all

from tools.http import (
    FORBIDDEN, INVALID_PARAMETER, METHOD_NOT_ALLOWED, NOT_FOUND, SERVER_ERROR, SERVICE_UNAVAILABLE, ApiError, error_response, ok,
)


class ApiView(View):
    def http_method_not_allowed(self, request, *args, **kwargs):
        allowed = ", ".join(m.upper() for m in self._allowed_methods())
        raise ApiError(405, METHOD_NOT_ALLOWED, f"Method {request.method} not allowed",
                       headers={"Allow": allowed})


def bad_request(request, exception=None):
    return error_response(400, INVALID_PARAMETER, "Bad request")


def forbidden(request, exception=None):
    return error_response(403, FORBIDDEN, "Forbidden")


def not_found(request, exception=None):
    return error_response(404, NOT_FOUND, "Not found")


def server_error(request):
    return error_response(500, SERVER_ERROR, "Internal server error")


class HealthView(ApiView):
    """200 when the database and the cache answer, 503 naming the part that failed."""

    def get(self, request):
        checks = check_all()
        healthy = all(value == "ok" for value in checks.values())
        if healthy:
            return ok({"status": "ok", **checks})
        return error_response(503, SERVICE_UNAVAILABLE, "Unhealthy: " + ", ".join(
            name for name, value in checks.items() if value != "ok"), fields=checks)


@lru_cache(maxsize=1)
def openapi_document():
    return (settings.BASE_DIR / "docs" / "openapi.json").read_bytes()


class OpenApiView(ApiView):
    """docs/openapi.json, the description of the whole /v1/ API (docs/api.md §3), as it is."""

    def get(self, request):
        return HttpResponse(openapi_document(), content_type="application/json")


def media(request, path):
    """Uploaded files (avatars); nginx or a CDN serves them in production."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
