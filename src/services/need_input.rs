//! A waiting passenger's need as typed (form or JSON) and its validation.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::input::{MAX_PLACE, locale};
use crate::domain::{
    Email, FieldErrors, Invalid, Lang, Name, NeedDirection, Phone, SeatCount, Text,
    parse_event_time,
};
use crate::entities::event;

/// Every field as text; empty means "not given".
#[derive(Debug, Default, Clone)]
pub struct RawNeed {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub direction: String,
    pub place: String,
    pub seats: String,
    pub earliest: String,
    pub latest: String,
    pub locale: String,
}

pub struct NewNeed {
    pub name: Name,
    pub email: Email,
    pub phone: Option<Phone>,
    pub direction: NeedDirection,
    pub place: String,
    pub seats: SeatCount,
    pub earliest: Option<DateTime<Utc>>,
    pub latest: Option<DateTime<Utc>>,
    pub locale: Lang,
}

/// What can change on a need through its link.
pub struct NeedEdit {
    pub place: String,
    pub seats: SeatCount,
    pub earliest: Option<DateTime<Utc>>,
    pub latest: Option<DateTime<Utc>>,
    pub phone: Option<Phone>,
}

fn optional_time(
    raw: &str,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, Invalid> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse_event_time(raw, zone, now).map(Some)
    }
}

/// The earliest and latest departure that suit a passenger (each optional).
type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The time window: each bound a valid time, the earliest before the latest.
fn window(
    raw_earliest: &str,
    raw_latest: &str,
    event: &event::Model,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Option<Window> {
    let zone = event.zone();
    let earliest = errors.take("earliest", optional_time(raw_earliest, zone, now));
    let latest = errors.take("latest", optional_time(raw_latest, zone, now));
    if let (Some(Some(e)), Some(Some(l))) = (earliest, latest)
        && l <= e
    {
        errors.add("latest", Invalid::TimeWindow);
        return None;
    }
    Some((earliest?, latest?))
}

pub fn validate_need(
    raw: &RawNeed,
    mut errors: FieldErrors,
    event: &event::Model,
    default_lang: Lang,
    now: DateTime<Utc>,
) -> Result<NewNeed, FieldErrors> {
    let name = errors.take("name", Name::parse(&raw.name));
    let email = errors.take("email", Email::parse(&raw.email));
    let phone = errors.take("phone", Phone::parse_optional(&raw.phone));
    let direction = errors.take(
        "direction",
        if raw.direction.trim().is_empty() {
            Err(Invalid::Required)
        } else {
            NeedDirection::parse(raw.direction.trim()).ok_or(Invalid::Direction)
        },
    );
    let place = errors.take("place", Text::parse(&raw.place, MAX_PLACE));
    let seats = if raw.seats.trim().is_empty() {
        SeatCount::new(1).ok()
    } else {
        errors.take("seats", SeatCount::parse(&raw.seats))
    };
    let window = window(&raw.earliest, &raw.latest, event, now, &mut errors);
    let locale = errors.take("locale", locale(&raw.locale, default_lang));
    match (name, email, phone, direction, place, seats, window, locale) {
        (Some(n), Some(e), Some(p), Some(d), Some(pl), Some(s), Some((ea, la)), Some(l))
            if errors.is_empty() =>
        {
            Ok(NewNeed {
                name: n,
                email: e,
                phone: p,
                direction: d,
                place: pl.into_string(),
                seats: s,
                earliest: ea,
                latest: la,
                locale: l,
            })
        }
        _ => Err(errors),
    }
}

pub fn validate_need_edit(
    raw: &RawNeed,
    mut errors: FieldErrors,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<NeedEdit, FieldErrors> {
    let place = errors.take("place", Text::parse(&raw.place, MAX_PLACE));
    let seats = errors.take("seats", SeatCount::parse(&raw.seats));
    let phone = errors.take("phone", Phone::parse_optional(&raw.phone));
    let window = window(&raw.earliest, &raw.latest, event, now, &mut errors);
    match (place, seats, phone, window) {
        (Some(pl), Some(s), Some(p), Some((ea, la))) if errors.is_empty() => Ok(NeedEdit {
            place: pl.into_string(),
            seats: s,
            earliest: ea,
            latest: la,
            phone: p,
        }),
        _ => Err(errors),
    }
}
