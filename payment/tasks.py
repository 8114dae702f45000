from celery import shared_task

from payment import selectors, services


@shared_task(soft_time_limit=240, time_limit=270)
def reconcile_orders_task():
    """Run by Celery beat (CELERY_BEAT_SCHEDULE): see services.reconcile_orders."""
    return services.reconcile_orders()


@shared_task(soft_time_limit=50, time_limit=60)
def refund_duplicate_payment_task(order_no):
    """Queued when a buyer pays twice for one article (services.order_mark_paid). A refund
    Alipay does not confirm is retried by reconcile_orders_task."""
    order = selectors.order_by_no(order_no)
    return order is not None and services.refund_duplicate_payment(order=order)
