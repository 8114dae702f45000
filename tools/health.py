"""Liveness of the parts the API cannot answer without."""
import logging
import secrets

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger("jiuzhi.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # django-redis swallows outages when IGNORE_EXCEPTIONS is on, so a round
    # trip of a fresh value is the only honest probe.
    key, value = "health:probe", secrets.token_hex(8)
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("cache did not return what was written")


def check_all():
    results = {}
    for name, check in (("database", check_database), ("cache", check_cache)):
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means "down", whatever the driver raised
            logger.error("health check %s failed: %s", name, exc)
            results[name] = "down"
    return results
