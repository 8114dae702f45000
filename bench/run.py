#!/usr/bin/env python
"""`make bench`: the figures of issue 7 on the production-like stack, as ratios against
baselines measured in the same run. Reading the table: bench/README.md.

    .venv/bin/python bench/run.py [--output FILE]

Stack: MariaDB (throw-away database `jiuzhi_bench`), Redis db 10 (cache) and 11 (broker),
a real Celery worker, the fake SMS gateway, gunicorn with one worker per core. Everything
it starts it stops, and it drops/flushes only what it created.
"""
import argparse
import contextlib
import json
import logging
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, stack  # noqa: E402

TIME_BUDGET_S = 900  # `make bench` must end within 15 minutes, cleanup included
ORIGINAL_ENV = dict(os.environ)  # for the scripts of figures 6-8 (bench_stack replaces it)
CORES = os.cpu_count() or 1
THREAD_200_200 = "200+200"  # bench.data.THREAD_200_200 (that module needs Django set up)


class Row:
    def __init__(self, figure, value, baseline, ratio, target, verdict):
        self.figure, self.value, self.baseline, self.ratio = figure, value, baseline, ratio
        self.target, self.verdict = target, verdict


def verdict(ratio, at_least=None, at_most=None):
    if at_least is not None:
        return "PASS" if ratio >= at_least else "FAIL"
    if at_most is not None:
        return "PASS" if ratio <= at_most else "FAIL"
    return "info"


def log(message):
    print(f">> {message}", flush=True)


def bench_env(tmp):
    from tests.fakes.yuntongxun import ACCOUNT_SID, ACCOUNT_TOKEN, APP_ID

    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_ENV", "DEBUG", "ALLOWED_HOSTS")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "JIUZHI_LOCAL_DIR": str(Path(tmp) / "local"),
        "DATABASE_URL": f"mysql://root:@127.0.0.1:3306/{stack.DB_NAME}",
        "REDIS_URL": f"redis://{stack.REDIS_HOST}:{stack.REDIS_PORT}/{stack.CACHE_DB}",
        "CELERY_BROKER_URL": f"redis://{stack.REDIS_HOST}:{stack.REDIS_PORT}/{stack.BROKER_DB}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "JWT_SECRET": secrets.token_urlsafe(50),
        "SMS_BACKEND": "yuntongxun", "SMS_ACCOUNT_SID": ACCOUNT_SID,
        "SMS_ACCOUNT_TOKEN": ACCOUNT_TOKEN, "SMS_APP_ID": APP_ID, "SMS_TEMPLATE_ID": "1",
        # Bench traffic comes from one address and one login: lift those caps only.
        "SMS_DAILY_LIMIT_PER_IP": str(10**9),
        "LOGIN_FAILURES_PER_USERNAME": str(10**9), "LOGIN_FAILURES_PER_IP": str(10**9),
        "LOG_LEVEL": "INFO",  # one log line per request, as deployed
    })
    return env


def median(values):
    return statistics.median(values)


# --- 1. throughput against the bare baseline view ------------------------------------
def alternating_rps(url, cases, connections, rounds=3):
    """req/s of every case, each measured `rounds` times, alternating and rotating so
    that drift on a shared machine hits every case alike; plus the count of bad replies.
    A case may name its own server (`url`)."""
    rps = {name: [] for name in cases}
    bad = 0
    cases = {name: {"url": url, **case} for name, case in cases.items()}
    for case in cases.values():  # warm every worker thread and connection pool first
        load.wrk(case["url"], seconds=1, connections=connections,
                 **{k: v for k, v in case.items() if k != "url"})
    names = list(cases)
    for round_no in range(rounds):
        for name in names[round_no % len(names):] + names[:round_no % len(names)]:
            case = dict(cases[name])
            result = load.wrk(case.pop("url"), seconds=3, connections=connections, **case)
            rps[name].append(result.rps)
            bad += result.bad_status + result.socket_errors
    return rps, bad


def figure_cached_one_worker(url, url_off):
    """The same ratio on one worker with 2 connections: the cost of a hit per request,
    without gthread scheduling of many connections muddying it. And the same on a
    second one-worker server without client-side caching (REDIS_CLIENT_TRACKING=0),
    interleaved with the first: what the client-side cache buys, in the same run."""
    import requests

    cases = {}
    for suffix, server in (("", url), ("_off", url_off)):
        requests.get(f"{server}/v1/topics/big", timeout=10)
        cases[f"baseline{suffix}"] = dict(url=server, requests="/bench/baseline")
        cases[f"cached{suffix}"] = dict(url=server, requests="/v1/topics/big")
    rps, _ = alternating_rps(url, cases, connections=2, rounds=5)
    rows = []
    for suffix, label, target in (("", "", 0.8), ("_off", " without client tracking", None)):
        base, value = median(rps[f"baseline{suffix}"]), median(rps[f"cached{suffix}"])
        rows.append(Row(f"1 cached list, 1 worker, 2 connections{label} (req/s)", f"{value:.0f}",
                        f"{base:.0f} baseline", value / base,
                        f">= {target}" if target else "report", verdict(value / base, at_least=target)))
    return rows


def production_workers():
    """The worker count and threads of deploy/gunicorn.conf.py on this machine."""
    workers = int(os.environ.get("GUNICORN_WORKERS", CORES * 2 + 1))
    return workers, int(os.environ.get("GUNICORN_THREADS", 4))


def figure_throughput(url, ids):
    import requests

    etag = requests.get(f"{url}/v1/topics/big", timeout=10).headers["ETag"]  # fill the cache
    detail = ids[THREAD_200_200]
    requests.get(f"{url}/v1/topics/small?t_id={detail}", timeout=30)  # and the thread
    cases = {
        "baseline": dict(requests="/bench/baseline"),
        "cached": dict(requests="/v1/topics/big"),
        "revalidated": dict(requests=[{"path": "/v1/topics/big",
                                       "headers": {"If-None-Match": etag}}]),
        "uncached": dict(requests="/bench/list-uncached/big"),
        "detail": dict(requests=f"/v1/topics/small?t_id={detail}"),
        "rebuilt": dict(requests=f"/bench/detail-rebuilt/small?t_id={detail}"),
    }
    # 32 connections: with keep-alive each connection sticks to the worker that accepted
    # it, and with a handful of them one worker often gets most (a 2x swing between runs).
    rps, bad = alternating_rps(url, cases, connections=32)
    base = median(rps["baseline"])
    workers, threads = production_workers()
    rows = []
    for name, label, target in (
        ("cached", f"1 cached list, {workers} workers x {threads} threads (req/s)", 0.8),
        ("revalidated", "1 list, If-None-Match -> 304 (req/s)", None),
        ("uncached", "1 uncached list (req/s)", None),
        ("detail", "1 detail, 200+200 comments (req/s)", None),
    ):
        value = median(rps[name])
        ratio = value / base
        rows.append(Row(label, f"{value:.0f}", f"{base:.0f} baseline", ratio,
                        f">= {target}" if target else "report", verdict(ratio, at_least=target)))
    value, rebuilt = median(rps["detail"]), median(rps["rebuilt"])
    rows.append(Row("1 detail 200+200, cached vs rebuilt after a comment (req/s)", f"{value:.0f}",
                    f"{rebuilt:.0f} rebuilt", value / rebuilt, "report", "info"))
    return rows, bad


# --- 2. scaling with data -----------------------------------------------------------
def count_queries(path, status=200, **headers):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    assert response.status_code == status, (path, response.status_code)
    return len(captured.captured_queries), response


def bench_token():
    """A logged-in reader's Authorization header (the bench's login user)."""
    from tools.auth import make_token
    from user.models import UserProfile

    return make_token(UserProfile.objects.get(username="bench_login"))


def figure_scaling(url, ids):
    cases = {
        "list10k": dict(requests="/bench/list-uncached/big"),
        "list10": dict(requests="/bench/list-uncached/small"),
        "written10k": dict(requests="/bench/list-rebuilt/big"),
        "written10": dict(requests="/bench/list-rebuilt/small"),
        "detail1000": dict(requests=f"/v1/topics/small?t_id={ids[1000]}"),
        "detail10": dict(requests=f"/v1/topics/small?t_id={ids[10]}"),
    }
    p50 = {name: [] for name in cases}
    for _ in range(2):
        for name, case in cases.items():
            p50[name].append(load.wrk(url, seconds=3, connections=1, **case).p50_ms)
    p = {name: median(values) for name, values in p50.items()}
    q1000, _ = count_queries(f"/v1/topics/small?t_id={ids[1000]}")
    q10, _ = count_queries(f"/v1/topics/small?t_id={ids[10]}")
    detail = f"/v1/topics/small?t_id={ids[THREAD_200_200]}"
    q_rebuilt, _ = count_queries(f"/bench/detail-rebuilt/small?t_id={ids[THREAD_200_200]}")
    q_cached, response = count_queries(detail)
    q_304, _ = count_queries(detail, 304, HTTP_IF_NONE_MATCH=response["ETag"])
    reader = {"HTTP_AUTHORIZATION": bench_token()}
    count_queries(detail, **reader)
    q_reader, _ = count_queries(detail, **reader)
    count_queries("/v1/topics/big")  # this client's origin (avatar URLs) is a list of its own
    q_list, _ = count_queries("/v1/topics/big")
    return [
        Row("2 detail SQL queries, 200+200 comments, after a comment", str(q_rebuilt), "5",
            q_rebuilt / 5, "<= 1.0", verdict(q_rebuilt / 5, at_most=1.0)),
        Row("2 SQL queries per cached detail (visitor)", str(q_cached), "-", float(q_cached), "= 0",
            "PASS" if q_cached == 0 else "FAIL"),
        Row("2 SQL queries per cached detail (logged-in reader)", str(q_reader), "-",
            float(q_reader), "report", "info"),
        Row("2 SQL queries of a detail revalidation (304)", str(q_304), "-", float(q_304),
            "report", "info"),
        Row("2 SQL queries of a cached list", str(q_list), "-", float(q_list), "= 0",
            "PASS" if q_list == 0 else "FAIL"),
        Row("2 list p50, 10,000 vs 10 articles (ms)", f"{p['list10k']:.1f}",
            f"{p['list10']:.1f}", p["list10k"] / p["list10"], "<= 1.5",
            verdict(p["list10k"] / p["list10"], at_most=1.5)),
        Row("2 list p50 right after a write (COUNT again), 10,000 vs 10 (ms)",
            f"{p['written10k']:.1f}", f"{p['written10']:.1f}", p["written10k"] / p["written10"],
            "report", "info"),
        Row("2 detail SQL queries, 1,000 vs 10 comments", str(q1000), str(q10), q1000 / q10,
            "= 1.0", "PASS" if q1000 == q10 else "FAIL"),
        Row("2 detail p50, 1,000 vs 10 comments (ms)", f"{p['detail1000']:.1f}",
            f"{p['detail10']:.1f}", p["detail1000"] / p["detail10"], "<= 3",
            verdict(p["detail1000"] / p["detail10"], at_most=3)),
    ]


# --- 3. SMS: a slow gateway must not slow the endpoint ----------------------------------
def figure_sms(url, sms_url):
    import redis
    import requests

    broker = redis.Redis(host=stack.REDIS_HOST, port=stack.REDIS_PORT, db=stack.BROKER_DB)

    def delivered():
        return requests.get(f"{sms_url}/_count", timeout=5).json()["count"]

    def wait_delivered(at_least, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if delivered() >= at_least:
                return True
            time.sleep(0.2)
        return False

    # The worker is up once a code reaches the gateway through the broker.
    start = delivered()
    response = requests.post(f"{url}/v1/users/sms", json={"phone": "13700000000"}, timeout=10)
    assert response.status_code == 202, response.text
    if not wait_delivered(start + 1, 60):
        raise RuntimeError("the Celery worker delivered no SMS within 60 s")

    p99 = {0.0: [], 2.0: []}
    sent = {0.0: 0, 2.0: 0}
    got = {0.0: 0, 2.0: 0}
    phone_base = 3_800_000_000
    for round_ in range(2):
        for delay in (0.0, 2.0):
            requests.put(f"{sms_url}/_delay", data=str(delay), timeout=5)
            broker.delete("celery")  # the other phase's backlog is not this phase's work
            before = delivered()
            result = load.wrk(url, [{"method": "POST", "path": "/v1/users/sms",
                                     "headers": {"Content-Type": "application/json"},
                                     "body": '{"phone": "PHONE"}'}],
                              seconds=4, connections=4, phone_base=phone_base)
            phone_base += 10_000_000
            if result.bad_status or result.socket_errors:
                raise RuntimeError(f"SMS phase got {result.bad_status} bad answers")
            p99[delay].append(result.p99_ms)
            sent[delay] += result.requests
            got[delay] += delivered() - before
    slow, fast = median(p99[2.0]), median(p99[0.0])
    requests.put(f"{sms_url}/_delay", data="0", timeout=5)
    broker.delete("celery")
    note = (f"SMS: instant gateway delivered {got[0.0]}/{sent[0.0]} codes during its phases, "
            f"the 2 s gateway {got[2.0]}/{sent[2.0]} (the worker drains the rest later)")
    return [Row("3 SMS POST p99, 2 s vs instant gateway (ms)", f"{slow:.1f}", f"{fast:.1f}",
                slow / fast, "<= 1.5", verdict(slow / fast, at_most=1.5))], note


# --- 5. login ----------------------------------------------------------------------------
def figure_login(url):
    from django.contrib.auth.hashers import get_hasher

    from bench.data import LOGIN_PASSWORD, LOGIN_USER

    hasher = get_hasher("default")
    started = time.perf_counter()
    for _ in range(3):
        hasher.encode(LOGIN_PASSWORD, hasher.salt())
    hash_s = (time.perf_counter() - started) / 3
    body = '{"username": "%s", "password": "%s"}' % (LOGIN_USER, LOGIN_PASSWORD)
    result = load.wrk(url, [{"method": "POST", "path": "/v1/tokens",
                             "headers": {"Content-Type": "application/json"}, "body": body}],
                      seconds=6, connections=CORES * 2, timeout_s=20)
    if result.bad_status or result.socket_errors:
        raise RuntimeError(f"login got {result.bad_status} bad answers")
    ceiling = CORES / hash_s  # every core hashing all the time, nothing else
    cost = getattr(hasher, "iterations", "?")
    return [Row("5 login POST /v1/tokens (req/s)", f"{result.rps:.1f}",
                f"{ceiling:.1f} hash-bound", result.rps / ceiling, "report", "info")], (
        f"login: {hasher.algorithm} with {cost:,} iterations, one hash = {hash_s * 1000:.0f} ms "
        f"in-process; ceiling = {CORES} cores / hash time; login p50 {result.p50_ms:.0f} ms "
        f"with {CORES * 2} clients")


# --- 4. memory of one worker ------------------------------------------------------------------
def mixed_requests(ids, tokens):
    get = lambda path, **kw: {"path": path, **kw}  # noqa: E731
    return [
        get("/bench/baseline"),
        get("/v1/topics/big"),
        get("/v1/topics/big?page=3", bust=True),
        get(f"/v1/topics/small?t_id={ids[200]}"),
        get("/v1/topics"),
        get("/v1/users/big"),
        get("/v1/topics/big", headers={"Authorization": tokens["big"]}),
        get(f"/v1/topics/small?t_id={ids[10]}", headers={"Authorization": tokens["reader1"]}),
        get("/v1/health"),
        get("/v1/topics/big?category=tec", bust=True),
        get("/bench/list-rebuilt/small"),  # a miss: the list read from the database
        {"method": "POST", "path": "/v1/tokens", "body": "not json",
         "headers": {"Content-Type": "application/json"}},  # 400, the error path
        get("/v1/topics/nobody"),  # 404
    ]


def figure_memory(url, master, ids, tokens):
    (worker,) = stack.worker_pids(master.pid)
    mix = mixed_requests(ids, tokens)
    first = load.wrk(url, mix, seconds=60, connections=4, limit=1000)
    rss_1k = stack.rss_kib(worker)
    rest = load.wrk(url, mix, seconds=200, connections=4, limit=19_000)
    rss_20k = stack.rss_kib(worker)
    if stack.worker_pids(master.pid) != [worker]:
        raise RuntimeError("the gunicorn worker was replaced during the memory figure")
    total = first.requests + rest.requests
    ratio = rss_20k / rss_1k
    return [Row(f"4 worker RSS after {total:,} vs {first.requests:,} mixed req (MiB)",
                f"{rss_20k / 1024:.1f}", f"{rss_1k / 1024:.1f}", ratio, "<= 1.10",
                verdict(ratio, at_most=1.10))], (
        f"memory: {total:,} mixed requests at {rest.rps:.0f} req/s on one worker")


# --- 6-8. figures measured by their own scripts, each on its own data ------------------
SCRIPTS = (  # (name, command, on MariaDB?)
    ("6 search", ["bench/search.py", "--sizes", "1000,100000", "--requests", "20"], True),
    ("7 views", ["bench/detail_writes.py"], False),
    ("8 pages", ["bench/pages.py", "--articles", "10000", "--no-build"], False),
)
SERVICE_VARS = ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "CELERY_BROKER_URL",
                "DJANGO_ENV", "STORAGE_URL", "DJANGO_SETTINGS_MODULE")


def figure_scripts():
    """Rows (and notes) of bench/search.py (MariaDB + Mroonga, scratch database
    `<bench db>_searchbench`), bench/detail_writes.py and bench/pages.py, run after the
    stack is gone so they do not share the machine with it."""
    rows, notes = [], []
    for name, command, on_mariadb in SCRIPTS:
        env = {key: value for key, value in ORIGINAL_ENV.items() if key not in SERVICE_VARS}
        env["PYTHONPATH"] = str(ROOT)
        if on_mariadb:
            env["DATABASE_URL"] = f"mysql://root:@127.0.0.1:3306/{stack.DB_NAME}"
        with tempfile.TemporaryDirectory(prefix="jiuzhi-bench-rows-") as tmp:
            out = Path(tmp) / "rows.json"
            done = subprocess.run([sys.executable, *command, "--rows", str(out)], cwd=ROOT, env=env,
                                  capture_output=True, text=True)
            found = json.loads(out.read_text()) if out.exists() else []
        if not found:
            notes.append(f"{name}: no figures ({command[0]} exited {done.returncode}): "
                         f"{done.stderr.strip()[-400:]}")
        rows += [Row(**row) for row in found]
        log(f"{name} done")
    return rows, notes


def table(rows):
    header = ("figure", "value", "baseline", "ratio", "target", "result")
    lines = [(r.figure, r.value, r.baseline, f"{r.ratio:.2f}", r.target, r.verdict) for r in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines)]
    fmt = "| " + " | ".join(f"{{:{w}}}" for w in widths) + " |"
    out = [fmt.format(*header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [fmt.format(*line) for line in lines]
    return "\n".join(out)


def machine():
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{CORES} cores ({model}), {time.strftime('%Y-%m-%d %H:%M %Z')}"


@contextlib.contextmanager
def bench_stack(keep_logs=False):
    """Database, data, Redis, fake SMS, Celery worker; yields a Stack. Cleans up after."""
    load.ensure_wrk()
    # The search index is a Mroonga table (docs/search.md), as in bin/test-stack.
    subprocess.run([str(ROOT / "bin" / "install-mroonga"), "-h", "127.0.0.1", "-uroot"], check=True)
    tmp = tempfile.mkdtemp(prefix="jiuzhi-bench-")
    env = bench_env(tmp)
    os.environ.clear()
    os.environ.update(env)
    procs = stack.Processes(tmp)
    ok = False
    try:
        import django
        from django.core.management import call_command

        django.setup()
        # In-process requests (query counts) must not print the server's request log.
        logging.getLogger("jiuzhi.request").setLevel(logging.WARNING)
        from bench import data
        from tools.auth import make_token

        log(f"database {stack.DB_NAME}, redis db {stack.CACHE_DB}/{stack.BROKER_DB}, logs in {tmp}")
        stack.create_database()
        stack.flush_redis(stack.CACHE_DB, stack.BROKER_DB)
        call_command("migrate", verbosity=0)
        seeded = data.seed()
        tokens = {name: make_token(seeded["users"][name]) for name in ("big", "reader1")}
        sms_url = stack.start_fake_sms(procs, "fake-sms", env)
        stack.start_celery(procs, "celery", {**env, "SMS_BASE_URL": sms_url})
        yield types.SimpleNamespace(env=env, ids=seeded["detail"], tokens=tokens, procs=procs,
                                    sms_url=sms_url, tmp=tmp)
        ok = True
    finally:
        procs.stop_all()
        for cleanup in (stack.drop_database,
                        lambda: stack.flush_redis(stack.CACHE_DB, stack.BROKER_DB)):
            try:
                cleanup()
            except Exception as error:  # cleanup must go on
                print(f"cleanup: {error}", file=sys.stderr)
        if ok and not keep_logs:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"logs kept in {tmp}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", help="also write the table (markdown) to this file")
    parser.add_argument("--keep-logs", action="store_true", help="keep the server logs")
    args = parser.parse_args()

    def out_of_time(signum, frame):
        raise TimeoutError(f"bench exceeded its {TIME_BUDGET_S} s budget")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(TIME_BUDGET_S)
    started = time.monotonic()
    try:
        with bench_stack(args.keep_logs) as st:
            ids, procs = st.ids, st.procs
            log(f"seeded in {time.monotonic() - started:.0f} s")
            url, master = stack.start_gunicorn(procs, "gunicorn", st.env, workers=None)
            log(f"gunicorn {'x'.join(map(str, production_workers()))} (deploy/gunicorn.conf.py) at {url}")

            rows, notes = [], []
            result, bad = figure_throughput(url, ids)
            rows += result
            if bad:
                notes.append(f"throughput: {bad} non-2xx/socket errors")
            log("1 throughput done")
            rows += figure_scaling(url, ids)
            log("2 scaling done")
            result, note = figure_sms(url, st.sms_url)
            rows += result
            notes.append(note)
            log("3 sms done")
            login_rows, note = figure_login(url)
            notes.append(note)
            log("5 login done")
            procs.stop("gunicorn")

            url, master = stack.start_gunicorn(procs, "gunicorn-tp1", st.env, workers=1)
            url_off, _ = stack.start_gunicorn(procs, "gunicorn-tp1-off",
                                              {**st.env, "REDIS_CLIENT_TRACKING": "0"}, workers=1)
            rows[1:1] = figure_cached_one_worker(url, url_off)
            procs.stop("gunicorn-tp1")
            procs.stop("gunicorn-tp1-off")
            log("1 one-worker throughput done")

            url, master = stack.start_gunicorn(procs, "gunicorn-1", st.env, workers=1)
            result, note = figure_memory(url, master, ids, st.tokens)
            rows += result + login_rows
            notes.append(note)
            log("4 memory done")

        result, script_notes = figure_scripts()
        rows += result
        notes += script_notes
        text = table(rows)
        text += "\n\n" + "\n".join(f"- {note}" for note in notes)
        text += f"\n- machine: {machine()}; run took {time.monotonic() - started:.0f} s"
        print("\n" + text, flush=True)
        if args.output:
            Path(args.output).write_text(text + "\n")
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    main()
