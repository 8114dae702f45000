"""JSON the parser accepts but no database can store is a 400, never a 500."""
import pytest

from topic.models import Topic

LONE_SURROGATE = '"\\ud800x"'  # valid JSON, not valid Unicode


@pytest.mark.parametrize("method,path,body", [
    ("post", "/v1/tokens", '{"username": %s, "password": "secret123"}' % LONE_SURROGATE),
    ("put", "/v1/users/alice", '{"nickname": %s}' % LONE_SURROGATE),
    ("post", "/v1/topics/alice", '{"title": "t", "content": %s, "limit": "public", "category": "tec"}'
     % LONE_SURROGATE),
    ("post", "/v1/messages/{topic_id}", '{"content": %s}' % LONE_SURROGATE),
    ("post", "/v1/tokens", '{%s: "key", "username": "alice", "password": "secret123"}' % LONE_SURROGATE),
])
def test_a_lone_utf16_surrogate_in_a_json_body_is_400(make_user, login_as, method, path, body):
    alice = make_user("alice")
    topic = Topic.objects.create(author=alice, title="t", category="tec", limit="public",
                                 introduce="i", content="c")
    response = getattr(login_as(alice), method)(path.format(topic_id=topic.id), body)
    assert response.status_code == 400
    assert response.json() == {"code": 10001, "error": "Request body contains text that is not valid Unicode"}
