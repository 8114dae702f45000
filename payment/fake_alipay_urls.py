"""The local fake Alipay (payment/fake_alipay.py) under /fake-alipay/: routes exist only
when ALIPAY_GATEWAY is ALIPAY_FAKE_GATEWAY, so a real deployment never serves it."""
from django.conf import settings
from django.urls import path

from payment import fake_alipay

urlpatterns = [
    path("gateway.do", fake_alipay.gateway, name="fake-alipay-gateway"),
    path("pay", fake_alipay.pay, name="fake-alipay-pay"),
] if settings.ALIPAY_GATEWAY == settings.ALIPAY_FAKE_GATEWAY else []
