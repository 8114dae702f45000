"""A local fake of Alipay's gateway, for `make run` and the tests. Development only.

Mounted at /fake-alipay/ by longtoblog/urls.py only outside production and only while
ALIPAY_GATEWAY points at it; production never imports this module. Like Alipay it
verifies the app's RSA2 request signature, shows a cashier page, posts a signed async
notify to the order's notify_url (retrying while not answered `success`), sends the
browser to the return_url with signed parameters, and answers alipay.trade.query and
alipay.trade.refund with signed responses. It signs with its own key pair from
ALIPAY_KEYS_DIR and keeps its trades in the cache. It deliberately does not use
python-alipay-sdk, so the tests check the app against an independent implementation.
"""
import base64
import binascii
import json
import logging
import secrets
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.template import Context, Engine
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from payment import alipay
from payment.alipay import TRADE_CLOSED, TRADE_SUCCESS, WAIT_BUYER_PAY

logger = logging.getLogger("jiuzhi.fake_alipay")

TRADE_TTL_SECONDS = 3 * 24 * 3600
# Seconds to wait before each notify attempt (real Alipay retries over 25 hours).
NOTIFY_RETRY_DELAYS = (0, 1, 3)
NOTIFY_TIMEOUT_SECONDS = 5
SELLER_ID = "2088000000000000"
BUYER_ID = "2088000000000001"
BUYER_LOGON_ID = "buy***@example.com"
# Not an installed app (production must not load it), so it brings its own templates.
TEMPLATES = Engine(dirs=[Path(__file__).resolve().parent / "templates"])


# --- signatures (RSA2: SHA256withRSA over the sorted "key=value" pairs) -------------


def _fake_private_key():
    keys_dir = alipay.generate_key_files(settings.ALIPAY_KEYS_DIR)
    return alipay.load_private_key(alipay.read_key(keys_dir / alipay.ALIPAY_PRIVATE_KEY).encode())


def sign(message):
    signature = _fake_private_key().sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(signature).decode()


def _signed_string(params, excluded):
    return "&".join(f"{key}={value}" for key, value in sorted(params.items())
                    if key not in excluded and value != "")


def sign_params(params):
    """`params` with Alipay's signature, as in a notify or a return query."""
    # Alipay leaves empty values out of what it sends and signs.
    unsigned = {key: value for key, value in params.items() if key != "sign" and value != ""}
    unsigned.setdefault("sign_type", "RSA2")
    return {**unsigned, "sign": sign(_signed_string(unsigned, ("sign", "sign_type")))}


def request_is_signed_by_app(params):
    """Does the app's request carry a valid signature (everything but `sign` is signed)?"""
    try:
        signature = base64.b64decode(params.get("sign", ""), validate=True)
    except (binascii.Error, ValueError):
        return False
    public_key = serialization.load_pem_public_key(alipay.app_public_key_pem().encode())
    message = _signed_string(params, ("sign",)).encode()
    try:
        public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


# --- trades ---------------------------------------------------------------------------


def _now():
    return alipay.alipay_time(timezone.now())


def get_trade(out_trade_no):
    return cache.get(f"fake-alipay:trade:{out_trade_no}")


def save_trade(trade):
    cache.set(f"fake-alipay:trade:{trade['out_trade_no']}", trade, TRADE_TTL_SECONDS)
    return trade


def _expired(trade):
    expire = trade.get("time_expire")
    return bool(expire) and _now() >= expire


def _current(trade):
    """The trade as Alipay sees it now: an unpaid trade past time_expire is closed."""
    if trade and trade["trade_status"] == WAIT_BUYER_PAY and _expired(trade):
        trade = save_trade({**trade, "trade_status": TRADE_CLOSED})
    return trade


def open_trade(params, biz):
    """The trade a page-pay request starts (or the existing one for its out_trade_no)."""
    trade = _current(get_trade(biz["out_trade_no"]))
    if trade is not None and trade["trade_status"] != WAIT_BUYER_PAY:
        return trade
    return save_trade({
        "out_trade_no": biz["out_trade_no"],
        "subject": str(biz.get("subject", "")),
        "total_amount": str(biz["total_amount"]),
        "time_expire": str(biz.get("time_expire", "")),
        "app_id": params["app_id"],
        "notify_url": params.get("notify_url", ""),
        "return_url": params.get("return_url", ""),
        "trade_status": WAIT_BUYER_PAY,
        "trade_no": "",
        "gmt_create": (trade or {}).get("gmt_create") or _now(),
        "gmt_payment": "",
    })


def pay_trade(out_trade_no):
    """The buyer pays: the trade succeeds (once) and gets Alipay's trade_no."""
    trade = _current(get_trade(out_trade_no))
    if trade is None or trade["trade_status"] != WAIT_BUYER_PAY:
        return trade
    day = timezone.localtime(timezone.now(), alipay.TIME_ZONE).strftime("%Y%m%d")
    trade_no = day + "22001" + "".join(secrets.choice("0123456789") for _ in range(15))
    return save_trade({**trade, "trade_status": TRADE_SUCCESS, "trade_no": trade_no,
                       "gmt_payment": _now()})


def refunded_amount(trade):
    return sum((Decimal(value) for value in trade.get("refunds", {}).values()), Decimal("0"))


def refund_trade(trade, *, out_request_no, amount):
    """Refund `amount` once per out_request_no, as Alipay does: (trade, fund_change), or
    (None, Alipay's sub_code) when Alipay would refuse."""
    if out_request_no in trade.get("refunds", {}):  # a retry: answered again, refunded once
        return trade, "N"
    if trade["trade_status"] != TRADE_SUCCESS:
        return None, "ACQ.TRADE_STATUS_ERROR"
    left = Decimal(trade["total_amount"]) - refunded_amount(trade)
    if not 0 < amount <= left:
        return None, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"
    refunds = {**trade.get("refunds", {}), out_request_no: f"{amount:.2f}"}
    status = TRADE_CLOSED if amount == left else TRADE_SUCCESS  # refunded in full: closed
    return save_trade({**trade, "refunds": refunds, "trade_status": status}), "Y"


def notify_params(trade):
    """The signed form Alipay posts to notify_url for a paid trade."""
    amount = trade["total_amount"]
    return sign_params({
        "notify_type": "trade_status_sync", "notify_id": secrets.token_hex(16),
        "notify_time": _now(), "charset": "utf-8", "version": "1.0",
        "app_id": trade["app_id"], "auth_app_id": trade["app_id"],
        "out_trade_no": trade["out_trade_no"], "trade_no": trade["trade_no"],
        "trade_status": trade["trade_status"], "subject": trade["subject"],
        "total_amount": amount, "receipt_amount": amount, "invoice_amount": amount,
        "buyer_pay_amount": amount, "point_amount": "0.00",
        "gmt_create": trade["gmt_create"], "gmt_payment": trade["gmt_payment"],
        "buyer_id": BUYER_ID, "seller_id": SELLER_ID,
    })


def return_params(trade):
    """The signed query Alipay sends the browser back to return_url with."""
    return sign_params({
        "method": "alipay.trade.page.pay.return", "charset": "utf-8", "version": "1.0",
        "timestamp": _now(), "app_id": trade["app_id"], "auth_app_id": trade["app_id"],
        "out_trade_no": trade["out_trade_no"], "trade_no": trade["trade_no"],
        "total_amount": trade["total_amount"], "seller_id": SELLER_ID,
    })


def deliver_notify(trade):
    """Post the notify until the app answers `success`, as Alipay retries; True if it did."""
    params = notify_params(trade)
    for delay in NOTIFY_RETRY_DELAYS:
        time.sleep(delay)
        try:
            response = requests.post(trade["notify_url"], data=params,
                                     timeout=NOTIFY_TIMEOUT_SECONDS)
        except requests.RequestException as error:
            logger.warning("Notify for %s not delivered: %s", trade["out_trade_no"], error)
            continue
        if response.text.strip() == "success":
            return True
        logger.warning("Notify for %s answered %r", trade["out_trade_no"], response.text[:40])
    return False


# --- the gateway ---------------------------------------------------------------------


def _request_problem(params):
    """Alipay's sub_code for a request it would refuse, or None."""
    if params.get("sign_type") != "RSA2" or not request_is_signed_by_app(params):
        return "isv.invalid-signature"
    if params.get("app_id") != settings.ALIPAY_APP_ID:
        return "isv.invalid-app-id"
    try:
        biz = json.loads(params.get("biz_content", ""))
    except ValueError:
        return "isv.invalid-biz-content"
    if not isinstance(biz, dict) or not biz.get("out_trade_no"):
        return "isv.missing-out-trade-no"
    return None


def _signed_json(response_key, payload):
    """A sync response the way Alipay writes it: the signature covers the exact JSON text."""
    content = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    body = f'{{"{response_key}":{content},"sign":"{sign(content)}"}}'
    return HttpResponse(body.encode(), content_type="application/json; charset=utf-8")


def _error_json(sub_code):
    body = {"error_response": {"code": "40002", "msg": "Invalid Arguments", "sub_code": sub_code}}
    return HttpResponse(json.dumps(body), content_type="application/json; charset=utf-8")


def _business_failure(response_key, out_trade_no, sub_code):
    return _signed_json(response_key, {"code": "40004", "msg": "Business Failed",
                                       "sub_code": sub_code, "out_trade_no": out_trade_no})


def _cashier(trade=None, message="", status=200):
    payable = trade is not None and trade["trade_status"] == WAIT_BUYER_PAY
    page = TEMPLATES.get_template("fake_alipay/cashier.html")
    context = Context({"trade": trade, "message": message, "payable": payable})
    return HttpResponse(page.render(context), status=status)


def _page_pay(params):
    problem = _request_problem(params)
    if problem:
        return _cashier(message=f"请求被拒绝：{problem}", status=400)
    trade = open_trade(params, json.loads(params["biz_content"]))
    messages = {TRADE_SUCCESS: "该订单已支付。", TRADE_CLOSED: "该交易已关闭。"}
    return _cashier(trade, messages.get(trade["trade_status"], ""))


def _trade_query(params):
    response_key = "alipay_trade_query_response"
    out_trade_no = json.loads(params["biz_content"])["out_trade_no"]
    trade = _current(get_trade(out_trade_no))
    if trade is None:
        return _business_failure(response_key, out_trade_no, "ACQ.TRADE_NOT_EXIST")
    payload = {"code": "10000", "msg": "Success", "out_trade_no": out_trade_no,
               "trade_no": trade["trade_no"], "trade_status": trade["trade_status"],
               "total_amount": trade["total_amount"], "buyer_user_id": BUYER_ID}
    if trade["trade_no"]:
        payload.update(buyer_pay_amount=trade["total_amount"], send_pay_date=trade["gmt_payment"])
    return _signed_json(response_key, payload)


def _trade_refund(params):
    response_key = "alipay_trade_refund_response"
    biz = json.loads(params["biz_content"])
    out_trade_no = biz["out_trade_no"]
    amount = alipay.parse_amount(biz.get("refund_amount"))
    if amount is None:
        return _error_json("isv.invalid-refund-amount")
    trade = get_trade(out_trade_no)
    if trade is None:
        return _business_failure(response_key, out_trade_no, "ACQ.TRADE_NOT_EXIST")
    trade, outcome = refund_trade(trade, out_request_no=str(biz.get("out_request_no", out_trade_no)),
                                  amount=amount)
    if trade is None:
        return _business_failure(response_key, out_trade_no, outcome)
    return _signed_json(response_key, {
        "code": "10000", "msg": "Success", "out_trade_no": out_trade_no,
        "trade_no": trade["trade_no"], "buyer_logon_id": BUYER_LOGON_ID,
        "fund_change": outcome, "refund_fee": f"{refunded_amount(trade):.2f}",
        "gmt_refund_pay": _now(),
    })


# Sync API methods of the gateway: method → handler(params) for a request signed by the app.
SYNC_METHODS = {"alipay.trade.query": _trade_query, "alipay.trade.refund": _trade_refund}


@require_http_methods(["GET", "POST"])
def gateway(request):
    params = (request.POST if request.method == "POST" else request.GET).dict()
    method = params.get("method")
    if method == "alipay.trade.page.pay":
        return _page_pay(params)
    if method not in SYNC_METHODS:
        return _error_json("isv.invalid-method")
    problem = _request_problem(params)
    return _error_json(problem) if problem else SYNC_METHODS[method](params)


@require_POST
def pay(request):
    """The cashier's 确认付款 button: pay, notify the app, send the browser back."""
    trade = pay_trade(request.POST.get("out_trade_no", ""))
    if trade is None:
        return _cashier(message="交易不存在。", status=404)
    if trade["trade_status"] != TRADE_SUCCESS:
        return _cashier(trade, "该交易已关闭。", status=409)
    if trade["notify_url"]:
        deliver_notify(trade)
    if not trade["return_url"]:
        return _cashier(trade, "支付成功。")
    separator = "&" if "?" in trade["return_url"] else "?"
    return HttpResponseRedirect(trade["return_url"] + separator + urlencode(return_params(trade)))
