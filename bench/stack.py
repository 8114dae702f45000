"""The production-like stack for one bench run: a throw-away MariaDB database, two
dedicated Redis databases, fake SMS gateways, gunicorn and a Celery worker.

Every process is started in its own session and stopped by its own id; only what
this module created is dropped or flushed.
"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import MySQLdb
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "passwd": ""}
DB_NAME = os.environ.get("BENCH_DB_NAME", "jiuzhi_bench")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# BENCH_REDIS_DBS="cache,broker" picks two other Redis databases (e.g. on a shared host).
CACHE_DB, BROKER_DB = (int(db) for db in os.environ.get("BENCH_REDIS_DBS", "10,11").split(","))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def create_database():
    conn = MySQLdb.connect(**MYSQL)
    try:
        cursor = conn.cursor()
        cursor.execute(f"DROP DATABASE IF EXISTS `{DB_NAME}`")
        cursor.execute(f"CREATE DATABASE `{DB_NAME}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    finally:
        conn.close()


def drop_database():
    conn = MySQLdb.connect(**MYSQL)
    try:
        conn.cursor().execute(f"DROP DATABASE IF EXISTS `{DB_NAME}`")
    finally:
        conn.close()


def flush_redis(*dbs):
    for db in dbs:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db, socket_timeout=5).flushdb()


class Processes:
    """Children started by the bench, each stopped by its own process group id."""

    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.running = {}

    def start(self, name, command, env):
        log = open(self.log_dir / f"{name}.log", "ab")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        self.running[name] = (process, log)
        return process

    def stop(self, name, timeout=15):
        process, log = self.running.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        log.close()

    def stop_all(self):
        for name in list(self.running):
            try:
                self.stop(name)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass


def wait_http(url, timeout=30, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited (code {process.returncode})")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def start_fake_sms(procs, name, env):
    """tests/fakes/yuntongxun.py with a switchable delay (bench/fakesms.py)."""
    port = free_port()
    procs.start(name, [str(VENV_BIN / "python"), "-m", "bench.fakesms", "--port", str(port)], env)
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/_count", process=procs.running[name][0])
    return url


def start_gunicorn(procs, name, env, workers):
    """gunicorn as deployed (deploy/gunicorn.conf.py when present), on a free port.

    Overridden: the address, the worker count, no recycling (max_requests would replace
    the worker the memory figure watches) and no control socket (it would take the
    default path that another gunicorn on this machine may use)."""
    port = free_port()
    command = [str(VENV_BIN / "gunicorn")]
    config = ROOT / "deploy" / "gunicorn.conf.py"
    if config.exists():
        command += ["-c", str(config)]
    command += ["--bind", f"127.0.0.1:{port}", "--max-requests", "0",
                "--graceful-timeout", "5",
                "--no-control-socket", "longtoblog.wsgi:application"]
    if workers is not None:  # None: as deploy/gunicorn.conf.py says
        command[-1:-1] = ["--workers", str(workers)]
    process = procs.start(name, command, env)
    url = f"http://127.0.0.1:{port}"
    wait_http(f"{url}/bench/baseline", process=process)
    return url, process


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def start_celery(procs, name, env):
    return procs.start(name, [str(VENV_BIN / "celery"), "-A", "longtoblog", "worker",
                              "--loglevel", "WARNING", "--concurrency", "2",
                              "--without-gossip", "--without-mingle", "--without-heartbeat"], env)
