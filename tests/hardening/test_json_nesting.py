"""Issue 10.7: JSON nested deeper than any endpoint takes is a 400, never a 500, also
1,000 levels deep, where the parser itself gives up (RecursionError)."""
import pytest

from tools.http import MAX_JSON_DEPTH

TOO_DEEP = {"code": 10001, "error": f"Request body nests deeper than {MAX_JSON_DEPTH} levels"}


def nested(levels, inner="1"):
    return '{"username": ' + "[" * levels + inner + "]" * levels + ', "password": "secret123"}'


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [1000, 5000, 900, MAX_JSON_DEPTH])
@pytest.mark.parametrize("path", ["/v1/tokens", "/v1/users", "/v1/users/sms"])
def test_deeply_nested_json_is_400(api, path, levels):
    response = api.post(path, nested(levels))
    assert response.status_code == 400
    assert response.json() == TOO_DEEP


@pytest.mark.django_db
def test_deep_objects_are_400_too(api):
    body = '{"a": ' * 1000 + "1" + "}" * 1000
    response = api.post("/v1/tokens", body)
    assert response.status_code == 400 and response.json() == TOO_DEEP


@pytest.mark.django_db
def test_nesting_within_the_limit_is_read_as_usual(api, make_user):
    make_user("alice")
    body = '{"username": "alice", "password": "secret123", "extra": ' + nested(MAX_JSON_DEPTH - 2) + "}"
    assert api.post("/v1/tokens", body).status_code == 200
