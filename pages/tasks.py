"""Page builds, run by the Celery worker on the stack (in-process on the embedded default)."""
from celery import shared_task

from pages import build


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=1, max_retries=3)
def topic_changed_task(topic_id, username, generation=None):
    build.topic_changed(topic_id, username, generation)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=1, max_retries=3)
def author_changed_task(username):
    build.author_changed(username)
