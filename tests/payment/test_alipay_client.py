"""Keys and configuration of the Alipay client (payment/alipay.py)."""
from datetime import datetime, timezone as dt_timezone

import pytest
from django.core.exceptions import ImproperlyConfigured

from devtools import fake_alipay
from payment import alipay
from tests.payment.conftest import paid_trade


def test_keys_are_generated_on_first_use_when_none_are_configured(settings, tmp_path):
    settings.ALIPAY_KEYS_DIR = tmp_path / "alipay"
    private_file, public_file = alipay.key_files()
    names = sorted(path.name for path in settings.ALIPAY_KEYS_DIR.iterdir())
    assert names == ["alipay_private.pem", "alipay_public.pem", "app_private.pem", "app_public.pem"]
    assert (private_file.stat().st_mode & 0o777) == 0o600
    assert b"PRIVATE KEY" in private_file.read_bytes()
    assert b"PUBLIC KEY" in public_file.read_bytes()


def test_generated_keys_are_kept_across_restarts(settings, tmp_path):
    settings.ALIPAY_KEYS_DIR = tmp_path / "alipay"
    first = alipay.key_files()[0].read_bytes()
    assert alipay.generate_key_files(settings.ALIPAY_KEYS_DIR) == settings.ALIPAY_KEYS_DIR
    assert alipay.key_files()[0].read_bytes() == first


def test_configured_key_files_are_used(settings, alipay_keys_dir):
    settings.ALIPAY_APP_PRIVATE_KEY_FILE = str(alipay_keys_dir / "app_private.pem")
    settings.ALIPAY_PUBLIC_KEY_FILE = str(alipay_keys_dir / "alipay_public.pem")
    settings.ALIPAY_GATEWAY = "https://openapi-sandbox.dl.alipaydev.com/gateway.do"
    url = alipay.page_pay_url(order_no="o1", amount="9.90", subject="s", time_expire="2030-01-01 00:00:00")
    assert url.startswith("https://openapi-sandbox.dl.alipaydev.com/gateway.do?")
    assert "sign_type=RSA2" in url and "&sign=" in url


def test_a_real_gateway_without_key_files_is_a_configuration_error(settings):
    settings.ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do"
    with pytest.raises(ImproperlyConfigured):
        alipay.key_files()


def test_only_one_key_file_is_a_configuration_error(settings, alipay_keys_dir):
    settings.ALIPAY_APP_PRIVATE_KEY_FILE = str(alipay_keys_dir / "app_private.pem")
    with pytest.raises(ImproperlyConfigured):
        alipay.key_files()


def test_the_client_verifies_what_the_fake_alipay_signs(order):
    assert alipay.verify_signature(fake_alipay.notify_params(paid_trade(order)))


def test_a_signature_of_another_sign_type_is_refused(order):
    assert not alipay.verify_signature({**fake_alipay.notify_params(paid_trade(order)), "sign_type": "RSA"})


def test_generated_keys_are_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        alipay.key_files()


def test_alipay_times_are_beijing_time_whatever_the_server_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    noon_utc = datetime(2026, 11, 25, 12, 0, tzinfo=dt_timezone.utc)
    assert alipay.alipay_time(noon_utc) == "2026-11-25 20:00:00"
