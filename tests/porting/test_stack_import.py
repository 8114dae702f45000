"""On the stack the import runs on the real Celery worker (docs/api.md §16): an API server
(gunicorn) posts the task to the broker, and the worker — sharing the database and the
media folder with it — imports while the client polls the status."""
import os
import secrets

import pytest
import requests
from django.conf import settings

from tests.conftest import wait_for
from tests.hardening.conftest import LiveServer, manage_ok, server_env
from tests.porting.conftest import wxr_fixture

pytestmark = pytest.mark.stack

# What the worker of bin/test-stack is started with (its MEDIA_ROOT is the default).
STACK_VARS = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
CREATE_USER = """
from tools.auth import make_token
from user.models import UserProfile
user = UserProfile.objects.create_user(username="{name}", password="secret123", phone="{phone}",
                                       email="{name}@example.com", nickname="{name}")
print(make_token(user))
"""
DELETE_USER = 'from user.models import UserProfile; UserProfile.objects.filter(username="{name}").delete()'


@pytest.fixture
def stack_server(tmp_path):
    env = server_env(tmp_path, **{name: os.environ[name] for name in STACK_VARS},
                     MEDIA_ROOT=str(settings.BASE_DIR / "media"))
    manage_ok(env, "migrate", "--noinput")
    server = LiveServer(env, tmp_path / "server.log")
    yield server, env
    server.stop()


def test_the_real_worker_imports_the_theme_unit_test_data(stack_server):
    server, env = stack_server
    name = f"st{secrets.randbelow(10**8):08d}"[:11]
    phone = f"177{secrets.randbelow(10**8):08d}"
    token = manage_ok(env, "shell", "-c", CREATE_USER.format(name=name, phone=phone)).strip().splitlines()[-1]
    headers = {"Authorization": token}
    try:
        response = requests.post(f"{server.url}/v1/imports", headers=headers, timeout=300,
                                 files={"file": ("wp.xml", wxr_fixture(), "text/xml")})
        assert response.status_code == 202, response.text
        job_id = response.json()["data"]["id"]

        def finished():
            data = requests.get(f"{server.url}/v1/imports/{job_id}", headers=headers, timeout=30).json()["data"]
            return data if data["status"] in ("done", "failed") else None

        report = wait_for(finished, timeout=600, interval=0.5)
        assert (report["status"], report["total"], report["imported"], report["skipped"]) == ("done", 14, 11, 3)
        titles = requests.get(f"{server.url}/v1/topics/{name}", headers=headers, timeout=30).json()["data"]["topics"]
        assert "Template: Comments" in {t["title"] for t in titles}
    finally:
        manage_ok(env, "shell", "-c", DELETE_USER.format(name=name))
