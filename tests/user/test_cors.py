import pytest


@pytest.mark.django_db
def test_preflight_from_the_spa_origin_is_allowed_and_cached_a_day(api):
    response = api.options("/v1/tokens", HTTP_ORIGIN="http://127.0.0.1:5000",
                           HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
                           HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type")
    assert response["Access-Control-Allow-Origin"] == "http://127.0.0.1:5000"
    allowed = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert response["Access-Control-Max-Age"] == "86400"


@pytest.mark.django_db
def test_unknown_origin_gets_no_cors_header(api):
    response = api.get("/v1/users/nobody", HTTP_ORIGIN="http://evil.example")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_whitelist_comes_from_settings(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://blog.example.com"]
    response = api.get("/v1/users/nobody", HTTP_ORIGIN="https://blog.example.com")
    assert response["Access-Control-Allow-Origin"] == "https://blog.example.com"
