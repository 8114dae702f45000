"""System checks of the Alipay configuration (docs/api.md §15), like django-cors-headers' checks.

`manage.py check --deploy` (and every command that runs checks) lists them by id. With
DJANGO_ENV=production, PaymentConfig.ready() also refuses to start on any of them, so
gunicorn, Celery and manage.py never run against the offline cashier or generated keys.
docs/security-payments.md explains the ids.
"""
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register

KEY_FILE_SETTINGS = ("ALIPAY_APP_PRIVATE_KEY_FILE", "ALIPAY_PUBLIC_KEY_FILE")


def _fake_gateway_in_production():
    if settings.PRODUCTION and settings.ALIPAY_GATEWAY == settings.ALIPAY_FAKE_GATEWAY:
        return [Error(
            "ALIPAY_GATEWAY is the offline fake cashier, which is never mounted in production.",
            hint="Set ALIPAY_GATEWAY to Alipay's gateway, e.g. https://openapi.alipay.com/gateway.do",
            id="jiuzhi.E001",
        )]
    return []


def _generated_keys_in_production():
    missing = [name for name in KEY_FILE_SETTINGS if not getattr(settings, name)]
    if settings.PRODUCTION and missing:
        return [Error(
            f"{' and '.join(missing)} not set: Alipay would use keys generated on this host, "
            "which Alipay does not know.",
            hint="Point both at the PEM files of the app's key and Alipay's public key.",
            id="jiuzhi.E002",
        )]
    return []


def _one_key_file_only():
    configured = [name for name in KEY_FILE_SETTINGS if getattr(settings, name)]
    if len(configured) == 1:
        return [Error(f"Only {configured[0]} is set.", hint="Set both Alipay key files, or neither.",
                      id="jiuzhi.E003")]
    return []


def _unreadable_key_files():
    errors = []
    for name in KEY_FILE_SETTINGS:
        path = getattr(settings, name)
        if path and not _is_pem(path):
            errors.append(Error(f"{name} ({path}) is not a readable PEM file.",
                                hint="Check the path, the file's permissions and its "
                                     "-----BEGIN ...----- line.", id="jiuzhi.E004"))
    return errors


def _is_pem(path):
    try:
        return "-----BEGIN " in Path(path).read_text()
    except (OSError, UnicodeDecodeError):
        return False


def alipay_errors():
    return (_fake_gateway_in_production() + _generated_keys_in_production()
            + _one_key_file_only() + _unreadable_key_files())


@register(Tags.security)
def check_alipay_settings(app_configs, **kwargs):
    return alipay_errors()
