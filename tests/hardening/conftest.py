"""Live API processes for the hardening tests: gunicorn with deploy/gunicorn.conf.py,
each on a free port, with its own SQLite file and local folder unless told otherwise."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Variables of the surrounding shell that would point a server at other services.
SERVICE_VARS = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SMS_BACKEND", "DJANGO_ENV",
                "SECRET_KEY", "JWT_SECRET", "ALLOWED_HOSTS", "DEBUG", "JIUZHI_LOCAL_DIR")
# Busy machines (make test-busy): a wait ends when the server answers; these deadlines
# only turn a hung server into a failed test. A slow answer is never a failure.
SERVER_START_TIMEOUT = 120  # seconds until a started server must have answered once
REQUEST_TIMEOUT = 30  # seconds per request to a server known to be up
COMMAND_TIMEOUT = 300  # seconds for a manage.py command (migrate, shell)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(folder, **overrides):
    """The embedded default in `folder`: its own SQLite database, secrets and media."""
    env = {name: value for name, value in os.environ.items() if name not in SERVICE_VARS}
    env.update(
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        JIUZHI_LOCAL_DIR=str(folder / "local"),
        MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(env, *args, timeout=COMMAND_TIMEOUT):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def manage_ok(env, *args):
    result = manage(env, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class LiveServer:
    """One gunicorn master with `workers` processes; its output goes to a log file."""

    def __init__(self, env, log_path, workers=1, threads=4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "w")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--threads", str(threads), "longtoblog.wsgi"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self, timeout=SERVER_START_TIMEOUT):
        """Poll until any answer; refused, reset or slow to answer all mean "not up yet"."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.output()}")
            try:
                requests.get(f"{self.url}/v1/openapi.json", allow_redirects=False,
                             timeout=min(REQUEST_TIMEOUT, max(remaining, 1)))
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in {timeout}s:\n{self.output()}")

    def output(self):
        if not self._log.closed:
            self._log.flush()
        return Path(self.log_path).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)  # graceful_timeout is 30 s
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.output()


@pytest.fixture
def start_server(tmp_path):
    """start_server(env, workers=1) -> a running LiveServer, stopped after the test."""
    servers = []

    def start(env, workers=1, threads=4):
        server = LiveServer(env, tmp_path / f"server{len(servers)}.log", workers, threads)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


_summaries = []


@pytest.fixture
def fuzz_summary():
    """Lines shown in pytest's terminal summary (e.g. the number of fuzz cases)."""
    return _summaries


def pytest_terminal_summary(terminalreporter):
    for line in _summaries:
        terminalreporter.write_line(line)
