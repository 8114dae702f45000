from celery import shared_task

from porting.models import IMPORT_TIME_LIMIT_SECONDS


@shared_task(soft_time_limit=IMPORT_TIME_LIMIT_SECONDS - 100, time_limit=IMPORT_TIME_LIMIT_SECONDS)
def run_import_task(import_id):
    """Queued when an upload commits (services.start_import)."""
    from porting import services

    return services.run_import(import_id)


@shared_task
def fail_stalled_imports_task():
    """Celery beat: imports whose worker died stay `running` no longer than this."""
    from porting import services

    return services.fail_stalled_imports()
