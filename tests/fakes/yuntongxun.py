"""A local fake of YunTongXun's TemplateSMS REST endpoint.

It checks what the real gateway checks (sig, Authorization, body) and remembers
each message. Run in-thread by the tests, or standalone for a real Celery worker:
`python -m tests.fakes.yuntongxun --port 18883 [--delay 2]`; GET /_messages lists
what it received.
"""
import argparse
import base64
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import requests

ACCOUNT_SID = "8a216da8fake0000sid"
ACCOUNT_TOKEN = "fake-token-0000"
APP_ID = "8a216da8fakeapp"


class FakeYunTongXun:
    def __init__(self, port=0, delay=0.0, status_code="000000"):
        self.messages = []
        self.delay = delay
        self.status_code = status_code
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = None

    def settings(self):
        return {"SMS_BACKEND": "yuntongxun", "SMS_BASE_URL": self.url,
                "SMS_ACCOUNT_SID": ACCOUNT_SID, "SMS_ACCOUNT_TOKEN": ACCOUNT_TOKEN,
                "SMS_APP_ID": APP_ID, "SMS_TEMPLATE_ID": "1"}

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def codes_for(self, phone):
        return [m["datas"][0] for m in self.messages if m["to"] == phone]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body):
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                if self.path == "/_messages":
                    return self._reply(200, fake.messages)
                self._reply(404, {})

            def do_POST(self):
                if fake.delay:
                    time.sleep(fake.delay)
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                error = fake._check(url, self.headers, body)
                if error:
                    return self._reply(200, {"statusCode": error, "statusMsg": "rejected"})
                fake.messages.append({**body, "received_at": time.time()})
                self._reply(200, {"statusCode": fake.status_code,
                                  "templateSMS": {"smsMessageSid": "fake", "dateCreated": ""}})

        return Handler

    @staticmethod
    def _check(url, headers, body):
        """The error code the real gateway would give, or None."""
        expected_path = f"/2013-12-26/Accounts/{ACCOUNT_SID}/SMS/TemplateSMS"
        if url.path != expected_path:
            return "111100"
        try:
            sid, timestamp = base64.b64decode(headers.get("Authorization", "")).decode().split(":")
        except ValueError:
            return "111101"
        sig = hashlib.md5(f"{ACCOUNT_SID}{ACCOUNT_TOKEN}{timestamp}".encode()).hexdigest().upper()
        if sid != ACCOUNT_SID or parse_qs(url.query).get("sig") != [sig]:
            return "111102"
        if body.get("appId") != APP_ID or not isinstance(body.get("datas"), list):
            return "111103"
        return None


class RemoteFakeYunTongXun:
    """The standalone fake, seen from a test (its messages come over HTTP)."""

    def __init__(self, url):
        self.url = url

    def settings(self):
        return {}

    @property
    def messages(self):
        return requests.get(f"{self.url}/_messages", timeout=30).json()

    def codes_for(self, phone):
        return [m["datas"][0] for m in self.messages if m["to"] == phone]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18883)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    fake = FakeYunTongXun(port=args.port, delay=args.delay)
    print(f"fake YunTongXun on {fake.url}", flush=True)
    fake.server.serve_forever()


if __name__ == "__main__":
    main()
