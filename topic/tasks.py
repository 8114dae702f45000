from celery import shared_task

from topic import services


@shared_task(soft_time_limit=25, time_limit=28)
def publish_due_topics_task():
    """Run by Celery beat every 30 s (CELERY_BEAT_SCHEDULE): see services.publish_due_topics."""
    return services.publish_due_topics()
