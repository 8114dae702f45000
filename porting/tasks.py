from celery import shared_task


@shared_task(soft_time_limit=1800, time_limit=1900)
def run_import_task(import_id):
    """Queued when an upload commits (services.start_import)."""
    from porting import services

    return services.run_import(import_id)
