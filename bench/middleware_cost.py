#!/usr/bin/env python
"""What each layer of a cached-list hit costs, in-process (no sockets, no gunicorn):
`GET /v1/topics/<author>` as a visitor, through Django's WSGI handler, with the full
MIDDLEWARE, then with one middleware left out at a time, against the bare baseline
view with the same middleware. Per-request microseconds, median of interleaved rounds.

    .venv/bin/python bench/middleware_cost.py [--redis redis://127.0.0.1:6379/12] [-n 3000]

Uses a throw-away SQLite database; with --redis the cache hit pays its real round
trip (the database given is flushed before and after). The request log line goes to
/dev/null through the configured handler, as it costs in production.
"""
import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", help="REDIS_URL of a database this may flush")
    parser.add_argument("-n", type=int, default=3000, help="requests per round and case")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="jiuzhi-mwcost-")
    os.environ.update(DJANGO_SETTINGS_MODULE="bench.settings", JIUZHI_LOCAL_DIR=tmp,
                      DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", LOG_LEVEL=os.environ.get("LOG_LEVEL", "INFO"))
    for name in ("CELERY_BROKER_URL", "DJANGO_ENV", "DATABASE_REPLICA_URL"):
        os.environ.pop(name, None)
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    else:
        os.environ.pop("REDIS_URL", None)

    import django
    django.setup()
    import logging

    from django.conf import settings
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.test.utils import override_settings

    from topic.models import Topic
    from user.models import UserProfile

    for handler in logging.getLogger().handlers:  # the request line, written as deployed
        if hasattr(handler, "setStream"):
            handler.setStream(open(os.devnull, "w"))
    call_command("migrate", verbosity=0)
    cache.clear()
    author = UserProfile.objects.create_user("big", password="x" * 12, nickname="Big")
    Topic.objects.bulk_create(Topic(author=author, title=f"Article {i}", category="tec",
                                    limit="public", introduce="intro " * 5, content="<p>x</p>")
                              for i in range(30))

    def environ(path):
        path, _, query = path.partition("?")
        return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000",
                "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
                "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
                "HTTP_USER_AGENT": "wrk", "REMOTE_ADDR": "127.0.0.1"}

    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    def timed(handler, path, n):
        started = time.perf_counter()
        for _ in range(n):
            response = handler(environ(path), start_response)
            body = b"".join(response)
            assert statuses[-1].startswith("200"), (statuses[-1], body[:300])
            response.close()
        return (time.perf_counter() - started) / n * 1e6

    full = list(settings.MIDDLEWARE)
    variants = {"full middleware": full}
    jwt = "tools.auth.JWTAuthenticationMiddleware"  # views need request.user
    for name in full:
        if name != jwt:
            variants[f"without {name.rsplit('.', 1)[1]}"] = [m for m in full if m != name]
    variants["only JWTAuthenticationMiddleware"] = [jwt]
    handlers = {}
    for label, middleware in variants.items():
        with override_settings(MIDDLEWARE=middleware):
            handlers[label] = WSGIHandler()
    paths = {"cached list": "/v1/topics/big", "baseline": "/bench/baseline"}
    for label, handler in list(handlers.items()):
        for path in paths.values():
            try:
                timed(handler, path, 200)  # warm (and fill the cache)
            except AssertionError:  # e.g. the admin's AuthenticationMiddleware needs sessions
                print(f"({label}: {path} fails without it; not measured)")
                handlers.pop(label)
                break
    results = {(label, case): [] for label in handlers for case in paths}
    for _ in range(args.rounds):
        for label, handler in handlers.items():
            for case, path in paths.items():
                results[label, case].append(timed(handler, path, args.n))
    med = {key: statistics.median(values) for key, values in results.items()}
    base_full = med["full middleware", "cached list"]
    print(f"{'variant':42} {'cached list µs':>15} {'baseline µs':>12} {'list/base':>10} {'saves µs':>9}")
    for label in handlers:
        listed, base = med[label, "cached list"], med[label, "baseline"]
        print(f"{label:42} {listed:15.1f} {base:12.1f} {base / listed:10.2f} "
              f"{base_full - listed:9.1f}")
    if args.redis:
        cache.clear()


if __name__ == "__main__":
    main()
