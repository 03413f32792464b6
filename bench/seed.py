#!/usr/bin/env python3
"""Seeds a running covoit server through its JSON API (standard library only).

  seed.py event    --base URL --tag TAG --offers N [--seats S]
      creates one event and N `to_event` offers; prints {"slug": ..., "offers": [ids]}
  seed.py bookings --base URL --offers 1,2,3 --per-offer K [--threads T]
      K distinct passengers request one seat on each offer; prints {"created": n, "failed": n}

Every request goes to a loopback address given by --base; any non-201 answer is counted and
the first few are printed to stderr.
"""
import argparse
import datetime as dt
import http.client
import json
import sys
import threading
import urllib.parse


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing a non-loopback base URL: {base}")
        self.host, self.port = u.hostname, u.port or 80
        self.conn = None

    def post(self, path, body):
        data = json.dumps(body).encode()
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(
                    "POST",
                    path,
                    body=data,
                    headers={"Content-Type": "application/json", "Accept-Language": "en"},
                )
                r = self.conn.getresponse()
                payload = r.read()
                return r.status, payload
            except (http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def cmd_event(args):
    c = Client(args.base)
    start = (dt.datetime.now() + dt.timedelta(days=30)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    status, payload = c.post(
        "/api/events",
        {
            "name": f"Bench {args.tag} festival",
            "venue": "Salle des fêtes, 1 place de la Mairie, Lyon",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "timezone": "Europe/Paris",
            "organizer_name": "Bench Organiser",
            "organizer_email": f"organiser-{args.tag}@bench.example",
        },
    )
    if status != 201:
        raise SystemExit(f"POST /api/events: {status} {payload[:300]!r}")
    slug = json.loads(payload)["event"]["slug"]
    ids = []
    for i in range(args.offers):
        departs = start - dt.timedelta(hours=1, minutes=(i * 7) % (6 * 24 * 60))
        status, payload = c.post(
            f"/api/events/{slug}/offers",
            {
                "driver_name": f"Driver{i} Bench",
                "driver_email": f"driver-{args.tag}-{i}@bench.example",
                "direction": "to_event",
                "place": f"Gare de Lyon Part-Dieu, sortie {i}",
                "departs_at": departs.strftime("%Y-%m-%dT%H:%M"),
                "seats": args.seats,
                "notes": "Petite valise possible. Small suitcase is fine.",
            },
        )
        if status != 201:
            raise SystemExit(f"POST /api/events/{slug}/offers: {status} {payload[:300]!r}")
        ids.append(json.loads(payload)["offer"]["id"])
    print(json.dumps({"slug": slug, "offers": ids}))


def cmd_bookings(args):
    offers = [x for x in args.offers.split(",") if x]
    jobs = [(o, k) for k in range(args.per_offer) for o in offers]
    lock = threading.Lock()
    counts = {"created": 0, "failed": 0}
    shown = []

    def worker(part):
        c = Client(args.base)
        for offer, k in part:
            status, payload = c.post(
                f"/api/offers/{offer}/reservations",
                {
                    "passenger_name": f"Passenger {k}",
                    "passenger_email": f"seed-{args.tag}-{offer}-{k}@bench.example",
                    "seats": 1,
                },
            )
            with lock:
                if status == 201:
                    counts["created"] += 1
                else:
                    counts["failed"] += 1
                    if len(shown) < 5:
                        shown.append(f"{status} {payload[:200]!r}")

    threads = [
        threading.Thread(target=worker, args=(jobs[i :: args.threads],))
        for i in range(args.threads)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in shown:
        print(f"booking failed: {s}", file=sys.stderr)
    print(json.dumps(counts))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("event")
    e.add_argument("--base", required=True)
    e.add_argument("--tag", required=True)
    e.add_argument("--offers", type=int, default=20)
    e.add_argument("--seats", type=int, default=8)
    b = sub.add_parser("bookings")
    b.add_argument("--base", required=True)
    b.add_argument("--tag", default="acc")
    b.add_argument("--offers", required=True)
    b.add_argument("--per-offer", type=int, default=8)
    b.add_argument("--threads", type=int, default=16)
    args = p.parse_args()
    {"event": cmd_event, "bookings": cmd_bookings}[args.cmd](args)


if __name__ == "__main__":
    main()
