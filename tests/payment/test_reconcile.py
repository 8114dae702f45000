"""Reconciliation: pending orders older than a few minutes are checked with Alipay."""
from io import StringIO

from django.core.management import call_command

from devtools import fake_alipay
from payment import services
from payment.tasks import reconcile_orders_task
from tests.payment.conftest import age, open_cashier, unreachable_gateway


def status_of(order):
    order.refresh_from_db()
    return order.status


def test_a_recent_pending_order_is_left_alone(gateway, api, order):
    open_cashier(api, order)
    fake_alipay.pay_trade(order.order_no)
    assert services.reconcile_orders()["checked"] == 0
    assert status_of(order) == "pending"


def test_an_old_pending_order_paid_at_alipay_becomes_paid(gateway, api, order, settings):
    open_cashier(api, order)
    fake_alipay.pay_trade(order.order_no)
    age(order, settings.ORDER_RECONCILE_AFTER_SECONDS + 1)
    assert services.reconcile_orders() == {"checked": 1, "paid": 1, "closed": 0, "pending": 0,
                                           "unanswered": 0, "refunded": 0}
    assert status_of(order) == "paid"


def test_an_unpaid_order_within_its_timeout_stays_pending(gateway, api, order, settings):
    open_cashier(api, order)
    age(order, settings.ORDER_RECONCILE_AFTER_SECONDS + 1)
    assert services.reconcile_orders()["pending"] == 1
    assert status_of(order) == "pending"


def test_an_unpaid_order_past_its_timeout_is_closed(gateway, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    assert services.reconcile_orders()["closed"] == 1
    assert status_of(order) == "closed"


def test_an_expired_order_is_kept_when_alipay_does_not_answer(settings, order):
    unreachable_gateway(settings)
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    assert services.reconcile_orders()["unanswered"] == 1
    assert status_of(order) == "pending"


def test_paid_and_closed_orders_are_not_queried(settings, order):
    unreachable_gateway(settings)
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    services.order_mark_closed(order=order, reason="timed out")
    assert services.reconcile_orders()["checked"] == 0


def test_the_management_command_reconciles(gateway, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    out = StringIO()
    call_command("reconcile_orders", stdout=out)
    assert "closed=1" in out.getvalue()
    assert status_of(order) == "closed"


def test_the_celery_task_reconciles(gateway, order, settings):
    age(order, settings.ORDER_TIMEOUT_SECONDS + 1)
    assert reconcile_orders_task.apply().get()["closed"] == 1
    assert status_of(order) == "closed"
