import logging
import threading

import pytest
from django.db import connections
from django.test import Client

from devtools import fake_alipay
from payment import services
from payment.models import Order
from tests.payment.conftest import events, notify, post_notify


def paid_log_lines(caplog, order):
    return [r for r in caplog.records if r.getMessage().startswith(f"Order {order.order_no} paid")]


def assert_unchanged(order):
    order.refresh_from_db()
    assert (order.status, order.paid_time, order.trade_no, order.paid_topic_id) == ("pending", None, "", None)


def test_a_signed_notify_marks_the_order_paid_and_answers_success(api, order):
    response = post_notify(api, notify(order))
    assert response.content == b"success"
    assert response["Content-Type"].startswith("text/plain")
    order.refresh_from_db()
    assert order.status == "paid"
    assert order.trade_no == "2026112522001400000000000001"
    assert order.paid_time is not None
    assert order.paid_topic_id == order.topic_id


def test_trade_finished_also_pays(api, order):
    assert post_notify(api, notify(order, trade_status="TRADE_FINISHED")).content == b"success"
    order.refresh_from_db()
    assert order.status == "paid"


def test_a_tampered_notify_is_fail_and_changes_nothing(api, order):
    params = notify(order, total_amount="0.01")
    params["total_amount"] = str(order.amount)  # signed for 0.01, claims the full price
    assert post_notify(api, params).content == b"fail"
    assert_unchanged(order)


def test_a_notify_without_signature_is_fail(api, order):
    params = notify(order)
    del params["sign"]
    assert post_notify(api, params).content == b"fail"
    assert_unchanged(order)


def test_a_notify_with_garbage_signature_is_fail(api, order):
    assert post_notify(api, {**notify(order), "sign": "not base64 at all!"}).content == b"fail"
    assert_unchanged(order)


def test_a_notify_with_a_wrong_amount_is_fail(api, order):
    assert post_notify(api, notify(order, total_amount="0.01")).content == b"fail"
    assert_unchanged(order)


def test_a_notify_with_a_junk_amount_is_fail(api, order):
    assert post_notify(api, notify(order, total_amount="NaN")).content == b"fail"
    assert_unchanged(order)


def test_a_notify_for_another_app_is_fail(api, order):
    assert post_notify(api, notify(order, app_id="2021000000000001")).content == b"fail"
    assert_unchanged(order)


def test_a_notify_for_an_unknown_order_is_fail(api, order):
    assert post_notify(api, notify(order, out_trade_no="20261125000000" + "0" * 32)).content == b"fail"
    assert_unchanged(order)


@pytest.mark.parametrize("status", ["WAIT_BUYER_PAY", "TRADE_CLOSED"])
def test_a_notify_of_an_unpaid_trade_is_fail(api, order, status):
    assert post_notify(api, notify(order, trade_status=status)).content == b"fail"
    assert_unchanged(order)


def test_a_rejected_notify_is_logged(api, order, caplog):
    post_notify(api, notify(order, app_id="2021000000000001"))
    assert any("rejected" in r.getMessage() and order.order_no in r.getMessage()
               for r in caplog.records)


def test_the_same_notify_ten_times_pays_once(api, order, caplog):
    caplog.set_level(logging.INFO, logger="jiuzhi.payment")
    params = notify(order)
    assert post_notify(api, params).content == b"success"
    order.refresh_from_db()
    first_paid_time = order.paid_time
    answers = [post_notify(api, params).content for _ in range(9)]
    assert answers == [b"success"] * 9
    order.refresh_from_db()
    assert order.paid_time == first_paid_time
    assert len(paid_log_lines(caplog, order)) == 1


def test_a_late_payment_of_a_closed_order_still_pays(api, order):
    services.order_mark_closed(order=order, reason="timed out")
    assert post_notify(api, notify(order)).content == b"success"
    order.refresh_from_db()
    assert order.status == "paid"


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_notifies_pay_exactly_once(order, caplog):
    """Alipay retrying while the first notify is still in flight.

    Every answer is `success`, or `fail` (never a 500) when the database could not take
    the write just then (SQLite's in-memory test database does not wait for locks);
    Alipay retries those, and the retry succeeds. The order is paid exactly once.
    """
    caplog.set_level(logging.INFO, logger="jiuzhi.payment")
    params = notify(order)
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    answers = []

    def alipay_sends():
        client = Client()
        barrier.wait()
        try:
            answers.append(post_notify(client, params).content)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=alipay_sends) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == threads_count
    assert set(answers) <= {b"success", b"fail"}
    assert b"success" in answers
    retries = [post_notify(Client(), params).content for answer in answers if answer == b"fail"]
    assert set(retries) <= {b"success"}
    order.refresh_from_db()
    assert order.status == "paid"
    assert len(paid_log_lines(caplog, order)) == 1
    assert Order.objects.filter(paid_topic=order.topic_id).count() == 1


def test_a_notify_for_another_seller_is_fail_when_our_seller_is_configured(api, order, settings):
    settings.ALIPAY_SELLER_ID = "2088000000000099"
    assert post_notify(api, notify(order)).content == b"fail"  # the fake's seller is another
    assert_unchanged(order)
    assert events(order, "notify") == [
        ("notify", False, f"seller_id {fake_alipay.SELLER_ID!r} is not ours")]


def test_a_notify_for_our_seller_pays(api, order, settings):
    settings.ALIPAY_SELLER_ID = fake_alipay.SELLER_ID
    assert post_notify(api, notify(order)).content == b"success"
    order.refresh_from_db()
    assert order.status == "paid"


def test_a_notify_that_the_refund_closed_the_trade_is_success_and_changes_nothing(api, order):
    post_notify(api, notify(order))
    Order.objects.filter(pk=order.pk).update(status=Order.REFUNDED, paid_topic=None)
    assert post_notify(api, notify(order, trade_status="TRADE_CLOSED")).content == b"success"
    assert events(order, "notify")[-1] == ("notify", True, "refund confirmed")
    order.refresh_from_db()
    assert order.status == "refunded"
