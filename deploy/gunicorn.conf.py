"""gunicorn settings for the API: `gunicorn -c deploy/gunicorn.conf.py longtoblog.wsgi`.

Every value can be overridden from the environment (or on the command line, which wins).
Processes share nothing but MySQL and Redis, so scaling out is more workers here and
more hosts behind nginx (docs/deploy.md).
"""
import functools
import multiprocessing
import os

from gunicorn.http.wsgi import Response as _Response

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads help while a request waits on Alipay's trade query or YunTongXun.
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never takes a host down.
max_requests = 2000
max_requests_jitter = 200
# nginx sets X-Forwarded-Proto; only trust it from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Bodies are capped by the app (413 envelope); gunicorn caps the request line and headers.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The app logs one line per request (tools.middleware.RequestLogMiddleware) to stdout;
# gunicorn's own access log would only repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


# gunicorn has no setting for its `Server: gunicorn` header, which tells a scanner whose
# advisories to try. `gunicorn.SERVER = ""` would still send an empty `Server:` line (and
# only while this file runs before gunicorn.http.wsgi copies the name), so drop the line
# where the response writes it. tests/hardening/test_server_header.py notices if a gunicorn
# upgrade moves it. A reload (SIGHUP) runs this file again: wrap gunicorn's own method.
_with_server = getattr(_Response.default_headers, "__wrapped__", _Response.default_headers)


@functools.wraps(_with_server)
def _without_server(response):
    return [line for line in _with_server(response) if not line.lower().startswith("server:")]


_Response.default_headers = _without_server

# gunicorn 27's control socket (~/.gunicorn/gunicorn.ctl) can reload or stop the
# server; nothing here uses it, and every instance would replace the last one's.
control_socket_disable = True
