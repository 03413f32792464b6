//! Times typed by people: RFC 3339, or a local `YYYY-MM-DDTHH:MM` read in the event's zone;
//! never further ahead than the horizon, so that no later arithmetic on them can overflow and
//! every stored time sorts and formats like any other.
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, SubsecRound, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};

use super::Invalid;

/// An IANA zone as people type it: any case, spaces for underscores ("europe/paris",
/// "America/New York"), or a city alone when one zone only is named after it ("Paris").
pub fn parse_timezone(input: &str) -> Result<Tz, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    if let Ok(zone) = s.parse::<Tz>() {
        return Ok(zone);
    }
    if s.len() > 64 {
        return Err(Invalid::TimeZone);
    }
    let wanted = s.replace(' ', "_").to_lowercase();
    if let Some(zone) = TZ_VARIANTS
        .iter()
        .find(|z| z.name().to_lowercase() == wanted)
    {
        return Ok(*zone);
    }
    let mut named_after = TZ_VARIANTS.iter().filter(|z| {
        z.name()
            .split_once('/')
            .and_then(|(_, rest)| rest.rsplit('/').next())
            .is_some_and(|city| city.to_lowercase() == wanted)
    });
    match (named_after.next(), named_after.next()) {
        (Some(zone), None) => Ok(*zone),
        _ => Err(Invalid::TimeZone),
    }
}

/// The zones offered to choose from: the current "Area/City" names and UTC (not the legacy
/// aliases such as "US/Eastern" or "Etc/GMT+5", which people would not look for).
/// The time zone of a place, from its country (ISO 3166-1 alpha-2) and, for France's overseas
/// départements, its postcode; `None` where one country has several zones not told apart here.
pub fn zone_of_place(country: &str, postcode: Option<&str>) -> Option<Tz> {
    let name = match country.to_ascii_uppercase().as_str() {
        "FR" => match postcode.map(|p| p.get(..3).unwrap_or("")) {
            Some("971") => "America/Guadeloupe",
            Some("972") => "America/Martinique",
            Some("973") => "America/Cayenne",
            Some("974") => "Indian/Reunion",
            Some("975") => "America/Miquelon",
            Some("976") => "Indian/Mayotte",
            _ => "Europe/Paris",
        },
        "BE" => "Europe/Brussels",
        "CH" => "Europe/Zurich",
        "LU" => "Europe/Luxembourg",
        "MC" => "Europe/Monaco",
        "DE" => "Europe/Berlin",
        "NL" => "Europe/Amsterdam",
        "IT" => "Europe/Rome",
        "AT" => "Europe/Vienna",
        "GB" => "Europe/London",
        "IE" => "Europe/Dublin",
        "GP" => "America/Guadeloupe",
        "MQ" => "America/Martinique",
        "GF" => "America/Cayenne",
        "RE" => "Indian/Reunion",
        "YT" => "Indian/Mayotte",
        _ => return None,
    };
    name.parse().ok()
}

pub fn zone_names() -> &'static [&'static str] {
    static NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        const AREAS: [&str; 9] = [
            "Africa/",
            "America/",
            "Antarctica/",
            "Asia/",
            "Atlantic/",
            "Australia/",
            "Europe/",
            "Indian/",
            "Pacific/",
        ];
        let mut names: Vec<&'static str> = TZ_VARIANTS
            .iter()
            .map(|z| z.name())
            .filter(|n| AREAS.iter().any(|a| n.starts_with(a)))
            .collect();
        names.push("UTC");
        names.sort_unstable();
        names
    });
    &NAMES
}

/// `t + d`, or the latest (earliest) representable instant instead of overflowing: for
/// arithmetic on stored times, which older versions did not bound.
pub fn plus(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(if d < Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// How far ahead anyone plans a trip: later times are refused.
pub const HORIZON: Duration = Duration::days(730);

/// Parses an instant, whole seconds, no later than `now + HORIZON`. A local time that a DST
/// change skips is refused; one that happens twice (autumn) is read as the first.
pub fn parse_event_time(
    input: &str,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, Invalid> {
    let t = parse_instant(input, zone)?;
    if t > now + HORIZON {
        return Err(Invalid::TooFarAhead);
    }
    Ok(t)
}

fn parse_instant(input: &str, zone: Tz) -> Result<DateTime<Utc>, Invalid> {
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
    // Years outside 1000..=9999 are nobody's trip (and some are out of range of the zones).
    if !(1000..=9999).contains(&chrono::Datelike::year(&naive)) {
        return Err(Invalid::TooFarAhead);
    }
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

    fn parse_event_time(input: &str, zone: Tz) -> Result<DateTime<Utc>, Invalid> {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        super::parse_event_time(input, zone, now)
    }

    #[test]
    fn a_place_tells_its_zone() {
        let zone = |c, p| zone_of_place(c, p).map(|z: Tz| z.name().to_owned());
        assert_eq!(zone("FR", Some("69001")).as_deref(), Some("Europe/Paris"));
        assert_eq!(zone("FR", Some("97400")).as_deref(), Some("Indian/Reunion"));
        assert_eq!(zone("fr", None).as_deref(), Some("Europe/Paris"));
        assert_eq!(zone("CH", Some("1003")).as_deref(), Some("Europe/Zurich"));
        assert_eq!(zone("BE", None).as_deref(), Some("Europe/Brussels"));
        assert_eq!(zone("LU", None).as_deref(), Some("Europe/Luxembourg"));
        assert_eq!(zone("US", None), None, "several zones: not guessed");
    }

    #[test]
    fn shifting_saturates() {
        assert_eq!(
            plus(DateTime::<Utc>::MAX_UTC, Duration::days(1)),
            DateTime::<Utc>::MAX_UTC
        );
        assert_eq!(
            plus(DateTime::<Utc>::MIN_UTC, Duration::days(-1)),
            DateTime::<Utc>::MIN_UTC
        );
    }

    #[test]
    fn nothing_beyond_the_horizon() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        for far in [
            "2028-01-02T10:00",
            "9999-12-31T23:59",
            "10000-01-01T00:00",
            "+262142-12-31T23:59",
            "262142-12-31T23:59:59",
            "9999-12-31T23:59:59+14:00",
        ] {
            let r = super::parse_event_time(far, Tz::Pacific__Kiritimati, now);
            assert!(
                matches!(r, Err(Invalid::TooFarAhead | Invalid::DateTime)),
                "{far}: {r:?}"
            );
        }
        assert_eq!(
            super::parse_event_time("9999-12-31T23:59", Tz::UTC, now),
            Err(Invalid::TooFarAhead)
        );
        assert!(super::parse_event_time("2027-12-30T10:00", Tz::Etc__GMTMinus14, now).is_ok());
    }

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
        assert_eq!(parse_timezone("Mars"), Err(Invalid::TimeZone));
        assert_eq!(
            parse_timezone("America/New_York"),
            Ok(Tz::America__New_York)
        );
    }

    #[test]
    fn zones_in_any_case_or_by_their_city() {
        for typed in [
            "europe/paris",
            "EUROPE/PARIS",
            " Europe/Paris ",
            "Paris",
            "paris",
        ] {
            assert_eq!(parse_timezone(typed), Ok(Tz::Europe__Paris), "{typed}");
        }
        assert_eq!(
            parse_timezone("america/new york"),
            Ok(Tz::America__New_York)
        );
        assert_eq!(parse_timezone("New York"), Ok(Tz::America__New_York));
        assert_eq!(parse_timezone("utc"), Ok(Tz::UTC));
        assert_eq!(parse_timezone(""), Err(Invalid::Required));
        assert_eq!(parse_timezone(&"x".repeat(500)), Err(Invalid::TimeZone));
    }

    #[test]
    fn the_list_holds_current_names_only() {
        let names = zone_names();
        assert!(names.contains(&"Europe/Paris") && names.contains(&"UTC"));
        assert!(!names.contains(&"US/Eastern") && !names.iter().any(|n| n.starts_with("Etc/")));
        assert!(names.iter().all(|n| parse_timezone(n).is_ok()));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = parse_event_time(&s, Tz::Europe__Paris);
        }

        #[test]
        fn any_year_is_parsed_or_refused_never_panics(y in -300_000i64..300_000, tz in 0usize..4) {
            let zones = [Tz::Pacific__Kiritimati, Tz::Etc__GMTPlus12, Tz::UTC, Tz::Europe__Paris];
            let _ = parse_event_time(&format!("{y}-12-31T23:59"), zones[tz]);
            let _ = parse_event_time(&format!("{y:+}-12-31T23:59:59+14:00"), zones[tz]);
        }
    }
}
