"""Alipay as the payment tests see it: RSA keys generated for this run, the fake
gateway (devtools/fake_alipay.py) reached over real HTTP through the live server."""
import socket
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

import pytest
from django.utils import timezone

from devtools import fake_alipay
from longtoblog.celery import app as celery_app
from payment import alipay, selectors, services
from payment.models import Order, PaymentEvent
from topic.models import Topic

APP_ID = "2021000000000042"
PRICE = Decimal("9.90")
SECRET_TEXT = "只有买家能读到的全文"


@pytest.fixture(scope="session")
def alipay_keys_dir(tmp_path_factory):
    """The app's and the fake Alipay's RSA key pairs, generated once per test run."""
    return alipay.generate_key_files(tmp_path_factory.mktemp("alipay") / "keys")


@pytest.fixture(autouse=True)
def alipay_settings(settings, monkeypatch, alipay_keys_dir):
    settings.ALIPAY_KEYS_DIR = alipay_keys_dir
    settings.ALIPAY_APP_PRIVATE_KEY_FILE = None
    settings.ALIPAY_PUBLIC_KEY_FILE = None
    settings.ALIPAY_APP_ID = APP_ID
    settings.ALIPAY_SELLER_ID = ""
    settings.FRONTEND_URL = "http://spa.test"
    monkeypatch.setattr(fake_alipay, "NOTIFY_RETRY_DELAYS", (0, 0, 0))


@pytest.fixture(autouse=True)
def tasks_in_process(monkeypatch):
    """Payment tasks (the refund of a second payment) run in the test's process, as on the
    embedded default: a stack's worker could not reach the live server's fake gateway."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


@pytest.fixture
def gateway(live_server, settings):
    """Point the app at the fake gateway served by the live server."""
    settings.ALIPAY_GATEWAY = settings.ALIPAY_FAKE_GATEWAY = f"{live_server.url}/fake-alipay/gateway.do"
    settings.ALIPAY_NOTIFY_URL = settings.ALIPAY_RETURN_URL = f"{live_server.url}/v1/payment/result"
    return live_server


@pytest.fixture
def author(make_user):
    return make_user("author")


@pytest.fixture
def buyer(make_user):
    return make_user("buyer")


@pytest.fixture
def article(author):
    return Topic.objects.create(
        author=author, title="付费文章", category=Topic.TEC, limit=Topic.PUBLIC,
        introduce="开头三十个字", content=f"<p>{SECRET_TEXT}</p>", price=PRICE,
    )


@pytest.fixture
def order(buyer, article):
    return services.create_order(buyer=buyer, topic=article)[0]


def path_of(url):
    """The path and query of an absolute URL, for Django's test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def paid_trade(order, **changes):
    """A paid Alipay trade for `order`, as the fake would hold it."""
    return {
        "app_id": APP_ID, "out_trade_no": order.order_no, "trade_no": "2026112522001400000000000001",
        "trade_status": "TRADE_SUCCESS", "subject": order.topic_title,
        "total_amount": str(order.amount), "gmt_create": "2026-11-25 12:00:00",
        "gmt_payment": "2026-11-25 12:01:00", **changes,
    }


def notify(order, **changes):
    """A notify signed by the fake Alipay's key."""
    return fake_alipay.notify_params(paid_trade(order, **changes))


def post_notify(client, params):
    return client.post("/v1/payment/result", urlencode(params),
                       content_type="application/x-www-form-urlencoded")


def open_cashier(client, order):
    """The buyer's browser opens the order's pay_url: the fake starts the trade."""
    return client.get(path_of(selectors.pay_url(order)))


def press_pay(client, order_no):
    """The buyer presses 确认付款 on the fake cashier."""
    return client.post("/fake-alipay/pay", urlencode({"out_trade_no": order_no}),
                       content_type="application/x-www-form-urlencoded")


def age(order, seconds):
    """Pretend `order` was created `seconds` ago."""
    Order.objects.filter(pk=order.pk).update(created_time=timezone.now() - timedelta(seconds=seconds))
    order.refresh_from_db()
    return order


def unreachable_gateway(settings):
    """Point the app at a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.ALIPAY_GATEWAY = settings.ALIPAY_FAKE_GATEWAY = f"http://127.0.0.1:{port}/gateway.do"


def events(order, kind=None):
    """(kind, accepted, reason) of the PaymentEvent rows of `order`, oldest first."""
    rows = PaymentEvent.objects.filter(order_no=order.order_no).order_by("id")
    if kind:
        rows = rows.filter(kind=kind)
    return [(row.kind, row.accepted, row.reason) for row in rows]
