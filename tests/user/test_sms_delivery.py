import base64
import hashlib

import pytest
import requests
from django.conf import settings

from tests.fakes.yuntongxun import FakeYunTongXun
from tools.sms import SmsError, YunTongXunClient
from user.tasks import send_sms_code_task


def client_for(fake, token="fake-token-0000"):
    return YunTongXunClient("8a216da8fake0000sid", token, "8a216da8fakeapp", fake.url, timeout=30)


@pytest.fixture
def fake_gateway():
    fake = FakeYunTongXun().start()
    yield fake
    fake.stop()


def test_signed_request_follows_yuntongxun_protocol():
    client = YunTongXunClient("sid1", "tok1", "app1", "https://app.cloopen.com:8883", 5)
    url, headers = client.signed_request("20261125120000")
    sig = hashlib.md5(b"sid1tok120261125120000").hexdigest().upper()
    assert url == f"https://app.cloopen.com:8883/2013-12-26/Accounts/sid1/SMS/TemplateSMS?sig={sig}"
    assert base64.b64decode(headers["Authorization"]) == b"sid1:20261125120000"


def test_gateway_accepts_a_correctly_signed_message(fake_gateway):
    result = client_for(fake_gateway).send_template_sms("13912345678", "1", ["123456", "5"])
    assert result["statusCode"] == "000000"
    assert fake_gateway.codes_for("13912345678") == ["123456"]


def test_refused_message_raises_sms_error(fake_gateway):
    with pytest.raises(SmsError):
        client_for(fake_gateway, token="wrong-token").send_template_sms("13912345678", "1", ["1", "5"])
    assert fake_gateway.messages == []


def test_unreachable_gateway_is_retried_then_fails(settings, monkeypatch):
    settings.SMS_BACKEND = "yuntongxun"
    settings.SMS_BASE_URL = "http://127.0.0.1:1"  # nothing listens there
    calls = []
    original = requests.post

    def counting_post(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(requests, "post", counting_post)
    result = send_sms_code_task.apply(args=("13912345678", "123456"))
    assert result.failed() and isinstance(result.result, requests.ConnectionError)
    assert len(calls) == send_sms_code_task.max_retries + 1


def test_console_backend_logs_the_code(settings, caplog):
    settings.SMS_BACKEND = "console"
    send_sms_code_task.apply(args=("13912345678", "654321"))
    assert "SMS to 13912345678: 654321" in caplog.text


@pytest.mark.stack
def test_stack_sends_sms_through_a_real_worker():
    """On the stack the task goes over the broker; nothing runs in this process."""
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    from django.db import connection

    assert connection.vendor == "mysql"
