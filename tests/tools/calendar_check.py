"""Reads calendar files with two independent parsers (icalendar and vobject) and prints, for
each file, what each parser understood: method, uid, sequence, start (UTC), status, organizer
and attendees. Used by the test suite (tests/suite/calendars.rs); it fails loudly on a file
either parser rejects."""
import json
import sys

import icalendar
import vobject


def with_icalendar(text):
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 1, "one VEVENT"
    ev = events[0]
    attendees = ev.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    return {
        "method": str(cal.get("METHOD")),
        "uid": str(ev.get("UID")),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "start": ev.decoded("DTSTART").strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": str(ev.get("STATUS")),
        "organizer": str(ev.get("ORGANIZER")),
        "attendees": [str(a) for a in attendees],
        "summary": str(ev.get("SUMMARY")),
    }


def with_vobject(text):
    cal = vobject.readOne(text)
    ev = cal.vevent
    return {
        "method": cal.method.value,
        "uid": ev.uid.value,
        "sequence": int(ev.sequence.value) if hasattr(ev, "sequence") else 0,
        "start": ev.dtstart.value.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": ev.status.value,
        "organizer": ev.organizer.value,
        "attendees": [a.value for a in ev.contents.get("attendee", [])],
        "summary": ev.summary.value,
    }


def main():
    out = []
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        out.append({"file": path, "icalendar": with_icalendar(text), "vobject": with_vobject(text)})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
