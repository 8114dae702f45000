"""Reads of the porting app."""
from porting.models import AppPassword, Import


def own_import(user, import_id):
    """The import, if `user` started it (anyone else: None)."""
    return Import.objects.filter(pk=import_id, user=user).first()


def app_passwords(user):
    return AppPassword.objects.filter(user=user).order_by("-created_time", "-id")


def own_app_password(user, password_id):
    return AppPassword.objects.filter(pk=password_id, user=user).first()
