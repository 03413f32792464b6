#!/usr/bin/env python3
"""Seeds a running covoit server through its JSON API (standard library only).

  seed.py event    --base URL --tag TAG --offers N [--seats S]
      creates one event and N `to_event` offers; prints {"slug": ..., "offers": [ids]}
  seed.py bookings --base URL --offers 1,2,3 --per-offer K [--threads T]
      K distinct passengers request one seat on each offer; prints {"created": n, "failed": n}
  seed.py needs    --base URL --slug SLUG --tag TAG --count N [--threads T]
      N distinct passengers join the event's waiting list (one seat, to the event); prints
      {"created": n, "failed": n}
  seed.py offers   --base URL --slug SLUG --tag TAG --offers N [--seats S]
      adds N `to_event` offers to an event made by `seed.py event`; prints {"offers": [ids]}
  seed.py claims   --base URL --tag TAG --events E [--needs 8] [--threads T]
      E events, each with N waiting passengers (one seat each) and then one 8-seat offer,
      whose publication alerts those N (each alert email carries a one-shot claim link; a
      claim holds its seat, so 8 claims fill the ride);
      prints {"events": E, "needs": n, "failed": n}

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


def event_start():
    return (dt.datetime.now() + dt.timedelta(days=30)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )


def add_offers(c, slug, tag, n, seats, start):
    ids = []
    for i in range(n):
        departs = start - dt.timedelta(hours=1, minutes=(i * 7) % (6 * 24 * 60))
        status, payload = c.post(
            f"/api/events/{slug}/offers",
            {
                "driver_name": f"Driver{i} Bench",
                "driver_email": f"driver-{tag}-{i}@bench.example",
                "direction": "to_event",
                "place": f"Gare de Lyon Part-Dieu, sortie {i}",
                "departs_at": departs.strftime("%Y-%m-%dT%H:%M"),
                "seats": seats,
                "notes": "Petite valise possible. Small suitcase is fine.",
            },
        )
        if status != 201:
            raise SystemExit(f"POST /api/events/{slug}/offers: {status} {payload[:300]!r}")
        ids.append(json.loads(payload)["offer"]["id"])
    return ids


def cmd_event(args):
    c = Client(args.base)
    start = event_start()
    slug = new_event(c, args.tag, start)
    ids = add_offers(c, slug, args.tag, args.offers, args.seats, start)
    print(json.dumps({"slug": slug, "offers": ids}))


def cmd_offers(args):
    c = Client(args.base)
    ids = add_offers(c, args.slug, args.tag, args.offers, args.seats, event_start())
    print(json.dumps({"offers": ids}))


def in_threads(jobs, n_threads, base, post):
    """Runs post(client, job) -> (status, payload) over jobs in n_threads; counts the 201s."""
    lock = threading.Lock()
    counts = {"created": 0, "failed": 0}
    shown = []

    def worker(part):
        c = Client(base)
        for job in part:
            status, payload = post(c, job)
            with lock:
                if status == 201:
                    counts["created"] += 1
                else:
                    counts["failed"] += 1
                    if len(shown) < 5:
                        shown.append(f"{status} {payload[:200]!r}")

    threads = [threading.Thread(target=worker, args=(jobs[i::n_threads],)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in shown:
        print(f"request failed: {s}", file=sys.stderr)
    return counts


def cmd_needs(args):
    def post(c, k):
        return c.post(
            f"/api/events/{args.slug}/needs",
            {
                "name": f"Waiting {k}",
                "email": f"need-{args.tag}-{k}@bench.example",
                "direction": "to_event",
                "place": "Villeurbanne",
                "seats": 1,
            },
        )

    print(json.dumps(in_threads(list(range(args.count)), args.threads, args.base, post)))


def new_event(c, tag, start):
    status, payload = c.post(
        "/api/events",
        {
            "name": f"Bench {tag} festival",
            "venue": "Salle des fêtes, 1 place de la Mairie, Lyon",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "timezone": "Europe/Paris",
            "organizer_name": "Bench Organiser",
            "organizer_email": f"organiser-{tag}@bench.example",
        },
    )
    if status != 201:
        raise SystemExit(f"POST /api/events: {status} {payload[:300]!r}")
    return json.loads(payload)["event"]["slug"]


def cmd_claims(args):
    """One event per offer: a new offer alerts at most two waiting passengers per free seat,
    and each passenger can claim once, so every event gets its own waiting list."""
    start = event_start()

    def post(c, e):
        tag = f"{args.tag}{e}"
        slug = new_event(c, tag, start)
        failed = 0
        for k in range(args.needs):
            status, _ = c.post(
                f"/api/events/{slug}/needs",
                {
                    "name": f"Waiting {k}",
                    "email": f"claim-{tag}-{k}@bench.example",
                    "direction": "to_event",
                    "place": "Villeurbanne",
                    "seats": 1,
                },
            )
            failed += status != 201
        add_offers(c, slug, tag, 1, 8, start)
        return (201 if failed == 0 else 500), b"needs refused"

    counts = in_threads(list(range(args.events)), args.threads, args.base, post)
    print(json.dumps({"events": args.events, "needs": args.events * args.needs, **counts}))


def cmd_bookings(args):
    offers = [x for x in args.offers.split(",") if x]
    jobs = [(o, k) for k in range(args.per_offer) for o in offers]

    def post(c, job):
        offer, k = job
        return c.post(
            f"/api/offers/{offer}/reservations",
            {
                "passenger_name": f"Passenger {k}",
                "passenger_email": f"seed-{args.tag}-{offer}-{k}@bench.example",
                "seats": 1,
            },
        )

    print(json.dumps(in_threads(jobs, args.threads, args.base, post)))


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
    n = sub.add_parser("needs")
    n.add_argument("--base", required=True)
    n.add_argument("--slug", required=True)
    n.add_argument("--tag", required=True)
    n.add_argument("--count", type=int, required=True)
    n.add_argument("--threads", type=int, default=16)
    o = sub.add_parser("offers")
    o.add_argument("--base", required=True)
    o.add_argument("--slug", required=True)
    o.add_argument("--tag", required=True)
    o.add_argument("--offers", type=int, required=True)
    o.add_argument("--seats", type=int, default=8)
    cl = sub.add_parser("claims")
    cl.add_argument("--base", required=True)
    cl.add_argument("--tag", required=True)
    cl.add_argument("--events", type=int, required=True)
    cl.add_argument("--needs", type=int, default=8)
    cl.add_argument("--threads", type=int, default=8)
    args = p.parse_args()
    {"claims": cmd_claims, "event": cmd_event, "bookings": cmd_bookings, "needs": cmd_needs, "offers": cmd_offers}[
        args.cmd
    ](args)


if __name__ == "__main__":
    main()
