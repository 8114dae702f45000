import requests
from celery import shared_task
from django.conf import settings

from tools import sms


@shared_task(
    autoretry_for=(requests.RequestException,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
    soft_time_limit=30,
    time_limit=40,
)
def send_sms_code_task(phone, code):
    """Deliver a verification code; network errors retry with backoff."""
    sms.send_code(phone, code, settings.SMS_CODE_TTL_SECONDS // 60)
