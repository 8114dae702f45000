from celery import shared_task

from topic import hits, services


@shared_task(soft_time_limit=25, time_limit=28)
def publish_due_topics_task():
    """Run by Celery beat every 30 s (CELERY_BEAT_SCHEDULE): see services.publish_due_topics."""
    return services.publish_due_topics()


@shared_task(soft_time_limit=50, time_limit=60)
def flush_views_task():
    """Run by Celery beat (CELERY_BEAT_SCHEDULE) and after every VIEWS_FLUSH_EVERY
    counted views: see hits.flush_views."""
    return hits.flush_views()
