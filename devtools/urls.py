"""The offline Alipay cashier (devtools/fake_alipay.py) under /fake-alipay/: included by
longtoblog/urls.py only outside production, while ALIPAY_GATEWAY points at it."""
from django.urls import path

from devtools import fake_alipay

urlpatterns = [
    path("gateway.do", fake_alipay.gateway, name="fake-alipay-gateway"),
    path("pay", fake_alipay.pay, name="fake-alipay-pay"),
]
