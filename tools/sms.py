"""SMS delivery: the YunTongXun (容联云通讯) REST client and a console backend."""
import base64
import hashlib
import logging
from datetime import datetime

import requests
from django.conf import settings

logger = logging.getLogger("jiuzhi.sms")


class SmsError(Exception):
    """The gateway refused the message (not worth retrying)."""


class YunTongXunClient:
    """POST {base}/2013-12-26/Accounts/{sid}/SMS/TemplateSMS?sig=SIG, success = 000000."""

    def __init__(self, account_sid, account_token, app_id, base_url, timeout):
        self.account_sid = account_sid
        self.account_token = account_token
        self.app_id = app_id
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def signed_request(self, timestamp):
        sig = hashlib.md5(
            f"{self.account_sid}{self.account_token}{timestamp}".encode()
        ).hexdigest().upper()
        url = f"{self.base_url}/2013-12-26/Accounts/{self.account_sid}/SMS/TemplateSMS?sig={sig}"
        auth = base64.b64encode(f"{self.account_sid}:{timestamp}".encode()).decode()
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/json;charset=utf-8",
            "Authorization": auth,
        }
        return url, headers

    def send_template_sms(self, to, template_id, datas):
        """Raises requests.RequestException on network trouble, SmsError on refusal."""
        url, headers = self.signed_request(datetime.now().strftime("%Y%m%d%H%M%S"))
        body = {"to": to, "appId": self.app_id, "templateId": str(template_id), "datas": datas}
        response = requests.post(url, json=body, headers=headers, timeout=self.timeout)
        response.raise_for_status()
        result = response.json()
        if result.get("statusCode") != "000000":
            logger.error("YunTongXun refused SMS to %s: %s", to, result)
            raise SmsError(f"YunTongXun status {result.get('statusCode')}: {result.get('statusMsg')}")
        return result


def send_code(phone, code, minutes):
    """Send a verification code through the configured SMS_BACKEND."""
    if settings.SMS_BACKEND == "console":
        logger.warning("SMS to %s: %s", phone, code)
        return
    client = YunTongXunClient(
        settings.SMS_ACCOUNT_SID, settings.SMS_ACCOUNT_TOKEN, settings.SMS_APP_ID,
        settings.SMS_BASE_URL, settings.SMS_TIMEOUT_SECONDS,
    )
    client.send_template_sms(phone, settings.SMS_TEMPLATE_ID, [code, str(minutes)])
