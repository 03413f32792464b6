#!/usr/bin/env python3
"""Cold start: spawn the server, poll GET /ping on loopback until the first 200, kill it.

  coldstart.py RUNS PORT LOG -- COMMAND...

The environment (configuration) is inherited. Prints each run's milliseconds and the median
as `median_ms=N`. A run that gets no 200 within 30 s fails the script.
"""
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def main():
    runs, port, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    cmd = sys.argv[sys.argv.index("--") + 1 :]
    times = []
    for _ in range(runs):
        with open(log, "ab") as out:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=out)
            try:
                while not ping(port):
                    if p.poll() is not None:
                        raise SystemExit(f"the server exited with {p.returncode}; see {log}")
                    if time.perf_counter() - t0 > 30:
                        raise SystemExit("no answer on /ping within 30 s")
                    time.sleep(0.001)
                times.append((time.perf_counter() - t0) * 1000)
            finally:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        time.sleep(0.3)
    print(" ".join(f"{t:.0f}" for t in times))
    print(f"median_ms={statistics.median(times):.0f}")


if __name__ == "__main__":
    main()
