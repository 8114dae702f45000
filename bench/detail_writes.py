#!/usr/bin/env python
"""Database writes per 1,000 article detail requests (docs/api.md §12: no write per view).

    .venv/bin/python bench/detail_writes.py [--rows FILE]

In-process, on a throw-away SQLite file and the local-memory cache (or on
DATABASE_URL / REDIS_URL when set: use a throw-away database), with Celery eager,
as on the embedded default. Every SQL statement of the requests is captured; the
table counts the INSERT/UPDATE/DELETE among them. Views are counted in the cache
(topic/hits.py) and written by a flush queued every VIEWS_FLUSH_EVERY (1,000)
counted views, plus Celery beat every VIEWS_FLUSH_SECONDS on the stack; the last
column checks that after a final flush Topic.views holds every counted view.
Target: at most 1 write per 1,000 detail requests.
"""
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORKDIR = tempfile.mkdtemp(prefix="jiuzhi-bench-views-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/db.sqlite3")
os.environ.setdefault("JIUZHI_LOCAL_DIR", f"{WORKDIR}/local")
os.environ.pop("CELERY_BROKER_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longtoblog.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from topic import hits  # noqa: E402
from topic.models import Topic  # noqa: E402
from user.models import UserProfile  # noqa: E402

REQUESTS = 1000
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def scenario(name, topics, viewer_of):
    """viewer_of(i) -> (topic, REMOTE_ADDR) of request i."""
    client = Client()
    ids = [t.id for t in topics]
    before = Topic.objects.filter(pk__in=ids).aggregate(s=Sum("views"))["s"] or 0
    before += sum(hits.pending_views(i) for i in ids)
    connection.queries_log.clear()  # it keeps 9,000 statements; a scenario makes about 4,000
    with CaptureQueriesContext(connection) as queries:
        for number in range(REQUESTS):
            topic, address = viewer_of(number)
            response = client.get(f"/v1/topics/{topic.author.username}", {"t_id": topic.id},
                                  REMOTE_ADDR=address, HTTP_USER_AGENT="bench")
            assert response.status_code == 200, response.content
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().split()[0].upper() in WRITES]
    total = sum(hits.pending_views(i) for i in ids) + (
        Topic.objects.filter(pk__in=ids).aggregate(s=Sum("views"))["s"] or 0)
    hits.flush_views()
    stored = Topic.objects.filter(pk__in=ids).aggregate(s=Sum("views"))["s"] or 0
    return (name, REQUESTS, len(queries.captured_queries), len(writes),
            f"{len(writes) * 1000 / REQUESTS:.1f}", total - before, stored == total)


def main(rows_file=None):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    cache.clear()
    author = UserProfile.objects.create_user(username="benchauthor", password="x" * 8,
                                             phone="13900000000")
    articles = [Topic.objects.create(author=author, title=f"a{n}", category="tec", limit="public",
                                     introduce="x", content="<p>x</p>") for n in range(10)]
    rows = [
        scenario("1,000 visitors, one article", articles[:1],
                 lambda i: (articles[0], f"10.1.{i // 250}.{i % 250}")),
        scenario("10 visitors reloading, one article", articles[1:2],
                 lambda i: (articles[1], f"10.2.0.{i % 10}")),
        scenario("1,000 visitors over 10 articles", articles,
                 lambda i: (articles[i % 10], f"10.3.{i // 250}.{i % 250}")),
    ]
    header = ("scenario", "requests", "SQL", "DB writes", "writes/1,000", "views counted",
              "all flushed")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(str(value).ljust(width) for value, width in zip(row, widths)))
    worst = max(float(row[4]) for row in rows)
    print(f"\ntarget: <= 1 write per 1,000 detail requests; worst: {worst:.1f} "
          f"({'ok' if worst <= 1 else 'MISSED'}); VIEWS_FLUSH_EVERY={settings.VIEWS_FLUSH_EVERY}")
    if rows_file:  # a row of make bench's table (bench/run.py)
        Path(rows_file).write_text(json.dumps([{
            "figure": "7 views: database writes per 1,000 detail requests (worst scenario)",
            "value": f"{worst:.1f}", "baseline": "-", "ratio": worst, "target": "<= 1",
            "verdict": "PASS" if worst <= 1 else "FAIL"}]))
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[sys.argv.index("--rows") + 1] if "--rows" in sys.argv else None))
