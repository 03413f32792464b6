use super::*;
use crate::domain::Invalid;
use chrono::TimeZone;

#[test]
fn dates_in_the_event_zone_and_language() {
    let t = Utc.with_ymd_and_hms(2026, 11, 1, 9, 5, 0).unwrap();
    assert_eq!(
        T::get(Lang::Fr).datetime(t, Tz::Europe__Paris),
        "dimanche 1er novembre 2026 à 10:05"
    );
    assert_eq!(
        T::get(Lang::En).datetime(t, Tz::America__New_York),
        "Sunday 1 November 2026, 04:05"
    );
}

#[test]
fn plurals_follow_the_count() {
    let en = T::get(Lang::En);
    assert_eq!(en.seats_left(1), "1 seat left");
    assert_eq!(en.seats_left(3), "3 seats left");
    assert_eq!(T::get(Lang::Fr).seats_left(1), "1 place libre");
    assert_eq!(en.time_left(3 * 3600 + 5 * 60), "3 h 05 min");
    assert_eq!(en.time_left(61), "2 min");
}

#[test]
fn every_invalid_reason_has_a_message() {
    for why in [
        Invalid::Required,
        Invalid::TooLong { max: 3 },
        Invalid::Email,
        Invalid::TimeZone,
        Invalid::WrongType { expected: "string" },
    ] {
        assert_ne!(
            T::get(Lang::Fr).invalid(&why),
            T::get(Lang::En).invalid(&why)
        );
    }
}
