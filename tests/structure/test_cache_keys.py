"""Cache entries are keyed on validated parameters, scopes cannot collide, and a
write whose invalidation cannot be recorded is refused (issue 10.4, 10.6, 10.10)."""
import pytest
from django.core.cache import cache

from tests.topic.factories import make_topic
from tools import cache as tools_cache
from topic.models import Topic

pytestmark = pytest.mark.django_db(transaction=True)


def _entries():
    return len(getattr(cache, "_cache", {}))


def test_unknown_query_parameters_make_no_new_cache_entries(api, alice):
    make_topic(alice)
    api.get("/v1/topics/alice")
    before = _entries()
    for n in range(50):
        assert api.get("/v1/topics/alice", {f"pad{n}": n}).status_code == 200
    assert _entries() == before


def test_parameter_order_does_not_matter(api, alice):
    make_topic(alice, "one")
    first = api.get("/v1/topics/alice?page=1&per_page=5")
    Topic.objects.update(title="changed behind the api's back")
    second = api.get("/v1/topics/alice?per_page=5&page=1")
    assert second.content == first.content


def test_a_user_named_people_has_a_scope_of_their_own(api, make_user):
    people = make_user("people")
    make_topic(people, "by people")
    assert [t["title"] for t in api.get("/v1/topics/people").json()["data"]["topics"]] == ["by people"]
    assert tools_cache.scope("author", "people") != tools_cache.scope("people")


def test_making_an_article_private_is_refused_while_its_invalidation_cannot_be_recorded(
        api, alice, login_as, monkeypatch):
    topic = make_topic(alice, "soon private")
    assert api.get("/v1/topics/alice").json()["data"]["total"] == 1  # cached for visitors
    monkeypatch.setattr(tools_cache, "bump_version", lambda name: False)  # Redis is down
    response = login_as(alice).put(f"/v1/topics/alice?t_id={topic.id}", {"limit": "private"})
    assert response.status_code == 503 and response.json()["code"] == 10007
    assert Topic.objects.get(pk=topic.pk).limit == Topic.PUBLIC  # nothing changed
    monkeypatch.undo()  # Redis is back with its data: the cached list is still true
    titles = [t["title"] for t in api.get("/v1/topics/alice").json()["data"]["topics"]]
    assert titles == ["soon private"]
