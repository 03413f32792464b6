//! A calendar file (RFC 5545) for a confirmed trip, attached to the acceptance email.
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

pub struct Trip<'a> {
    pub uid: &'a str,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub created: DateTime<Utc>,
}

pub fn calendar(trip: &Trip<'_>) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//covoit//carpool//EN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(trip.uid)),
        format!("DTSTAMP:{}", stamp(trip.created)),
        format!("DTSTART:{}", stamp(trip.start)),
        format!("DTEND:{}", stamp(trip.end)),
        format!("SUMMARY:{}", text(trip.summary)),
        format!("LOCATION:{}", text(trip.location)),
        format!("DESCRIPTION:{}", text(trip.description)),
        "STATUS:CONFIRMED".to_owned(),
        "TRANSP:OPAQUE".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn escapes_folds_and_uses_utc() {
        let start = Utc.with_ymd_and_hms(2026, 12, 5, 8, 30, 0).unwrap();
        let long = "é".repeat(60);
        let ics = calendar(&Trip {
            uid: "reservation-1@covoit.test",
            summary: "Covoiturage, aller; vers «Fête»",
            location: "Gare\nPart-Dieu",
            description: &long,
            start,
            end: start + chrono::Duration::hours(1),
            created: start,
        });
        assert!(ics.contains("DTSTART:20261205T083000Z\r\n"));
        assert!(ics.contains("SUMMARY:Covoiturage\\, aller\\; vers «Fête»\r\n"));
        assert!(ics.contains("LOCATION:Gare\\nPart-Dieu\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
