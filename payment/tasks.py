from celery import shared_task

from payment import services


@shared_task(soft_time_limit=240, time_limit=270)
def reconcile_orders_task():
    """Run by Celery beat (CELERY_BEAT_SCHEDULE): see services.reconcile_orders."""
    return services.reconcile_orders()
