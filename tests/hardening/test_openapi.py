"""docs/openapi.json and the URL configuration describe the same API (no drift)."""
import importlib
import json
import re

import pytest
import schemathesis
from django.conf import settings
from django.urls import URLResolver, get_resolver

DOCUMENT = settings.BASE_DIR / "docs" / "openapi.json"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
ERROR_MODULES = ("tools.http", "tools.auth", "user.errors", "topic.errors", "message.errors",
                 "payment.errors", "images.errors", "porting.errors", "search.errors", "social.errors",
                 "notifications.errors")


def document():
    return json.loads(DOCUMENT.read_text(encoding="utf-8"))


def url_routes(patterns=None, prefix=""):
    """(OpenAPI-style path, view callback) of every route of the URL configuration."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route), pattern.callback


def api_routes():
    """{path: set of methods} of every /v1/ route, read from its view class."""
    routes = {}
    for path, callback in url_routes():
        if path.startswith("/v1/"):
            view = callback.view_class
            routes[path] = {m for m in HTTP_METHODS if hasattr(view, m)}
    return routes


def described_routes():
    return {path: {m for m in item if m in HTTP_METHODS}
            for path, item in document()["paths"].items()}


def test_every_route_in_the_url_configuration_is_described():
    described = described_routes()
    missing = {path: sorted(methods - described.get(path, set()))
               for path, methods in api_routes().items() if methods - described.get(path, set())}
    assert missing == {}


def test_every_described_route_exists():
    routes = api_routes()
    extra = {path: sorted(methods - routes.get(path, set()))
             for path, methods in described_routes().items() if methods - routes.get(path, set())}
    assert extra == {}


def test_only_v1_and_non_api_routes_are_left_out():
    others = {path for path, _ in url_routes() if not path.startswith("/v1/")}
    # /xmlrpc speaks XML-RPC, not the JSON envelope: described in docs/porting.md.
    # /admin/ is Django's admin for operators (HTML with a session login, not the API).
    assert all(path.startswith(("/media/", "/fake-alipay/", "/xmlrpc", "/admin/")) for path in others), others


def test_the_document_is_served_at_v1_openapi_json(api):
    response = api.get("/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == document()


def test_the_document_is_openapi_3_1_and_every_operation_loads():
    schema = schemathesis.openapi.from_path(str(DOCUMENT))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert document()["openapi"].startswith("3.1")
    assert len(operations) == sum(len(methods) for methods in described_routes().values())


def test_every_operation_documents_its_errors_with_the_envelope():
    doc = document()
    for path, item in doc["paths"].items():
        for method in set(item) & set(HTTP_METHODS):
            for status, response in item[method]["responses"].items():
                if status.startswith("4") and "$ref" not in response:
                    pytest.fail(f"{method.upper()} {path} {status} does not use a shared error response")
    for name, response in doc["components"]["responses"].items():
        if "content" in response:
            assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_every_error_code_of_the_code_is_in_the_table():
    table = {entry["code"]: entry["status"] for entry in document()["x-error-codes"]}
    in_code = {}
    for module_name in ERROR_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, int) and 10000 <= value < 11000:
                in_code[value] = f"{module_name}.{name}"
    assert sorted(set(in_code) - set(table)) == []
    assert sorted(set(table) - set(in_code)) == []


def test_the_table_is_the_one_of_docs_errors_md():
    rows = re.findall(r"^\| (\d{5}) \| (\d{3}) \|", (settings.BASE_DIR / "docs" / "errors.md").read_text(), re.M)
    table = [(entry["code"], entry["status"]) for entry in document()["x-error-codes"]]
    assert table == [(int(code), int(status)) for code, status in rows]
