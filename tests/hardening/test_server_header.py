"""deploy/gunicorn.conf.py hides which server answers: no `Server: gunicorn` header."""
import requests

from tests.hardening.conftest import REQUEST_TIMEOUT, server_env


def test_gunicorn_sends_no_server_header(start_server, tmp_path):
    server = start_server(server_env(tmp_path))
    for method in ("GET", "HEAD"):
        response = requests.request(method, f"{server.url}/v1/health", timeout=REQUEST_TIMEOUT)
        assert "server" not in {name.lower() for name in response.headers}, response.headers
        assert "gunicorn" not in str(response.headers).lower()
