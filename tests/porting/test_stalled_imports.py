"""An import whose worker died (killed, restarted) does not stay `running` for ever: past
the task's hard time limit it is failed, its upload deleted, and it says why."""
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from porting import services
from porting.models import IMPORT_STALLED_AFTER_SECONDS, IMPORT_TIME_LIMIT_SECONDS, Import
from porting.tasks import fail_stalled_imports_task, run_import_task
from tests.porting.conftest import run_import
from topic.models import Topic


def running_import(user, started_seconds_ago):
    stored = default_storage.save("imports/stalled.xml", ContentFile(b"<rss/>"))
    started = timezone.now() - timedelta(seconds=started_seconds_ago)
    return Import.objects.create(user=user, kind=Import.WXR, stored_file=stored,
                                 status=Import.RUNNING, started_time=started)


def test_an_import_running_past_the_time_limit_is_failed(alice, as_alice):
    job = running_import(alice, IMPORT_STALLED_AFTER_SECONDS + 1)
    stored = job.stored_file
    data = as_alice.get(f"/v1/imports/{job.id}").json()["data"]
    assert data["status"] == "failed" and "interrupted" in data["error"]
    job.refresh_from_db()
    assert job.finished_time is not None and job.stored_file == ""
    assert not default_storage.exists(stored)


def test_an_import_still_within_its_time_limit_keeps_running(alice, as_alice):
    job = running_import(alice, IMPORT_TIME_LIMIT_SECONDS - 60)
    assert services.fail_stalled_imports() == 0
    assert as_alice.get(f"/v1/imports/{job.id}").json()["data"]["status"] == "running"


def test_finished_imports_are_left_as_they_are(alice, as_alice, wxr):
    report = run_import(as_alice, wxr)
    later = timezone.now() + timedelta(seconds=IMPORT_STALLED_AFTER_SECONDS * 2)
    assert services.fail_stalled_imports(now=later) == 0
    assert Import.objects.get(pk=report["id"]).status == report["status"] == "done"
    assert Topic.objects.filter(author=alice).exists()


def test_a_worker_records_when_it_took_the_import(alice, as_alice, wxr):
    report = run_import(as_alice, wxr)
    job = Import.objects.get(pk=report["id"])
    assert job.started_time is not None and job.created_time <= job.started_time <= job.finished_time


def test_celery_beat_fails_stalled_imports(alice, settings):
    running_import(alice, IMPORT_STALLED_AFTER_SECONDS + 1)
    entry = settings.CELERY_BEAT_SCHEDULE["fail-stalled-imports"]
    assert entry["task"] == "porting.tasks.fail_stalled_imports_task" and entry["schedule"] <= 600
    assert fail_stalled_imports_task.apply().get() == 1  # in-process (the stack's worker has its own database)
    assert run_import_task.time_limit == IMPORT_TIME_LIMIT_SECONDS < IMPORT_STALLED_AFTER_SECONDS


def test_an_import_taken_before_started_time_existed_is_judged_by_its_age(alice):
    job = running_import(alice, 0)
    Import.objects.filter(pk=job.pk).update(
        started_time=None, created_time=timezone.now() - timedelta(seconds=IMPORT_STALLED_AFTER_SECONDS + 1))
    fresh = running_import(alice, 0)
    Import.objects.filter(pk=fresh.pk).update(started_time=None)
    assert services.fail_stalled_imports() == 1
    assert Import.objects.get(pk=job.pk).status == Import.FAILED
    assert Import.objects.get(pk=fresh.pk).status == Import.RUNNING
