"""GET /v1/health (docs/api.md §4): 200 when the database and the cache answer, 503 naming the
part that does not. The outages are real: a live server pointed at a closed port."""
import requests

from tests.hardening.conftest import REQUEST_TIMEOUT, free_port, manage_ok, server_env


def test_health_is_200_when_database_and_cache_answer(api, db):
    response = api.get("/v1/health")
    assert response.status_code == 200
    assert response.json() == {"code": 200, "data": {"status": "ok", "database": "ok", "cache": "ok"}}


def test_health_is_503_with_the_database_down(start_server, tmp_path):
    env = server_env(tmp_path, DATABASE_URL=f"mysql://jiuzhi:pw@127.0.0.1:{free_port()}/jiuzhi")
    server = start_server(env)
    response = requests.get(f"{server.url}/v1/health", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 503
    assert response.json() == {"code": 10007, "error": "Unhealthy: database",
                               "fields": {"database": "down", "cache": "ok"}}


def test_health_is_503_with_the_cache_down(start_server, tmp_path):
    env = server_env(tmp_path, REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    manage_ok(env, "migrate", "--noinput")
    server = start_server(env)
    response = requests.get(f"{server.url}/v1/health", timeout=REQUEST_TIMEOUT)
    assert response.status_code == 503
    assert response.json() == {"code": 10007, "error": "Unhealthy: cache",
                               "fields": {"database": "ok", "cache": "down"}}
    assert "health check cache failed" in server.stop()
