//! Times typed by people: RFC 3339, or a local `YYYY-MM-DDTHH:MM` read in the event's zone.
use chrono::{DateTime, LocalResult, NaiveDateTime, SubsecRound, TimeZone, Utc};
use chrono_tz::Tz;

use super::Invalid;

pub fn parse_timezone(input: &str) -> Result<Tz, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    s.parse::<Tz>().map_err(|_| Invalid::TimeZone)
}

/// Parses an instant, whole seconds. A local time that a DST change skips is refused; one that
/// happens twice (autumn) is read as the first.
pub fn parse_event_time(input: &str, zone: Tz) -> Result<DateTime<Utc>, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    if s.len() > 40 {
        return Err(Invalid::DateTime);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc).trunc_subsecs(0));
    }
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or(Invalid::DateTime)?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc).trunc_subsecs(0)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc).trunc_subsecs(0)),
        LocalResult::None => Err(Invalid::NonexistentLocalTime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_times_follow_daylight_saving() {
        let paris = Tz::Europe__Paris;
        let winter = parse_event_time("2026-01-10T09:30", paris).unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-10T08:30:00+00:00");
        let summer = parse_event_time("2026-07-10T09:30", paris).unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-10T07:30:00+00:00");
        // 29 March 2026, 02:30 does not exist in Paris; 25 October, 02:30 happens twice.
        assert_eq!(
            parse_event_time("2026-03-29T02:30", paris),
            Err(Invalid::NonexistentLocalTime)
        );
        assert_eq!(
            parse_event_time("2026-10-25T02:30", paris)
                .unwrap()
                .to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        let t = parse_event_time("2026-05-01T10:00:00.750-04:00", Tz::Europe__Paris).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-05-01T14:00:00+00:00");
    }

    #[test]
    fn garbage_is_refused() {
        for bad in ["tomorrow", "2026-13-01T10:00", "2026-02-30T10:00", "10:00"] {
            assert_eq!(
                parse_event_time(bad, Tz::UTC),
                Err(Invalid::DateTime),
                "{bad}"
            );
        }
        assert_eq!(parse_timezone("Mars/Olympus"), Err(Invalid::TimeZone));
        assert_eq!(
            parse_timezone("America/New_York"),
            Ok(Tz::America__New_York)
        );
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = parse_event_time(&s, Tz::Europe__Paris);
        }
    }
}
