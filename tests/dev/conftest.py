"""The payment tests' Alipay setup (keys, settings, the live fake gateway, an order)."""
from tests.payment.conftest import (  # noqa: F401  (pytest finds fixtures by name)
    alipay_keys_dir, alipay_settings, article, author, buyer, gateway, order,
)
