"""The Alipay gateway behind a small interface (python-alipay-sdk, RSA2).

Keys come from ALIPAY_APP_PRIVATE_KEY_FILE / ALIPAY_PUBLIC_KEY_FILE (PEM). With
neither set, an app key pair and the fake Alipay's key pair are generated once into
ALIPAY_KEYS_DIR, which only works against the local fake gateway (devtools/), and
never in production (payment/checks.py).

This module is the one definition of Alipay's vocabulary (trade statuses, its time
zone); the rest of the app and the fake gateway use these names.
"""
import binascii
import json
import os
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from alipay import AliPay
from alipay.exceptions import AliPayException, AliPayValidationError
from alipay.utils import AliPayConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from tools.http import fmt_time

APP_PRIVATE_KEY = "app_private.pem"
APP_PUBLIC_KEY = "app_public.pem"
ALIPAY_PRIVATE_KEY = "alipay_private.pem"
ALIPAY_PUBLIC_KEY = "alipay_public.pem"
KEY_BITS = 2048

# Trade statuses, as Alipay names them in notifies and trade queries.
WAIT_BUYER_PAY = "WAIT_BUYER_PAY"
TRADE_SUCCESS = "TRADE_SUCCESS"
TRADE_FINISHED = "TRADE_FINISHED"  # paid, and past the refund period
TRADE_CLOSED = "TRADE_CLOSED"  # expired unpaid, or refunded in full
TRADE_NOT_EXIST = "TRADE_NOT_EXIST"  # our name for the query's ACQ.TRADE_NOT_EXIST answer
PAID_TRADE_STATUSES = (TRADE_SUCCESS, TRADE_FINISHED)

# Alipay reads and writes every time (time_expire, gmt_payment, ...) as Beijing time,
# whatever TIME_ZONE the API answers in.
TIME_ZONE = ZoneInfo("Asia/Shanghai")


class GatewayError(Exception):
    """Alipay gave no verified answer: network trouble, a bad signature or an error code."""


@dataclass(frozen=True)
class Trade:
    """What a trade query says about one order."""

    out_trade_no: str
    status: str  # one of the trade statuses above
    total_amount: Decimal | None = None
    trade_no: str = ""
    response: dict = field(default_factory=dict, compare=False)  # what Alipay answered


def alipay_time(value):
    """A datetime the way Alipay writes times: our format (tools.http.fmt_time), Beijing time."""
    with timezone.override(TIME_ZONE):
        return fmt_time(value)


class GatewayAliPay(AliPay):
    """The SDK only knows the production and sandbox URLs; we take any gateway URL."""

    def __init__(self, *, gateway, **kwargs):
        super().__init__(**kwargs)
        self._gateway = gateway


# --- keys -----------------------------------------------------------------------


def _private_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _public_pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def generate_key_files(keys_dir):
    """Both key pairs (app and fake Alipay) in `keys_dir`, made once per install.

    They are written to a temporary folder renamed into place, so processes starting
    together never mix halves of different pairs.
    """
    keys_dir = Path(keys_dir)
    if (keys_dir / ALIPAY_PUBLIC_KEY).exists():
        return keys_dir
    keys_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".alipay-", dir=keys_dir.parent))
    for private_name, public_name in ((APP_PRIVATE_KEY, APP_PUBLIC_KEY),
                                      (ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY)):
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        (staging / private_name).write_bytes(_private_pem(key))
        (staging / private_name).chmod(0o600)
        (staging / public_name).write_bytes(_public_pem(key))
    try:
        os.rename(staging, keys_dir)
    except OSError:  # another process got there first: keep its keys
        for path in staging.iterdir():
            path.unlink()
        staging.rmdir()
    return keys_dir


def uses_fake_gateway():
    """Whether payments go to the offline cashier (devtools/fake_alipay.py): never in production."""
    return not settings.PRODUCTION and settings.ALIPAY_GATEWAY == settings.ALIPAY_FAKE_GATEWAY


def key_files():
    """(app private key file, Alipay public key file) the app signs and verifies with."""
    private_file = settings.ALIPAY_APP_PRIVATE_KEY_FILE
    public_file = settings.ALIPAY_PUBLIC_KEY_FILE
    if private_file and public_file:
        return Path(private_file), Path(public_file)
    if private_file or public_file:
        raise ImproperlyConfigured(
            "Set both ALIPAY_APP_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE, or neither")
    if not uses_fake_gateway():
        raise ImproperlyConfigured(
            "Set ALIPAY_APP_PRIVATE_KEY_FILE and ALIPAY_PUBLIC_KEY_FILE: generated keys only "
            "work with the offline cashier, never with a real gateway or in production")
    keys_dir = generate_key_files(settings.ALIPAY_KEYS_DIR)
    return keys_dir / APP_PRIVATE_KEY, keys_dir / ALIPAY_PUBLIC_KEY


@lru_cache(maxsize=8)
def load_private_key(pem):
    """A PEM private key, loaded once (loading checks the key, which takes a while)."""
    return serialization.load_pem_private_key(pem, password=None)


def app_public_key_pem():
    """The public half of the app's key (what the fake gateway verifies requests with)."""
    private_file, _ = key_files()
    return _public_pem(load_private_key(read_key(private_file).encode())).decode()


# --- the client -------------------------------------------------------------------


@lru_cache(maxsize=4)
def _client(appid, gateway, notify_url, private_pem, public_pem, timeout):
    return GatewayAliPay(
        gateway=gateway, appid=appid, app_notify_url=notify_url,
        app_private_key_string=private_pem, alipay_public_key_string=public_pem,
        sign_type="RSA2", debug=False, config=AliPayConfig(timeout=timeout),
    )


@lru_cache(maxsize=8)
def _key_text(path, modified):
    """A key file's text, read once per version of the file (every order and notify
    needs both keys; a replaced file is read again)."""
    return Path(path).read_text()


def read_key(path):
    return _key_text(str(path), path.stat().st_mtime_ns)


def client(timeout=None):
    """The SDK client; `timeout` (seconds per network wait) defaults to ALIPAY_TIMEOUT_SECONDS."""
    private_file, public_file = key_files()
    return _client(settings.ALIPAY_APP_ID, settings.ALIPAY_GATEWAY, settings.ALIPAY_NOTIFY_URL,
                   read_key(private_file), read_key(public_file),
                   timeout or settings.ALIPAY_TIMEOUT_SECONDS)


def page_pay_url(*, order_no, amount, subject, time_expire):
    """The signed cashier URL the buyer's browser is sent to."""
    query = client().api_alipay_trade_page_pay(
        subject=subject, out_trade_no=order_no, total_amount=str(amount),
        return_url=settings.ALIPAY_RETURN_URL, notify_url=settings.ALIPAY_NOTIFY_URL,
        time_expire=time_expire,
    )
    return f"{settings.ALIPAY_GATEWAY}?{query}"


def verify_signature(params):
    """True when `params` (a notify or return query) carry Alipay's valid RSA2 signature."""
    data = dict(params)
    signature = data.pop("sign", "")
    if not signature:
        return False
    try:
        return client().verify(data, signature)  # drops sign_type, as Alipay specifies
    except (AliPayException, ValueError, binascii.Error, TypeError):
        return False


def parse_amount(value):
    """A yuan amount as Alipay writes it ("9.90"), or None when it is not one."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


# What the SDK raises when Alipay gives no verified answer. AttributeError: the SDK
# trips over a JSON answer without the response key.
SDK_ERRORS = (AliPayException, AliPayValidationError, OSError, ValueError, AttributeError)


def trade_query(order_no, *, timeout=None):
    """Ask Alipay about one order (alipay.trade.query); GatewayError when it cannot say."""
    try:
        response = client(timeout).api_alipay_trade_query(out_trade_no=order_no)
    except SDK_ERRORS as error:
        raise GatewayError(f"trade query for {order_no} failed: {error!r}") from error
    if response.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
        return Trade(out_trade_no=order_no, status=TRADE_NOT_EXIST, response=response)
    if response.get("code") != "10000" or response.get("out_trade_no") != order_no:
        raise GatewayError(f"trade query for {order_no} answered {json.dumps(response)}")
    return Trade(out_trade_no=order_no, status=response.get("trade_status", ""),
                 total_amount=parse_amount(response.get("total_amount")),
                 trade_no=response.get("trade_no", ""), response=response)


def trade_refund(*, order_no, amount, out_request_no):
    """Give `amount` of a paid trade back to the buyer (alipay.trade.refund); Alipay's answer.

    Alipay refunds once per `out_request_no`: asking again with the same number (after a
    lost answer, a retry) never refunds twice. GatewayError when the refund is not confirmed.
    """
    try:
        response = client().api_alipay_trade_refund(
            str(amount), out_trade_no=order_no, out_request_no=out_request_no)
    except SDK_ERRORS as error:
        raise GatewayError(f"refund of {order_no} failed: {error!r}") from error
    if response.get("code") != "10000" or response.get("out_trade_no") != order_no:
        raise GatewayError(f"refund of {order_no} answered {json.dumps(response, ensure_ascii=False)}")
    return response
