#!/usr/bin/env python3
"""A local SMTP sink for the outbox benchmark: plain SMTP (no TLS, no AUTH) on a loopback
port, accepts every message, keeps nothing but a count.

  smtp_sink.py PORT COUNT_FILE

COUNT_FILE is rewritten with the number of messages received every 0.2 s and at exit
(SIGTERM/SIGINT). Needs aiosmtpd (PyPI).
"""
import asyncio
import signal
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


class Counter:
    def __init__(self):
        self.count = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.bytes += len(envelope.content or b"")
        return "250 OK"


def main():
    port, count_file = int(sys.argv[1]), sys.argv[2]
    handler = Counter()

    class Plain(Controller):
        def factory(self):
            # No STARTTLS offered, no AUTH required; large enough for any covoit email.
            return SMTP(self.handler, data_size_limit=10 * 1024 * 1024, auth_required=False,
                        auth_require_tls=False, hostname="sink.bench.local")

    controller = Plain(handler, hostname="127.0.0.1", port=port)
    controller.start()

    def write():
        with open(count_file + ".tmp", "w") as f:
            f.write(f"{handler.count} {handler.bytes}\n")
        import os
        os.replace(count_file + ".tmp", count_file)

    stop = {"now": False}

    def on_signal(*_):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    import time
    while not stop["now"]:
        write()
        time.sleep(0.2)
    controller.stop()
    write()


if __name__ == "__main__":
    main()
