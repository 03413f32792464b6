//! Calendar entries (RFC 5545) for a trip, as iTIP messages (RFC 5546): a `REQUEST` when a
//! seat is confirmed and again, with a higher `SEQUENCE`, each time the trip changes; a
//! `CANCEL` when the seat or the ride ends; a `PUBLISH` for the "add to calendar" download.
//! The UID is stable per trip and person, so each message updates the same calendar entry.
use chrono::{DateTime, Utc};

/// Escapes TEXT values: backslash, comma, semicolon and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (a common name): quoted, with no quote or control character inside.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .map(|c| if c == '"' || c.is_control() { ' ' } else { c })
        .collect();
    format!("\"{}\"", clean.trim())
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The entry as it is now (a confirmed seat, a changed trip).
    Request,
    /// The entry is withdrawn (seat cancelled or removed, ride cancelled).
    Cancel,
    /// A file to import (the pages' download).
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }

    /// The MIME type of a message with this method.
    pub fn content_type(self) -> String {
        format!("text/calendar; charset=utf-8; method={}", self.as_str())
    }
}

/// Someone in the entry: the driver organises, passengers attend.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

pub struct Trip<'a> {
    pub uid: &'a str,
    pub method: Method,
    /// Raised on every change of the trip (the offer's version).
    pub sequence: i32,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub stamp: DateTime<Utc>,
    pub organizer: Party<'a>,
    pub attendees: &'a [Party<'a>],
}

pub fn calendar(trip: &Trip<'_>) -> String {
    let cancelled = trip.method == Method::Cancel;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//covoit//carpool//EN".to_owned(),
        format!("METHOD:{}", trip.method.as_str()),
        "CALSCALE:GREGORIAN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(trip.uid)),
        format!("SEQUENCE:{}", trip.sequence.max(0)),
        format!("DTSTAMP:{}", stamp(trip.stamp)),
        format!("DTSTART:{}", stamp(trip.start)),
        format!("DTEND:{}", stamp(trip.end)),
        format!("SUMMARY:{}", text(trip.summary)),
        format!("LOCATION:{}", text(trip.location)),
        format!("DESCRIPTION:{}", text(trip.description)),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            param(trip.organizer.name),
            trip.organizer.email.trim()
        ),
    ];
    for a in trip.attendees {
        lines.push(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{}",
            param(a.name),
            a.email.trim()
        ));
    }
    lines.extend([
        format!(
            "STATUS:{}",
            if cancelled { "CANCELLED" } else { "CONFIRMED" }
        ),
        format!(
            "TRANSP:{}",
            if cancelled { "TRANSPARENT" } else { "OPAQUE" }
        ),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ]);
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn trip(method: Method) -> String {
        let start = Utc.with_ymd_and_hms(2026, 12, 5, 8, 30, 0).unwrap();
        let long = "é".repeat(60);
        calendar(&Trip {
            uid: "reservation-1@covoit.test",
            method,
            sequence: 3,
            summary: "Covoiturage, aller; vers «Fête»",
            location: "Gare\nPart-Dieu",
            description: &long,
            start,
            end: start + chrono::Duration::hours(1),
            stamp: start,
            organizer: Party {
                name: "Denise \"la\" Conductrice",
                email: "denise@example.org",
            },
            attendees: &[Party {
                name: "Zoé",
                email: "zoe@example.org",
            }],
        })
    }

    #[test]
    fn escapes_folds_and_uses_utc() {
        let ics = trip(Method::Request);
        assert!(ics.contains("DTSTART:20261205T083000Z\r\n"));
        assert!(ics.contains("SUMMARY:Covoiturage\\, aller\\; vers «Fête»\r\n"));
        assert!(ics.contains("LOCATION:Gare\\nPart-Dieu\r\n"));
        assert!(ics.contains("METHOD:REQUEST\r\n") && ics.contains("SEQUENCE:3\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("ORGANIZER;CN=\"Denise  la  Conductrice\":mailto:denise@example.org"),
            "{unfolded}"
        );
        assert!(unfolded.contains("RSVP=FALSE:mailto:zoe@example.org"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_cancel_says_so() {
        let ics = trip(Method::Cancel);
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
        assert!(!ics.contains("CONFIRMED"));
    }
}
