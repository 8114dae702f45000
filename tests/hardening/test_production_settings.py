"""The production environment: `check --deploy` clean, secrets required, HTTPS headers,
and no start at all on an unsafe configuration (docs/api.md §15)."""
import secrets
import subprocess

import pytest
import requests

from payment.alipay import generate_key_files
from tests.hardening.conftest import (
    BIN, COMMAND_TIMEOUT, REQUEST_TIMEOUT, ROOT, manage, manage_ok, server_env,
)

REAL_GATEWAY = "https://openapi.alipay.com/gateway.do"


@pytest.fixture(scope="module")
def alipay_key_files(tmp_path_factory):
    """Key files an operator would have downloaded from Alipay's console."""
    keys = generate_key_files(tmp_path_factory.mktemp("production-alipay") / "keys")
    return {"ALIPAY_APP_PRIVATE_KEY_FILE": str(keys / "app_private.pem"),
            "ALIPAY_PUBLIC_KEY_FILE": str(keys / "alipay_public.pem")}


@pytest.fixture
def production_env(tmp_path, alipay_key_files):
    """production_env(**overrides): a complete production environment (docs/deploy.md)."""

    def make(**overrides):
        values = {"DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
                  "JWT_SECRET": secrets.token_urlsafe(50),
                  "ALLOWED_HOSTS": "127.0.0.1,api.example.com",
                  "SMS_BACKEND": "yuntongxun", "SMS_ACCOUNT_SID": "sid", "SMS_ACCOUNT_TOKEN": "token",
                  "SMS_APP_ID": "app", "ALIPAY_APP_ID": "2021000000000042",
                  "ALIPAY_GATEWAY": REAL_GATEWAY, **alipay_key_files}
        values.update(overrides)
        return server_env(tmp_path, **values)

    return make


def test_check_deploy_is_clean_in_production(production_env):
    result = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SECRET", "ALLOWED_HOSTS", "SMS_BACKEND"])
def test_production_refuses_to_start_without(production_env, name):
    result = manage(production_env(**{name: ""}), "check")
    assert result.returncode != 0
    assert f"{name} must be set when DJANGO_ENV=production" in result.stderr


def test_production_refuses_the_console_sms_backend(production_env):
    result = manage(production_env(SMS_BACKEND="console"), "check")
    assert result.returncode != 0
    assert "the console backend only logs the codes" in result.stderr


@pytest.mark.parametrize("overrides, error_id", [
    ({"ALIPAY_GATEWAY": ""}, "jiuzhi.E001"),  # the default: the offline cashier
    ({"ALIPAY_APP_PRIVATE_KEY_FILE": "", "ALIPAY_PUBLIC_KEY_FILE": ""}, "jiuzhi.E002"),
    ({"ALIPAY_PUBLIC_KEY_FILE": ""}, "jiuzhi.E002"),
    ({"ALIPAY_PUBLIC_KEY_FILE": "/nonexistent/alipay_public.pem"}, "jiuzhi.E004"),
])
def test_check_deploy_names_what_is_wrong_with_alipay(production_env, overrides, error_id):
    result = manage(production_env(**overrides), "check", "--deploy")
    assert result.returncode != 0
    assert error_id in result.stdout + result.stderr


def test_gunicorn_refuses_to_start_with_the_offline_cashier(start_server, production_env):
    with pytest.raises(RuntimeError, match="jiuzhi.E001"):
        start_server(production_env(ALIPAY_GATEWAY=""))


def test_a_celery_worker_refuses_to_start_with_generated_alipay_keys(production_env):
    env = production_env(ALIPAY_APP_PRIVATE_KEY_FILE="", ALIPAY_PUBLIC_KEY_FILE="",
                         CELERY_BROKER_URL="redis://127.0.0.1:1/0")  # never reached
    worker = subprocess.run([str(BIN / "celery"), "-A", "longtoblog", "worker", "--pool", "solo"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    assert worker.returncode != 0
    assert "jiuzhi.E002" in worker.stderr


def test_the_offline_cashier_is_not_served_in_production(start_server, production_env):
    server = start_server(production_env())
    https = {"X-Forwarded-Proto": "https"}
    for method, path in (("POST", "/fake-alipay/pay"), ("GET", "/fake-alipay/gateway.do")):
        response = requests.request(method, f"{server.url}{path}", headers=https, timeout=REQUEST_TIMEOUT)
        assert response.status_code == 404, path


def test_production_never_imports_the_development_tools(production_env):
    out = manage_ok(production_env(), "shell", "-c",
                    "import sys, longtoblog.urls, longtoblog.celery; "
                    "print(sorted(name for name in sys.modules if name.startswith('devtools')))")
    assert out.strip().splitlines()[-1] == "[]"


def test_production_sends_security_headers_and_redirects_plain_http(start_server, production_env):
    env = production_env()
    manage_ok(env, "migrate", "--noinput")
    server = start_server(env)
    https = {"X-Forwarded-Proto": "https"}

    response = requests.get(f"{server.url}/v1/topics", headers=https, timeout=REQUEST_TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"

    plain = requests.get(f"{server.url}/v1/topics", allow_redirects=False, timeout=REQUEST_TIMEOUT)
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://127.0.0.1:{server.port}/v1/topics"
    assert requests.get(f"{server.url}/v1/health", timeout=REQUEST_TIMEOUT).status_code == 200


def test_production_errors_are_json_without_debug_pages(start_server, production_env):
    server = start_server(production_env())
    response = requests.get(f"{server.url}/v1/nowhere", headers={"X-Forwarded-Proto": "https"},
                            timeout=REQUEST_TIMEOUT)
    assert response.status_code == 404
    assert response.json() == {"code": 10003, "error": "Not found"}
    bad_host = requests.get(f"{server.url}/v1/health", headers={"Host": "evil.example"},
                            timeout=REQUEST_TIMEOUT)
    assert bad_host.status_code == 400
    assert bad_host.json()["code"] == 10006
