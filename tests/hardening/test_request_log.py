"""Logging to stdout, one line per request, every 5xx with its traceback; size limits."""
import logging
import re

from django.test import Client

from tests.hardening.conftest import manage, server_env
from tools.views import HealthView

LINE = r"INFO jiuzhi\.request GET /v1/health 200 \d+\.\dms"


def test_one_line_per_request_goes_to_stdout(tmp_path):
    script = "from django.test import Client; Client().get('/v1/health')"
    result = manage(server_env(tmp_path), "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    assert len(re.findall(LINE, result.stdout)) == 1, result.stdout
    assert "jiuzhi.request" not in result.stderr


def test_a_5xx_is_logged_with_its_traceback_and_answered_with_the_envelope(db, caplog, monkeypatch):
    def broken(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(HealthView, "get", broken)
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get("/v1/health")
    assert response.status_code == 500
    assert response.json() == {"code": 10005, "error": "Internal server error"}
    request_lines = [r for r in caplog.records if r.name == "jiuzhi.request"]
    assert [(r.levelno, r.getMessage().rsplit(" ", 1)[0]) for r in request_lines] == [
        (logging.ERROR, "GET /v1/health 500")]
    tracebacks = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert tracebacks and "boom" in caplog.text


def test_a_body_over_3_mb_is_413_before_it_is_read(api):
    response = api.post("/v1/tokens", "{}", CONTENT_LENGTH=str(3 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.json() == {"code": 10004, "error": "Request body is too large"}


def test_a_json_body_over_1_mb_is_413(api, db):
    response = api.post("/v1/tokens", {"username": "x" * (1024 * 1024), "password": "secret123"})
    assert response.status_code == 413
    assert response.json()["code"] == 10004
