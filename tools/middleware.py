"""Request-wide concerns: error envelope, body size limit, one log line per request,
and which database a request reads from when there is a replica."""
import logging
import time

from django.core.exceptions import RequestDataTooBig
from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware

from tools import db_router
from tools.auth import raw_token
from tools.http import TOO_LARGE, ApiError, error_response

logger = logging.getLogger("jiuzhi.request")


class ApiErrorMiddleware:
    """Turns ApiError (and anything unexpected) into the JSON envelope."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApiError):
            return error_response(
                exception.status, exception.code, exception.message,
                exception.fields, exception.headers,
            )
        if isinstance(exception, RequestDataTooBig):
            return error_response(413, TOO_LARGE, "Request body is too large")
        return None  # Django's own handling, then the JSON handlers in tools.views


class BodySizeLimitMiddleware:
    """Refuse oversized bodies before anything reads them (413): REQUEST_MAX_BYTES, or
    the larger limit of the few paths in REQUEST_MAX_BYTES_BY_PATH (imports, XML-RPC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.path in settings.UPLOAD_PATHS:
            limit = settings.UPLOAD_REQUEST_MAX_BYTES
        else:
            limit = settings.REQUEST_MAX_BYTES_BY_PATH.get(request.path, settings.REQUEST_MAX_BYTES)
        if length > limit:
            return error_response(413, TOO_LARGE, "Request body is too large")
        return self.get_response(request)


class RequestLogMiddleware:
    """One line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        elapsed_ms = (time.monotonic() - started) * 1000
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(level, "%s %s %s %.1fms", request.method, request.path,
                   response.status_code, elapsed_ms)
        return response


class AdminCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection for the pages under ADMIN_URL_PREFIX, whose login is a
    session cookie a browser sends along on any site's form post. The JSON API is
    authenticated by the Authorization header alone, which another site cannot make a
    browser send, so its requests pass untouched (and keep no CSRF cookie)."""

    def _protects(self, request):
        return request.path.startswith(settings.ADMIN_URL_PREFIX)

    def process_request(self, request):
        if self._protects(request):
            return super().process_request(request)
        return None

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if self._protects(request):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        return None

    def process_response(self, request, response):
        if self._protects(request):
            return super().process_response(request, response)
        return response


class ReplicaRoutingMiddleware:
    """Tells tools.db_router who is asking (the raw token, decoded only if a read
    needs the user id: a visitor costs nothing) and whether the whole request must
    read from the primary (a write method, the payment endpoints); after a request
    that wrote, pins its user to the primary for a few seconds (read-your-writes).
    In MIDDLEWARE only when DATABASE_REPLICA_URL is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = (request.method not in db_router.SAFE_METHODS
                   or request.path.startswith(db_router.PRIMARY_PATHS))
        reset_token = db_router.begin_request(raw_token(request), primary)
        try:
            response = self.get_response(request)
        finally:
            routing = db_router.end_request(reset_token)
        if routing.wrote:
            routing.remember_write()
        return response
