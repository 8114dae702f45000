"""Reads of the porting app."""
from django.core.cache import cache

from porting.models import AppPassword, Import

PROGRESS_SECONDS = 3600


def progress_key(import_id):
    return f"import:progress:{import_id}"


def import_progress(job):
    """[imported, skipped] so far of a running import (None when unknown)."""
    if job.status != Import.RUNNING:
        return None
    value = cache.get(progress_key(job.pk))
    return value if isinstance(value, list) and len(value) == 2 else None


def own_import(user, import_id):
    """The import, if `user` started it (anyone else: None)."""
    return Import.objects.filter(pk=import_id, user=user).first()


def app_passwords(user):
    return AppPassword.objects.filter(user=user).order_by("-created_time", "-id")


def own_app_password(user, password_id):
    return AppPassword.objects.filter(pk=password_id, user=user).first()
