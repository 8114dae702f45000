"""The fake YunTongXun of tests/fakes, with its answer delay switchable at run time
(PUT /_delay with a number of seconds), so one Celery worker serves both SMS phases."""
import argparse

from tests.fakes.yuntongxun import FakeYunTongXun


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    fake = FakeYunTongXun(port=args.port)
    base = fake.server.RequestHandlerClass

    class Handler(base):
        def do_PUT(self):
            if self.path != "/_delay":
                return self._reply(404, {})
            length = int(self.headers.get("Content-Length") or 0)
            fake.delay = float(self.rfile.read(length) or 0)
            self._reply(200, {"delay": fake.delay})

        def do_GET(self):
            if self.path == "/_count":  # cheaper than /_messages once thousands arrived
                return self._reply(200, {"count": len(fake.messages)})
            return super().do_GET()

    fake.server.RequestHandlerClass = Handler
    fake.server.serve_forever()


if __name__ == "__main__":
    main()
