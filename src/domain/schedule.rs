//! When the day-before reminder and the driver nudge are due. Local times are read in the
//! event's zone, so daylight-saving changes land on the right hour.
use chrono::{DateTime, Days, LocalResult, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// `at` local time on the day before the departure's local date, as an instant. A local time
/// skipped by a spring-forward change moves to the first valid minute after it; one that
/// happens twice (autumn) is the first.
pub fn reminder_moment(
    departs_at: DateTime<Utc>,
    zone: Tz,
    at: NaiveTime,
) -> Option<DateTime<Utc>> {
    let day_before = departs_at
        .with_timezone(&zone)
        .date_naive()
        .checked_sub_days(Days::new(1))?;
    let mut local = day_before.and_time(at);
    for _ in 0..180 {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                return Some(t.with_timezone(&Utc));
            }
            LocalResult::None => local += chrono::Duration::minutes(1),
        }
    }
    None
}

/// The reminder moment, unless it has already passed at `now` (a ride published or moved
/// after it gets no reminder).
pub fn reminder_due(
    departs_at: DateTime<Utc>,
    zone: Tz,
    at: NaiveTime,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    reminder_moment(departs_at, zone, at).filter(|t| *t > now)
}

/// Half-way between the request and its expiry.
pub fn nudge_moment(created_at: DateTime<Utc>, expires_at: DateTime<Utc>) -> DateTime<Utc> {
    created_at + (expires_at - created_at) / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ten() -> NaiveTime {
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    }

    #[test]
    fn paris_around_the_clock_changes() {
        // Sunday 28 March 2027 clocks go forward: a Monday 29 ride is reminded on Sunday 28
        // at 10:00 CEST (08:00 UTC); a Sunday 28 ride on Saturday 27 at 10:00 CET (09:00 UTC).
        let paris = Tz::Europe__Paris;
        assert_eq!(
            reminder_moment(utc("2027-03-29T06:00:00Z"), paris, ten()),
            Some(utc("2027-03-28T08:00:00Z"))
        );
        assert_eq!(
            reminder_moment(utc("2027-03-28T12:00:00Z"), paris, ten()),
            Some(utc("2027-03-27T09:00:00Z"))
        );
        // Sunday 31 October 2027 clocks go back.
        assert_eq!(
            reminder_moment(utc("2027-11-01T07:00:00Z"), paris, ten()),
            Some(utc("2027-10-31T09:00:00Z"))
        );
        assert_eq!(
            reminder_moment(utc("2027-10-31T12:00:00Z"), paris, ten()),
            Some(utc("2027-10-30T08:00:00Z"))
        );
    }

    #[test]
    fn the_local_date_decides_the_day_before() {
        // 00:30 in Paris on 5 June is still 4 June in UTC: the reminder is on 4 June local.
        let t = utc("2027-06-04T22:30:00Z");
        assert_eq!(
            reminder_moment(t, Tz::Europe__Paris, ten()),
            Some(utc("2027-06-04T08:00:00Z"))
        );
        assert_eq!(
            reminder_moment(t, Tz::America__New_York, ten()),
            Some(utc("2027-06-03T14:00:00Z"))
        );
    }

    #[test]
    fn a_skipped_local_time_moves_forward() {
        let at = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        // 2:30 does not exist in New York on 14 March 2027.
        assert_eq!(
            reminder_moment(utc("2027-03-15T12:00:00Z"), Tz::America__New_York, at),
            Some(utc("2027-03-14T07:00:00Z"))
        );
    }

    #[test]
    fn past_reminders_are_not_due_and_nudges_are_half_way() {
        let now = utc("2027-06-01T12:00:00Z");
        assert_eq!(
            reminder_due(utc("2027-06-02T08:00:00Z"), Tz::Europe__Paris, ten(), now),
            None
        );
        assert!(reminder_due(utc("2027-06-03T08:00:00Z"), Tz::Europe__Paris, ten(), now).is_some());
        assert_eq!(
            nudge_moment(now, now + chrono::Duration::hours(24)),
            now + chrono::Duration::hours(12)
        );
    }
}
