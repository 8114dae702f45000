"""A real MariaDB primary + replica pair (bin/replica-pair, started by bin/test-stack)
behind a gunicorn of the API with DATABASE_REPLICA_URL set. Skipped unless
TEST_REPLICA_PRIMARY_URL and TEST_REPLICA_URL name the pair.

The last test stops the replica server, so the module runs once per pair.
"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest
import requests

PRIMARY_URL = os.environ.get("TEST_REPLICA_PRIMARY_URL")
REPLICA_URL = os.environ.get("TEST_REPLICA_URL")
ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 120.0  # seconds: a busy machine may be slow to replicate or to start a server


def pytest_collection_modifyitems(config, items):
    if PRIMARY_URL and REPLICA_URL:
        return
    skip = pytest.mark.skip(reason="needs TEST_REPLICA_PRIMARY_URL/TEST_REPLICA_URL (bin/test-stack)")
    for item in items:
        if "replica" in item.keywords:
            item.add_marker(skip)


def wait_for(predicate, what, timeout=DEADLINE):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


class Server:
    """A MariaDB server of the pair, spoken to as root."""

    def __init__(self, url):
        self.config = dj_database_url.parse(url)
        self.name = self.config["NAME"]

    def connect(self, database=True):
        import MySQLdb

        options = {"db": self.name} if database else {}
        return MySQLdb.connect(host=self.config["HOST"], port=int(self.config["PORT"]),
                               user=self.config["USER"], passwd=self.config["PASSWORD"] or "",
                               charset="utf8mb4", autocommit=True, **options)

    def query(self, sql, *args, database=True):
        connection = self.connect(database)
        try:
            cursor = connection.cursor()
            cursor.execute(sql, args or None)
            return cursor.fetchall()
        finally:
            connection.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=600).stdout


@pytest.fixture(scope="module")
def pair():
    primary, replica = Server(PRIMARY_URL), Server(REPLICA_URL)
    primary.query(f"DROP DATABASE IF EXISTS `{primary.name}`", database=False)
    primary.query(f"CREATE DATABASE `{primary.name}` CHARACTER SET utf8mb4 "
                  "COLLATE utf8mb4_unicode_ci", database=False)
    wait_for(lambda: replica.query("SHOW DATABASES LIKE %s", replica.name, database=False),
             "the database to reach the replica")
    return primary, replica


@pytest.fixture(scope="module")
def api(pair, tmp_path_factory):
    """The API on gunicorn, reading from the pair; yields its base URL."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("CELERY_BROKER_URL", "DJANGO_ENV")}
    env.update(DATABASE_URL=PRIMARY_URL, DATABASE_REPLICA_URL=REPLICA_URL,
               REPLICA_PIN_SECONDS="60", LOG_LEVEL="WARNING")
    manage(env, "migrate", "--noinput")
    workers = "2" if env.get("REDIS_URL") else "1"  # the author's pin lives in Redis
    port = free_port()
    log = open(tmp_path_factory.mktemp("gunicorn") / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "longtoblog.wsgi", "-c", "deploy/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", workers, "--threads", "2",
         "--max-requests", "0"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def healthy():
        try:  # a worker still importing the app on a busy machine: keep waiting
            return requests.get(f"{base}/v1/health", timeout=30).status_code < 600
        except requests.RequestException:
            assert server.poll() is None, "gunicorn exited"
            return False

    try:
        wait_for(healthy, "gunicorn to answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
