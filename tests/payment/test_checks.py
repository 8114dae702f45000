"""System checks of the Alipay settings (payment/checks.py, docs/api.md §15)."""
import pytest
from django.core import checks

from payment.checks import alipay_errors

REAL_GATEWAY = "https://openapi.alipay.com/gateway.do"


def ids():
    return [error.id for error in alipay_errors()]


@pytest.fixture
def key_files(settings, alipay_keys_dir):
    settings.ALIPAY_APP_PRIVATE_KEY_FILE = str(alipay_keys_dir / "app_private.pem")
    settings.ALIPAY_PUBLIC_KEY_FILE = str(alipay_keys_dir / "alipay_public.pem")


@pytest.fixture
def production(settings):
    settings.PRODUCTION = True


def test_the_embedded_default_passes():
    assert ids() == []


def test_production_with_alipay_configured_passes(production, key_files, settings):
    settings.ALIPAY_GATEWAY = REAL_GATEWAY
    assert ids() == []


def test_the_fake_gateway_in_production_is_e001(production, key_files):
    assert ids() == ["jiuzhi.E001"]


def test_generated_keys_in_production_are_e002(production, settings):
    settings.ALIPAY_GATEWAY = REAL_GATEWAY
    assert ids() == ["jiuzhi.E002"]
    assert "ALIPAY_APP_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE" in alipay_errors()[0].msg


def test_one_key_file_is_e003_everywhere(settings, alipay_keys_dir):
    settings.ALIPAY_PUBLIC_KEY_FILE = str(alipay_keys_dir / "alipay_public.pem")
    assert ids() == ["jiuzhi.E003"]


@pytest.mark.parametrize("content", [None, "not a key", b"\xff\xfe"])
def test_a_key_file_that_is_not_a_readable_pem_is_e004(settings, key_files, tmp_path, content):
    broken = tmp_path / "app_private.pem"
    if isinstance(content, str):
        broken.write_text(content)
    elif content is not None:
        broken.write_bytes(content)
    settings.ALIPAY_APP_PRIVATE_KEY_FILE = str(broken)
    assert ids() == ["jiuzhi.E004"]


def test_the_checks_are_registered_with_django(settings, alipay_keys_dir):
    settings.ALIPAY_PUBLIC_KEY_FILE = str(alipay_keys_dir / "alipay_public.pem")
    assert "jiuzhi.E003" in [error.id for error in checks.run_checks(tags=[checks.Tags.security])]
