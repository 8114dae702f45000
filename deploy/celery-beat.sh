#!/usr/bin/env sh
# Celery beat: queues the periodic tasks of CELERY_BEAT_SCHEDULE (longtoblog/settings.py):
# publishing due scheduled articles every 30 s, reconciling pending orders every 5 minutes,
# flushing counted article views every VIEWS_FLUSH_SECONDS (docs/readers.md).
# Run exactly one per deployment: a second beat would queue every scheduled task twice.
#
#   deploy/celery-beat.sh --check   lists the schedule and fails if a task in it is unknown
#                                   to the workers (run it after a deploy, before starting)
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--check" ]; then
    exec "${VENV:-.venv}/bin/python" - <<'PY'
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longtoblog.settings")
django.setup()
from django.conf import settings  # noqa: E402

from longtoblog.celery import app  # noqa: E402

app.loader.import_default_modules()
unknown = []
for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
    known = entry["task"] in app.tasks
    print(f"{name}: {entry['task']} every {entry['schedule']} s{'' if known else '  (UNKNOWN TASK)'}")
    if not known:
        unknown.append(entry["task"])
sys.exit(1 if unknown else 0)
PY
fi
exec "${VENV:-.venv}/bin/celery" -A longtoblog beat \
    --loglevel "${LOG_LEVEL:-info}" \
    --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/var/lib/jiuzhi/celerybeat-schedule}"
