from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class PaymentConfig(AppConfig):
    name = "payment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from payment import checks  # registers the Alipay system checks

        # docs/api.md §15: production refuses to start, not only `check --deploy` complains:
        # gunicorn and Celery run no system checks, but every process runs ready().
        errors = checks.alipay_errors() if settings.PRODUCTION else []
        if errors:
            raise ImproperlyConfigured("Alipay is not set up for DJANGO_ENV=production:\n" + "\n".join(
                f"({error.id}) {error.msg} HINT: {error.hint}" for error in errors))
