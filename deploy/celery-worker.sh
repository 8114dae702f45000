#!/usr/bin/env sh
# A Celery worker: sends SMS codes and reconciles pending orders with Alipay.
# Run one or more, on any host with the API's environment (docs/deploy.md);
# every task is safe to run twice, so workers scale out freely.
set -eu
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/celery" -A longtoblog worker \
    --loglevel "${LOG_LEVEL:-info}" \
    --concurrency "${CELERY_CONCURRENCY:-4}" \
    --hostname "jiuzhi@%h" \
    --max-tasks-per-child 1000 \
    --without-gossip --without-mingle
