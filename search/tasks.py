from celery import shared_task

from search import services


@shared_task(autoretry_for=(Exception,), retry_backoff=1, max_retries=5)
def index_topic_task(topic_id):
    services.index_topic(topic_id)
