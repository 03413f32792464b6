//! Raw input as typed (by a form or a JSON body) and its validation into domain values.
//! Field names are the form names; the API renames `return_*` to `return.*`.
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

pub use crate::domain::series::RawSeries;
use crate::domain::{
    Direction, Email, FieldErrors, Invalid, Lang, Name, OptionalText, Phone, SeatCount, Text,
    parse_event_time, parse_timezone, plus,
};
use crate::entities::event;

/// Every field as text; empty means "not given".
#[derive(Debug, Default, Clone)]
pub struct RawEvent {
    pub name: String,
    pub venue: String,
    pub starts_at: String,
    pub timezone: String,
    pub organizer_name: String,
    pub organizer_email: String,
    pub locale: String,
    /// Further dates of the same event (a series); empty for one date.
    pub series: RawSeries,
}

#[derive(Debug, Default, Clone)]
pub struct RawOffer {
    pub driver_name: String,
    pub driver_email: String,
    pub driver_phone: String,
    pub direction: String,
    pub place: String,
    pub departs_at: String,
    pub seats: String,
    pub notes: String,
    pub locale: String,
    pub return_departs_at: String,
    pub return_seats: String,
    pub return_place: String,
    /// "true", "on", "1" or "yes" (a checkbox or a JSON boolean): requests are accepted
    /// automatically.
    pub auto_accept: String,
    /// Optional: the most the driver will go out of their way for pickups, in minutes.
    pub max_detour_min: String,
    /// A checkbox or a JSON boolean: the driver agrees to share their email and phone with the
    /// event's organisers.
    pub share_contact: String,
    /// Other occurrences of the event's series (their slugs) to offer the same ride on.
    pub repeat_on: Vec<String>,
}

#[derive(Debug, Default, Clone)]
pub struct RawReservation {
    pub passenger_name: String,
    pub passenger_email: String,
    pub passenger_phone: String,
    pub seats: String,
    pub pickup: String,
    pub message: String,
    pub locale: String,
    /// A checkbox or a JSON boolean: the passenger agrees to share their email and phone with
    /// the event's organisers.
    pub share_contact: String,
}

pub struct NewEvent {
    pub name: String,
    pub venue: String,
    pub starts_at: DateTime<Utc>,
    pub timezone: Tz,
    pub organizer_name: Name,
    pub organizer_email: Email,
    pub locale: Lang,
    /// Every date of the event, sorted, `starts_at` first; more than one makes a series.
    pub occurrences: Vec<DateTime<Utc>>,
}

pub struct Trip {
    pub direction: Direction,
    pub place: String,
    pub departs_at: DateTime<Utc>,
    pub seats: SeatCount,
}

pub struct NewOffer {
    pub driver_name: Name,
    pub driver_email: Email,
    pub driver_phone: Option<Phone>,
    pub notes: String,
    pub locale: Lang,
    pub outbound: Trip,
    pub return_trip: Option<Trip>,
    pub auto_accept: bool,
    pub max_detour_min: Option<i32>,
    /// The organisers may see the driver's email and phone.
    pub share_contact: bool,
}

/// The longest maximum detour a driver may set, in minutes.
pub const MAX_DETOUR_MIN: u32 = 240;

/// An optional maximum detour: empty for none, else a whole number of minutes in range.
pub fn max_detour(raw: &str) -> Result<Option<i32>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=MAX_DETOUR_MIN).contains(&n) => Ok(i32::try_from(n).ok()),
        _ => Err(Invalid::DetourMinutes {
            max: MAX_DETOUR_MIN,
        }),
    }
}

#[derive(Clone)]
pub struct NewReservation {
    pub passenger_name: Name,
    pub passenger_email: Email,
    pub passenger_phone: Option<Phone>,
    pub seats: SeatCount,
    pub pickup: String,
    pub message: String,
    pub locale: Lang,
    /// The organisers may see the passenger's email and phone.
    pub share_contact: bool,
}

pub const MAX_EVENT_NAME: usize = 150;
pub const MAX_PLACE: usize = 200;
pub const MAX_LONG_TEXT: usize = 1000;
/// A ride to the event leaves at most this long before it starts.
const MAX_LEAD: Duration = Duration::days(7);
/// A ride back leaves at most this long after the event starts (multi-day events).
const MAX_TAIL: Duration = Duration::days(14);

pub(super) fn locale(raw: &str, default: Lang) -> Result<Lang, Invalid> {
    if raw.trim().is_empty() {
        Ok(default)
    } else {
        Lang::parse(raw).ok_or(Invalid::Locale)
    }
}

fn future(t: Result<DateTime<Utc>, Invalid>, now: DateTime<Utc>) -> Result<DateTime<Utc>, Invalid> {
    t.and_then(|t| {
        if t > now {
            Ok(t)
        } else {
            Err(Invalid::InThePast)
        }
    })
}

pub fn validate_event(
    raw: &RawEvent,
    mut errors: FieldErrors,
    default_zone: Tz,
    default_lang: Lang,
    now: DateTime<Utc>,
) -> Result<NewEvent, FieldErrors> {
    let name = errors.take("name", Text::parse(&raw.name, MAX_EVENT_NAME));
    let venue = errors.take("venue", Text::parse(&raw.venue, MAX_PLACE));
    let zone = if raw.timezone.trim().is_empty() {
        Some(default_zone)
    } else {
        errors.take("timezone", parse_timezone(&raw.timezone))
    };
    // Read in the default zone while the zone itself is refused, so that a missing or
    // malformed date is reported at the same time.
    let starts_at = errors.take(
        "starts_at",
        future(
            parse_event_time(&raw.starts_at, zone.unwrap_or(default_zone), now),
            now,
        ),
    );
    let organizer_name = errors.take("organizer_name", Name::parse(&raw.organizer_name));
    let organizer_email = errors.take("organizer_email", Email::parse(&raw.organizer_email));
    let locale = errors.take("locale", locale(&raw.locale, default_lang));
    // The series is read from its first date: only once that date is known.
    let occurrences = match (starts_at, zone) {
        (Some(first), Some(zone)) => {
            match crate::domain::series::occurrences(&raw.series, first, zone, now) {
                Ok(all) => all,
                Err(more) => {
                    for (field, why) in more.0 {
                        errors.add(field, why);
                    }
                    Vec::new()
                }
            }
        }
        _ => Vec::new(),
    };
    match (
        name,
        venue,
        zone,
        starts_at,
        organizer_name,
        organizer_email,
        locale,
    ) {
        (Some(name), Some(venue), Some(timezone), Some(starts_at), Some(on), Some(oe), Some(l))
            if errors.is_empty() =>
        {
            Ok(NewEvent {
                name: name.into_string(),
                venue: venue.into_string(),
                starts_at,
                timezone,
                organizer_name: on,
                organizer_email: oe,
                locale: l,
                occurrences,
            })
        }
        _ => Err(errors),
    }
}

/// Whether a ride in `direction` leaving at `departs_at` belongs to an event starting at
/// `event_start` (at most a week before it, at most two weeks after it).
pub fn trip_fits(
    direction: Direction,
    departs_at: DateTime<Utc>,
    event_start: DateTime<Utc>,
) -> bool {
    match direction {
        Direction::ToEvent => {
            departs_at <= event_start && departs_at >= plus(event_start, -MAX_LEAD)
        }
        Direction::FromEvent => {
            departs_at >= event_start && departs_at <= plus(event_start, MAX_TAIL)
        }
    }
}

pub fn validate_offer(
    raw: &RawOffer,
    mut errors: FieldErrors,
    event: &event::Model,
    default_lang: Lang,
    now: DateTime<Utc>,
) -> Result<NewOffer, FieldErrors> {
    let zone: Tz = event.timezone.parse().unwrap_or(Tz::UTC);
    let driver_name = errors.take("driver_name", Name::parse(&raw.driver_name));
    let driver_email = errors.take("driver_email", Email::parse(&raw.driver_email));
    let driver_phone = errors.take("driver_phone", Phone::parse_optional(&raw.driver_phone));
    let direction = errors.take(
        "direction",
        if raw.direction.trim().is_empty() {
            Err(Invalid::Required)
        } else {
            Direction::parse(raw.direction.trim()).ok_or(Invalid::Direction)
        },
    );
    let place = errors.take("place", Text::parse(&raw.place, MAX_PLACE));
    let departs_at = errors.take(
        "departs_at",
        future(parse_event_time(&raw.departs_at, zone, now), now),
    );
    if let (Some(d), Some(t)) = (direction, departs_at)
        && !trip_fits(d, t, event.starts_at)
    {
        errors.add("departs_at", Invalid::TripTime);
    }
    let seats = errors.take("seats", SeatCount::parse(&raw.seats));
    let notes = errors.take("notes", OptionalText::parse(&raw.notes, MAX_LONG_TEXT));
    let locale = errors.take("locale", locale(&raw.locale, default_lang));
    let max_detour_min = errors
        .take("max_detour_min", max_detour(&raw.max_detour_min))
        .flatten();

    let wants_return = !raw.return_departs_at.trim().is_empty();
    let mut return_trip = None;
    if wants_return {
        if direction == Some(Direction::FromEvent) {
            errors.add("return_departs_at", Invalid::ReturnWithoutOutbound);
        }
        let r_departs = errors.take(
            "return_departs_at",
            future(parse_event_time(&raw.return_departs_at, zone, now), now),
        );
        if let Some(t) = r_departs
            && (!trip_fits(Direction::FromEvent, t, event.starts_at)
                || departs_at.is_some_and(|out| t <= out))
        {
            errors.add("return_departs_at", Invalid::TripTime);
        }
        let r_seats = if raw.return_seats.trim().is_empty() {
            seats
        } else {
            errors.take("return_seats", SeatCount::parse(&raw.return_seats))
        };
        let r_place = if raw.return_place.trim().is_empty() {
            place.clone()
        } else {
            errors.take("return_place", Text::parse(&raw.return_place, MAX_PLACE))
        };
        if let (Some(departs_at), Some(seats), Some(place)) = (r_departs, r_seats, r_place) {
            return_trip = Some(Trip {
                direction: Direction::FromEvent,
                place: place.into_string(),
                departs_at,
                seats,
            });
        }
    } else {
        for (field, value) in [
            ("return_seats", &raw.return_seats),
            ("return_place", &raw.return_place),
        ] {
            if !value.trim().is_empty() {
                errors.add(field, Invalid::ReturnNeedsTime);
            }
        }
    }

    match (
        driver_name,
        driver_email,
        driver_phone,
        direction,
        place,
        departs_at,
        seats,
        notes,
        locale,
    ) {
        (Some(n), Some(e), Some(p), Some(d), Some(pl), Some(t), Some(s), Some(no), Some(l))
            if errors.is_empty() =>
        {
            Ok(NewOffer {
                driver_name: n,
                driver_email: e,
                driver_phone: p,
                notes: no.into_string(),
                locale: l,
                outbound: Trip {
                    direction: d,
                    place: pl.into_string(),
                    departs_at: t,
                    seats: s,
                },
                return_trip,
                auto_accept: checked(&raw.auto_accept),
                max_detour_min,
                share_contact: checked(&raw.share_contact),
            })
        }
        _ => Err(errors),
    }
}

/// A checkbox or a JSON boolean, as the body readers give it.
pub fn checked(raw: &str) -> bool {
    matches!(
        raw.trim().to_ascii_lowercase().as_str(),
        "true" | "on" | "1" | "yes"
    )
}

/// A booking of an offer with `seats_left` free seats: as `validate_reservation`, except that
/// asking more seats than are free says how many are (on the seats field), whatever the number.
pub fn validate_booking(
    raw: &RawReservation,
    errors: FieldErrors,
    default_lang: Lang,
    seats_left: i32,
) -> Result<NewReservation, FieldErrors> {
    let asked = raw.seats.trim().parse::<i64>().ok();
    let too_many = seats_left > 0 && asked.is_some_and(|n| n > i64::from(seats_left));
    let left = Invalid::SeatsLeft { left: seats_left };
    match validate_reservation(raw, errors, default_lang) {
        Err(mut errors) if too_many => {
            errors.set("seats", left);
            Err(errors)
        }
        Ok(_) if too_many => {
            let mut errors = FieldErrors::default();
            errors.set("seats", left);
            Err(errors)
        }
        other => other,
    }
}

pub fn validate_reservation(
    raw: &RawReservation,
    mut errors: FieldErrors,
    default_lang: Lang,
) -> Result<NewReservation, FieldErrors> {
    let name = errors.take("passenger_name", Name::parse(&raw.passenger_name));
    let email = errors.take("passenger_email", Email::parse(&raw.passenger_email));
    let phone = errors.take(
        "passenger_phone",
        Phone::parse_optional(&raw.passenger_phone),
    );
    let seats = if raw.seats.trim().is_empty() {
        SeatCount::new(1).ok()
    } else {
        errors.take("seats", SeatCount::parse(&raw.seats))
    };
    let pickup = errors.take("pickup", OptionalText::parse_line(&raw.pickup, MAX_PLACE));
    let message = errors.take("message", OptionalText::parse(&raw.message, MAX_LONG_TEXT));
    let locale = errors.take("locale", locale(&raw.locale, default_lang));
    match (name, email, phone, seats, pickup, message, locale) {
        (Some(n), Some(e), Some(p), Some(s), Some(pi), Some(m), Some(l)) if errors.is_empty() => {
            Ok(NewReservation {
                passenger_name: n,
                passenger_email: e,
                passenger_phone: p,
                seats: s,
                pickup: pi.into_string(),
                message: m.into_string(),
                locale: l,
                share_contact: checked(&raw.share_contact),
            })
        }
        _ => Err(errors),
    }
}
