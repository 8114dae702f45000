#!/usr/bin/env python
"""Publish → crawlable page + sitemap entry (docs/api.md §10: within 5 s), on the embedded default.

    .venv/bin/python bench/pages.py [--articles 10000] [--runs 5]

A throw-away SQLite database and pages folder (nothing of the project's is touched):
one author with `--articles` public articles already published (the sitemap's size),
then `--runs` articles published through the API (Django's test client, in-process,
eager Celery as `make run`); for each, the time from sending the POST until its page
file exists and the sitemap lists it. Also reports a full `build_pages`.
"""
import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S = 5.0


def setup(tmp):
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_ENV"):
        os.environ.pop(name, None)
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "longtoblog.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "JIUZHI_LOCAL_DIR": str(tmp / "local"),
        "PAGES_ROOT": str(tmp / "pages"),
        "LOG_LEVEL": "WARNING",
    })
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def seed(count):
    from topic.models import Topic
    from user.models import UserProfile

    author = UserProfile.objects.create_user(username="bench", password="bench-123456",
                                             phone="13800000000", email="b@example.com",
                                             nickname="压测作者")
    body = "<p>" + "缓存与搜索，" * 40 + "</p>"
    Topic.objects.bulk_create(
        [Topic(author=author, title=f"第{n}篇文章", category="tec", limit="public",
               introduce="缓存与搜索", content=body) for n in range(count)],
        batch_size=2000)
    return author


def in_sitemap(pages, entry):
    """Whether sitemap.xml, or one of the files it indexes, lists `entry`."""
    try:
        sitemap = (pages / "sitemap.xml").read_bytes()
    except FileNotFoundError:
        return False
    if b"<sitemapindex" not in sitemap:
        return entry in sitemap
    for part in re.findall(rb"<loc>[^<]*/(sitemap-[^<]+\.xml)</loc>", sitemap):
        try:
            if entry in (pages / part.decode()).read_bytes():
                return True
        except FileNotFoundError:
            pass
    return False


def publish_once(client, pages, n):
    started = time.perf_counter()
    response = client.post("/v1/topics/bench", {
        "title": f"新文章{n}", "content": "<p>刚刚发布的正文。</p>", "limit": "public",
        "category": "tec", "price": 0}, content_type="application/json")
    assert response.status_code == 201, response.content
    topic_id = response.json()["data"]["id"]
    page = pages / "bench" / "topics" / "detail" / f"{topic_id}.html"
    entry = f"/bench/topics/detail/{topic_id}</loc>".encode()
    deadline = started + 60
    while time.perf_counter() < deadline:
        if page.exists() and in_sitemap(pages, entry):
            return time.perf_counter() - started
        time.sleep(0.005)
    raise SystemExit(f"article {topic_id}: no page or sitemap entry after 60 s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true",
                        help="skip timing a full build_pages (minutes at 100,000 articles); "
                             "only the sitemap is built before publishing")
    parser.add_argument("--rows", help="also write the figure as a row of make bench's table (JSON)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jiuzhi-pages-bench-") as tmp:
        tmp = Path(tmp)
        setup(tmp)
        from django.test import Client

        from pages.build import build_all, sync_sitemap
        from tools.auth import make_token

        print(f">> seeding {args.articles} public articles", flush=True)
        author = seed(args.articles)
        started = time.perf_counter()
        written = None if args.no_build else build_all()
        full = time.perf_counter() - started
        if args.no_build:
            sync_sitemap()  # the sitemap as a deployed site has it (its parts exist)
        client = Client(HTTP_AUTHORIZATION=make_token(author))
        times = [publish_once(client, tmp / "pages", n) for n in range(args.runs)]
        p50, worst = statistics.median(times), max(times)
        print()
        print("| figure | value | target | result |")
        print("|---|---|---|---|")
        print(f"| publish → page + sitemap entry, median of {args.runs} "
              f"({args.articles} articles) | {p50:.3f} s | ≤ {TARGET_S:.0f} s | "
              f"{'PASS' if worst <= TARGET_S else 'FAIL'} |")
        print(f"| the same, slowest | {worst:.3f} s | ≤ {TARGET_S:.0f} s | "
              f"{'PASS' if worst <= TARGET_S else 'FAIL'} |")
        if written is not None:
            print(f"| build_pages, all {written} article pages | {full:.1f} s | – | info |")
        if args.rows:
            Path(args.rows).write_text(json.dumps([{
                "figure": f"8 publish -> crawlable page + sitemap entry, slowest of {args.runs} "
                          f"({args.articles:,} articles) (s)",
                "value": f"{worst:.3f}", "baseline": f"{TARGET_S:.0f} s", "ratio": worst / TARGET_S,
                "target": "<= 1.0", "verdict": "PASS" if worst <= TARGET_S else "FAIL"}]))
        return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
