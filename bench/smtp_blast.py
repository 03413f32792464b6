#!/usr/bin/env python3
"""The SMTP sink's own ceiling: N messages of about 4 KB (the size of covoit's emails) sent
with the standard library's smtplib over CONNS persistent connections, one thread each.

  smtp_blast.py PORT N CONNS       prints `rate=<messages per second>`
"""
import smtplib
import sys
import threading
import time


def main():
    port, n, conns = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    body = ("x" * 70 + "\r\n") * 56
    msg = (
        "From: bench <noreply@bench.example>\r\nTo: someone@bench.example\r\n"
        "Subject: ceiling\r\n\r\n" + body
    ).encode()
    errors = []

    def worker(k):
        try:
            s = smtplib.SMTP("127.0.0.1", port, timeout=30)
            for _ in range(k):
                s.sendmail("noreply@bench.example", ["someone@bench.example"], msg)
            s.quit()
        except Exception as e:  # reported below
            errors.append(repr(e))

    per = n // conns
    threads = [threading.Thread(target=worker, args=(per,)) for _ in range(conns)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"smtp_blast: {errors[0]}")
    print(f"rate={per * conns / elapsed:.1f}")


if __name__ == "__main__":
    main()
