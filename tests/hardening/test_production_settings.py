"""The production environment: `check --deploy` clean, secrets required, HTTPS headers."""
import secrets

import pytest
import requests

from tests.hardening.conftest import manage, manage_ok, server_env


def production_env(tmp_path, **overrides):
    values = {"DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
              "JWT_SECRET": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,api.example.com"}
    values.update(overrides)
    return server_env(tmp_path, **values)


def test_check_deploy_is_clean_in_production(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SECRET", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(tmp_path, name):
    result = manage(production_env(tmp_path, **{name: ""}), "check")
    assert result.returncode != 0
    assert f"{name} must be set when DJANGO_ENV=production" in result.stderr


def test_production_sends_security_headers_and_redirects_plain_http(start_server, tmp_path):
    env = production_env(tmp_path)
    manage_ok(env, "migrate", "--noinput")
    server = start_server(env)
    https = {"X-Forwarded-Proto": "https"}

    response = requests.get(f"{server.url}/v1/topics", headers=https, timeout=10)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"

    plain = requests.get(f"{server.url}/v1/topics", allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{server.port}/v1/topics"
    assert requests.get(f"{server.url}/v1/health", timeout=10).status_code == 200


def test_production_errors_are_json_without_debug_pages(start_server, tmp_path):
    server = start_server(production_env(tmp_path))
    response = requests.get(f"{server.url}/v1/nowhere", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert response.status_code == 404
    assert response.json() == {"code": 10003, "error": "Not found"}
    bad_host = requests.get(f"{server.url}/v1/health", headers={"Host": "evil.example"}, timeout=10)
    assert bad_host.status_code == 400
    assert bad_host.json()["code"] == 10006
