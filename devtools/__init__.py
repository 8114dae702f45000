"""Development-only tools: the offline Alipay cashier of `make run` and the tests.

Nothing here is imported or mounted with DJANGO_ENV=production (longtoblog/urls.py,
payment/checks.py); product code never imports it.
"""
