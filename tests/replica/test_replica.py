"""The read replica on a real MariaDB pair (issue 15): public reads come from the
replica, an author reads their own writes from the primary, readers catch up when
replication resumes, and the API answers from the primary when the replica is gone.

The tests run in this order; the last one stops the replica server.
"""
import os

import pytest
import requests

from tests.replica.conftest import manage, wait_for

pytestmark = pytest.mark.replica

ARTICLE = {"title": "On both", "content": "<p>x</p>", "limit": "public", "category": "tec"}
REPLICA_ONLY_ID = 900001


@pytest.fixture(scope="module")
def alice(api, pair):
    """A user made on the primary (and replicated), with a token."""
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "DJANGO_ENV")}
    env["DATABASE_URL"] = os.environ["TEST_REPLICA_PRIMARY_URL"]
    token = manage(env, "shell", "-c", (
        "from user.models import UserProfile; from tools.auth import make_token; "
        "u = UserProfile.objects.create_user('alice', password='secret123', nickname='Alice'); "
        "print(make_token(u))")).strip().splitlines()[-1]
    wait_for(lambda: pair[1].query("SELECT id FROM user_profile WHERE username='alice'"),
             "alice to reach the replica")
    return token


@pytest.fixture(scope="module")
def bob(pair):
    """An author nobody writes for in these tests (no scope of his was just written, so
    a visitor's cached detail of his is built from the replica)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "DJANGO_ENV")}
    env["DATABASE_URL"] = os.environ["TEST_REPLICA_PRIMARY_URL"]
    token = manage(env, "shell", "-c", (
        "from user.models import UserProfile; from tools.auth import make_token; "
        "u = UserProfile.objects.create_user('bob', password='secret123', phone='13900000002'); "
        "print(make_token(u))")).strip().splitlines()[-1]
    wait_for(lambda: pair[1].query("SELECT id FROM user_profile WHERE username='bob'"),
             "bob to reach the replica")
    return token


def detail(api, topic_id, token=None, author="alice"):
    headers = {"Authorization": token} if token else {}
    return requests.get(f"{api}/v1/topics/{author}", params={"t_id": topic_id},
                        headers=headers, timeout=30)


def title_of(api, topic_id, token=None, author="alice"):
    response = detail(api, topic_id, token, author)
    return response.json()["data"]["title"] if response.status_code == 200 else response.status_code


def publish(api, token, **fields):
    response = requests.post(f"{api}/v1/topics/alice", json={**ARTICLE, **fields},
                             headers={"Authorization": token}, timeout=30)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def replicated(pair, topic_id, title):
    return pair[1].query("SELECT 1 FROM topic WHERE id=%s AND title=%s", topic_id, title)


def test_public_reads_are_served_by_the_replica(api, pair, alice, bob):
    primary, replica = pair
    topic_id = publish(api, alice)
    wait_for(lambda: replicated(pair, topic_id, "On both"), "the article to replicate")
    # A row of bob's that exists on the replica only: if a visitor sees it, the replica
    # served it. (Not alice's: right after her write, what is built for the cache under
    # her new version is read from the primary, tools/cache.py.)
    connection = replica.connect()
    try:
        cursor = connection.cursor()
        cursor.execute("CREATE TEMPORARY TABLE copy SELECT * FROM topic WHERE id=%s", (topic_id,))
        cursor.execute("UPDATE copy SET id=%s, title='Only on the replica', "
                       "author_id=(SELECT id FROM user_profile WHERE username='bob')",
                       (REPLICA_ONLY_ID,))
        cursor.execute("INSERT INTO topic SELECT * FROM copy")
    finally:
        connection.close()
    try:
        assert not primary.query("SELECT 1 FROM topic WHERE id=%s", REPLICA_ONLY_ID)
        assert title_of(api, REPLICA_ONLY_ID, author="bob") == "Only on the replica"
    finally:
        replica.query("DELETE FROM topic WHERE id=%s", REPLICA_ONLY_ID)


def test_an_author_sees_their_edit_at_once_with_replication_stopped(api, pair, alice, bob):
    primary, replica = pair
    topic_id = publish(api, alice, title="Before")
    wait_for(lambda: replicated(pair, topic_id, "Before"), "the article to replicate")
    replica.query("STOP SLAVE")
    try:
        response = requests.put(f"{api}/v1/topics/alice", params={"t_id": topic_id},
                                json={"title": "After"}, headers={"Authorization": alice},
                                timeout=30)
        assert response.status_code == 200
        assert title_of(api, topic_id, alice) == "After"  # the author: from the primary
        # A reader's and a visitor's detail and list are cached values, rebuilt right
        # after the write: from the primary, so the stale replica did not end up in the
        # shared cache under the new version (bob's own read of the article may come from
        # the replica; what is cached for everyone is read again).
        assert title_of(api, topic_id, bob) == "After"
        assert title_of(api, topic_id) == "After"
        listed = requests.get(f"{api}/v1/topics/alice", timeout=30).json()["data"]["topics"]
        assert "After" in [topic["title"] for topic in listed]
    finally:
        replica.query("START SLAVE")
    # Public readers catch up once replication resumes.
    wait_for(lambda: title_of(api, topic_id) == "After", "a visitor to see the edit")


def test_the_api_keeps_answering_from_the_primary_when_the_replica_goes_away(api, pair, alice):
    primary, replica = pair
    topic_id = publish(api, alice, title="Still here")
    wait_for(lambda: replicated(pair, topic_id, "Still here"), "the article to replicate")
    replica.query("SHUTDOWN")

    def replica_gone():
        try:
            replica.query("SELECT 1")
        except Exception:
            return True
        return False

    wait_for(replica_gone, "the replica server to stop")
    primary.query("UPDATE topic SET title='Only on the primary' WHERE id=%s", topic_id)
    for _ in range(3):  # every request, not only the first after the failure
        assert title_of(api, topic_id) == "Only on the primary"
    assert requests.get(f"{api}/v1/topics/alice", params={"page": 2}, timeout=30).status_code == 200
