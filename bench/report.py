#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  report.py free-port                 prints a free TCP port on 127.0.0.1
  report.py wrk FILE                  parses wrk --latency output: rps= p50_ms= p99_ms= errors=
                                      duration_s= requests= (and status_NNN= from the scripts;
                                      KIND_status_NNN= KIND_p50_ms= KIND_p99_ms= from mixed.lua)
  report.py table RESULTS             prints the table of a results file (`key value` lines)
"""
import re
import socket
import sys


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * UNIT[m.group(2)] if m else float("nan")


def parse_wrk(path):
    text = open(path).read()
    out = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else float("nan")
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", text, re.M)
        out[key] = ms(m.group(1)) if m else float("nan")
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
    if m:
        out["requests"] = int(m.group(1))
        out["duration_s"] = ms(m.group(2) + m.group(3)) / 1000
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    out["errors"] = errors
    for code, count in re.findall(r"^STATUS (\d+) (\d+)$", text, re.M):
        out[f"status_{code}"] = int(count)
    # mixed.lua: each kind's statuses and latencies
    for kind, code, count in re.findall(r"^KIND (\w+) STATUS (\d+) (\d+)$", text, re.M):
        out[f"{kind}_status_{code}"] = int(count)
    for kind, p50, p99 in re.findall(r"^KIND (\w+) LATENCY_MS p50 ([\d.]+) p99 ([\d.]+)", text, re.M):
        out[f"{kind}_p50_ms"] = float(p50)
        out[f"{kind}_p99_ms"] = float(p99)
    m = re.search(r"^EXHAUSTED (\d)$", text, re.M)
    if m:
        out["exhausted"] = int(m.group(1))
    for k, v in out.items():
        print(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}")


def load(path):
    r = {}
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(" ")
        r[key] = value
    return r


def num(r, key):
    try:
        return float(r[key])
    except (KeyError, ValueError):
        return None


def fmt(v, digits=0):
    if v is None:
        return "n/a"
    return f"{v:,.{digits}f}"


def table(path):
    r = load(path)
    rows = []  # (measure, sqlite, postgres, target, verdict)

    def verdict(value, target, better):
        if value is None or target is None:
            return ""
        ok = value >= target if better == "high" else value <= target
        return "met" if ok else "MISSED"

    def frac(backend, rps):
        ceiling = num(r, f"{backend}.ping.rps")
        if rps is None or not ceiling:
            return ""
        return f" ({rps / ceiling:.0%})"

    def both(label, key, digits=0, target=None, better=None, target_text="", with_frac=False):
        cells = []
        verdicts = []
        for b in ("sqlite", "postgres"):
            v = num(r, f"{b}.{key}")
            cell = fmt(v, digits)
            if with_frac:
                cell += frac(b, v)
            if key == "outbox.rate" and v is not None and num(r, "sink_ceiling"):
                cell += f" ({v / num(r, 'sink_ceiling'):.0%})"
            cells.append(cell)
            if b == "sqlite":
                verdicts.append(verdict(v, target, better))
        rows.append((label, cells[0], cells[1], target_text, verdicts[0]))

    both("GET /ping (ceiling) req/s", "ping.rps", with_frac=False)
    both("GET /ping p99 ms", "ping.p99_ms", 2)
    both("event page (20 offers) req/s (% of ceiling)", "event.rps", target=12000, better="high",
         target_text="≥ 12,000 (SQLite)", with_frac=True)
    both("event page p50 ms", "event.p50_ms", 2)
    both("event page p99 ms", "event.p99_ms", 2, target=20, better="low", target_text="≤ 20 (SQLite)")
    both("event page, page cache off, req/s (% of ceiling)", "nocache.rps", target=8000,
         better="high", target_text="≥ 8,000 (SQLite)", with_frac=True)
    both("event page, page cache off, p99 ms", "nocache.p99_ms", 2)
    both("JSON event req/s (% of ceiling)", "json.rps", with_frac=True)
    both("JSON event p50 ms", "json.p50_ms", 2)
    both("JSON event p99 ms", "json.p99_ms", 2)
    both("GET /api/places req/s (% of ceiling)", "places.rps", target=5000, better="high",
         target_text="≥ 5,000 (SQLite)", with_frac=True)
    both("GET /api/places p99 ms", "places.p99_ms", 2, target=10, better="low",
         target_text="≤ 10 (SQLite)")
    both("booking POST req/s (% of ceiling)", "book.rps", target=4000, better="high",
         target_text="≥ 4,000 (SQLite)", with_frac=True)
    both("booking POST p99 ms", "book.p99_ms", 2, target=50, better="low",
         target_text="≤ 50 (SQLite)")
    both("mixed 95 % views / 5 % bookings: req/s", "mixed.rps", target=10000, better="high",
         target_text="≥ 10,000 (SQLite)", with_frac=True)
    both("mixed: p99 ms (all requests)", "mixed.p99_ms", 2, target=20, better="low",
         target_text="≤ 20 (SQLite)")
    both("mixed: views (200) req/s", "mixed_view.rps")
    both("mixed: views p99 ms", "mixed_view.p99_ms", 2)
    both("mixed: bookings (201) req/s", "mixed_book.rps")
    both("mixed: bookings p99 ms", "mixed_book.p99_ms", 2)
    both("waiting-list need POST (201) req/s", "need.rps", target=4000, better="high",
         target_text="≥ 4,000 (as booking)", with_frac=True)
    both("waiting-list need POST p99 ms", "need.p99_ms", 2)
    both("claim of a freed seat POST (303) req/s", "claim.rps", target=4000, better="high",
         target_text="≥ 4,000 (as booking)", with_frac=True)
    both("claim of a freed seat POST p99 ms", "claim.p99_ms", 2)
    both("accept POST (303) req/s (% of ceiling)", "accept.rps", target=3000, better="high",
         target_text="≥ 3,000 (SQLite)", with_frac=True)
    both("accept POST p99 ms", "accept.p99_ms", 2)
    both("expiry sweep 100k: seconds", "sweep.seconds", 1, target=3, better="low",
         target_text="≤ 3 s / ≤ 6 s")
    both("expiry sweep 100k: peak RSS MB", "sweep.rss_mb", 1, target=100, better="low",
         target_text="≤ 100 MB")
    both("outbox over SMTP: emails/s (% of sink ceiling)", "outbox.rate", target=1000,
         better="high", target_text="≥ 1,000")
    both("idle RSS MB (after start-up)", "idle_rss_mb", 1, target=30, better="low",
         target_text="≤ 30 MB")
    both("RSS under load MB (event page run, max)", "load_rss_mb", 1)
    # the rows with a target on both backends: judge PostgreSQL as well
    for i, row in enumerate(rows):
        label = row[0]
        if label.startswith(("expiry", "outbox", "idle")):
            key = {"expiry sweep 100k: seconds": "sweep.seconds",
                   "expiry sweep 100k: peak RSS MB": "sweep.rss_mb",
                   "outbox over SMTP: emails/s (% of sink ceiling)": "outbox.rate",
                   "idle RSS MB (after start-up)": "idle_rss_mb"}[label]
            target = {"sweep.seconds": (3, "low"), "sweep.rss_mb": (100, "low"),
                      "outbox.rate": (1000, "high"), "idle_rss_mb": (30, "low")}[key]
            # issue 19: the PostgreSQL sweep's own target
            target_pg = (6, "low") if key == "sweep.seconds" else target
            vs = verdict(num(r, f"sqlite.{key}"), *target)
            vp = verdict(num(r, f"postgres.{key}"), *target_pg)
            v = " / ".join(x for x in (vs, vp) if x)
            rows[i] = (row[0], row[1], row[2], row[3], v)

    single = []
    v = num(r, "cold_start_ms")
    single.append((f"cold start to first 200 on /ping, median of {r.get('cold_runs', '?')} (ms)", fmt(v), "≤ 300",
                   verdict(v, 300, "low")))
    v = num(r, "sink_ceiling")
    single.append(("SMTP sink ceiling, smtplib 8 connections (emails/s)", fmt(v), "", ""))
    v = num(r, "widget_raw")
    single.append(("widget.js bytes raw", fmt(v), "", ""))
    v = num(r, "widget_gzip")
    single.append(("widget.js bytes gzip -9", fmt(v), "≤ 2,048", verdict(v, 2048, "low")))
    v = num(r, "embed_total")
    single.append(("embed page + assets bytes (see note)", fmt(v),
                   "≤ 30,720", verdict(v, 30720, "low")))
    v = num(r, "embed_total_gzip")
    single.append(("embed page + assets bytes, each gzip -9", fmt(v), "", ""))
    v = num(r, "binary_bytes")
    single.append(("release binary bytes", fmt(v), "", ""))
    v = num(r, "binary_stripped_bytes")
    single.append(("release binary bytes, stripped copy", fmt(v), "", ""))

    head = ("measure", "SQLite", "PostgreSQL", "target", "verdict")
    all_rows = rows + [(label, value, "", target, v) for label, value, target, v in single]
    w = [max(len(x[i]) for x in all_rows + [head]) for i in range(5)]
    print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(head)) + " |")
    print("|" + "|".join("-" * (w[i] + 2) for i in range(5)) + "|")
    for row in all_rows:
        print("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(row)) + " |")
    notes = [line[len("note "):] for line in open(path) if line.startswith("note ")]
    for n in notes:
        print(f"note: {n.rstrip()}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "free-port":
        free_port()
    elif cmd == "wrk":
        parse_wrk(sys.argv[2])
    elif cmd == "table":
        table(sys.argv[2])
    else:
        raise SystemExit(__doc__)
