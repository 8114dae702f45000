"""The search backend named by settings.SEARCH_BACKEND (docs/search.md)."""
from django.conf import settings
from django.utils.module_loading import import_string


def get_backend():
    return import_string(settings.SEARCH_BACKEND)()
