//! The dates of a series: the first date, then every N weeks until an end date, and/or a list
//! of extra dates, each kept at the first date's local time unless it names its own. Pure:
//! the input is text as typed, the answer the occurrences in UTC or the fields' errors.
use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::time::{HORIZON, parse_event_time};
use super::{FieldErrors, Invalid};

/// The most occurrences one series may have (a season of weekly trainings fits).
pub const MAX_OCCURRENCES: usize = 60;
/// The longest gap between two repeats, in weeks.
pub const MAX_EVERY_WEEKS: u32 = 52;

/// The series fields as typed; all empty means "one date only".
#[derive(Debug, Default, Clone)]
pub struct RawSeries {
    /// Repeat every this many weeks (`every_weeks`).
    pub every_weeks: String,
    /// The last day of the repeats, `YYYY-MM-DD` (`until`).
    pub until: String,
    /// Extra dates, each `YYYY-MM-DD` or a local date and time (`dates`).
    pub dates: Vec<String>,
}

impl RawSeries {
    pub fn is_empty(&self) -> bool {
        self.every_weeks.trim().is_empty()
            && self.until.trim().is_empty()
            && self.dates.iter().all(|d| d.trim().is_empty())
    }

    /// The `dates` textarea: one date per line (or separated by commas or semicolons).
    pub fn split_dates(text: &str) -> Vec<String> {
        text.split(['\n', ',', ';'])
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect()
    }
}

/// A calendar day as typed (`YYYY-MM-DD`, or the date part of a date and time).
fn parse_day(input: &str) -> Result<NaiveDate, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").map_err(|_| Invalid::Date)
}

/// `day` at the local time of `first` in `zone`.
fn same_time_on(day: NaiveDate, first: DateTime<Utc>, zone: Tz) -> Result<DateTime<Utc>, Invalid> {
    let time = first.with_timezone(&zone).time();
    match zone.from_local_datetime(&day.and_time(time)) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(Invalid::NonexistentLocalTime),
    }
}

/// Every occurrence of the series starting at `first` (itself included), sorted, each once;
/// or the errors, each under its field. With no series field given: just `first`.
pub fn occurrences(
    raw: &RawSeries,
    first: DateTime<Utc>,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut all = vec![first];
    let every = raw.every_weeks.trim();
    let until = raw.until.trim();
    match (every.is_empty(), until.is_empty()) {
        (true, true) => {}
        (false, true) => errors.add("until", Invalid::Required),
        (true, false) => errors.add("every_weeks", Invalid::Required),
        (false, false) => {
            let weeks = match every.parse::<u32>() {
                Ok(n) if (1..=MAX_EVERY_WEEKS).contains(&n) => Some(n),
                _ => {
                    errors.add(
                        "every_weeks",
                        Invalid::EveryWeeks {
                            max: MAX_EVERY_WEEKS,
                        },
                    );
                    None
                }
            };
            let first_day = first.with_timezone(&zone).date_naive();
            let last = match parse_day(until) {
                Ok(d) if d < first_day => Err(Invalid::UntilBeforeStart),
                Ok(d) if same_time_on(d, first, zone).is_ok_and(|t| t > now + HORIZON) => {
                    Err(Invalid::TooFarAhead)
                }
                other => other,
            };
            if let (Some(weeks), Some(last)) = (weeks, errors.take("until", last)) {
                let step = Duration::weeks(i64::from(weeks));
                let mut day = first_day + step;
                while day <= last {
                    if all.len() > MAX_OCCURRENCES {
                        break;
                    }
                    // A repeat that a DST change skips keeps its place an hour later.
                    let t = same_time_on(day, first, zone)
                        .unwrap_or_else(|_| first + (day - first_day) + Duration::hours(1));
                    all.push(t);
                    day += step;
                }
            }
        }
    }
    for text in raw.dates.iter().map(|d| d.trim()).filter(|d| !d.is_empty()) {
        let t = if text.len() <= 10 {
            parse_day(text).and_then(|d| same_time_on(d, first, zone))
        } else {
            parse_event_time(text, zone, now)
        };
        let t = t.and_then(|t| match t {
            t if t <= now => Err(Invalid::InThePast),
            t if t > now + HORIZON => Err(Invalid::TooFarAhead),
            t => Ok(t),
        });
        match t {
            Ok(t) => all.push(t),
            Err(why) => {
                errors.add("dates", why);
                break;
            }
        }
    }
    all.sort();
    all.dedup();
    if all.len() > MAX_OCCURRENCES {
        let field = if raw.dates.is_empty() {
            "until"
        } else {
            "dates"
        };
        errors.add(
            field,
            Invalid::TooManyDates {
                max: MAX_OCCURRENCES,
            },
        );
    }
    if errors.is_empty() {
        Ok(all)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn paris() -> Tz {
        "Europe/Paris".parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap()
    }

    fn first() -> DateTime<Utc> {
        // Wednesday 2 September 2026, 18:30 in Paris.
        Utc.with_ymd_and_hms(2026, 9, 2, 16, 30, 0).unwrap()
    }

    fn raw(every: &str, until: &str, dates: &[&str]) -> RawSeries {
        RawSeries {
            every_weeks: every.into(),
            until: until.into(),
            dates: dates.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn no_series_is_one_date() {
        let all = occurrences(&RawSeries::default(), first(), paris(), now()).unwrap();
        assert_eq!(all, vec![first()]);
    }

    #[test]
    fn weekly_keeps_the_local_time_across_the_clock_change() {
        let all = occurrences(&raw("1", "2026-11-04", &[]), first(), paris(), now()).unwrap();
        assert_eq!(all.len(), 10);
        for t in &all {
            let local = t.with_timezone(&paris());
            assert_eq!((local.hour(), local.minute()), (18, 30), "{t}");
        }
        // After 25 October Paris is on UTC+1: 17:30 UTC.
        assert_eq!(
            all[9],
            Utc.with_ymd_and_hms(2026, 11, 4, 17, 30, 0).unwrap()
        );
    }

    #[test]
    fn every_two_weeks_and_extra_dates_merge_sorted_once() {
        let all = occurrences(
            &raw("2", "2026-09-30", &["2026-09-16", "2026-09-17T09:00"]),
            first(),
            paris(),
            now(),
        )
        .unwrap();
        assert_eq!(all.len(), 4);
        assert_eq!(all[2], Utc.with_ymd_and_hms(2026, 9, 17, 7, 0, 0).unwrap());
    }

    #[test]
    fn bad_fields_are_named() {
        let e = occurrences(&raw("0", "", &[]), first(), paris(), now()).unwrap_err();
        assert_eq!(e.get("until"), Some(&Invalid::Required));
        let e = occurrences(&raw("x", "2026-08-01", &[]), first(), paris(), now()).unwrap_err();
        assert_eq!(e.get("every_weeks"), Some(&Invalid::EveryWeeks { max: 52 }));
        assert_eq!(e.get("until"), Some(&Invalid::UntilBeforeStart));
        let e = occurrences(&raw("", "", &["32/13/2026"]), first(), paris(), now()).unwrap_err();
        assert_eq!(e.get("dates"), Some(&Invalid::Date));
        let e = occurrences(&raw("", "", &["2026-08-01"]), first(), paris(), now()).unwrap_err();
        assert_eq!(e.get("dates"), Some(&Invalid::InThePast));
        let e = occurrences(&raw("1", "2027-12-31", &[]), first(), paris(), now()).unwrap_err();
        assert_eq!(e.get("until"), Some(&Invalid::TooManyDates { max: 60 }));
    }

    #[test]
    fn the_textarea_splits_on_lines_and_commas() {
        assert_eq!(
            RawSeries::split_dates("2026-09-03\r\n 2026-09-04, 2026-09-05;\n\n"),
            vec!["2026-09-03", "2026-09-04", "2026-09-05"]
        );
    }
}
