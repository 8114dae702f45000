import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from tests.conftest import ON_STACK, wait_for

FIXTURES = Path(__file__).parent / "fixtures"


def wxr_fixture():
    return (FIXTURES / "wp-theme-unit-test.xml").read_bytes()


def make_zip(files):
    """A zip of {path: text or bytes}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            archive.writestr(path, content)
    return buffer.getvalue()


def upload(client, data, name="export.xml", **fields):
    """POST /v1/imports with the file as multipart field `file`; the response."""
    return client.post("/v1/imports", {"file": SimpleUploadedFile(name, data), **fields},
                       content_type=MULTIPART_CONTENT)


def finished(client, import_id):
    """The import's report once it is done or failed (a real worker may take a while)."""
    def report():
        data = client.get(f"/v1/imports/{import_id}").json()["data"]
        return data if data["status"] in ("done", "failed") else None

    return wait_for(report, timeout=300 if ON_STACK else 30)


def run_import(client, data, name="export.xml", **fields):
    response = upload(client, data, name, **fields)
    assert response.status_code == 202, response.content
    return finished(client, response.json()["data"]["id"])


@pytest.fixture(autouse=True)
def _imports_in_process(request, monkeypatch):
    """These tests' rows live in the test's transaction (and its media in a folder of its
    own), which a worker never sees: the task runs in-process here, also on the stack.
    test_stack_import.py drives the real worker."""
    if "stack" not in request.keywords:
        from longtoblog.celery import app

        monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def wxr():
    return wxr_fixture()
