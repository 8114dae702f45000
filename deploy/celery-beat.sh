#!/usr/bin/env sh
# Celery beat: queues the reconciliation of pending orders every 5 minutes and the
# flush of counted article views every VIEWS_FLUSH_SECONDS (CELERY_BEAT_SCHEDULE in
# longtoblog/settings.py). Run exactly one per deployment:
# a second beat would queue every scheduled task twice.
set -eu
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/celery" -A longtoblog beat \
    --loglevel "${LOG_LEVEL:-info}" \
    --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/var/lib/jiuzhi/celerybeat-schedule}"
