//! The email of a route that moved a confirmed passenger's pickup (or drop-off) time by five
//! minutes or more: the trip-changed email, with the old and new time at their stop.
use chrono::{DateTime, Utc};

use super::Emails;
use super::notify::status_url;
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{Email, Occurrence, StopChange, TripChanged};
use crate::domain::Direction;
use crate::entities::{event, offer, reservation};

/// The label of a passenger's stop time in this direction.
pub fn stop_label(direction: Direction) -> &'static str {
    match direction {
        Direction::ToEvent => "route-pickup-time",
        Direction::FromEvent => "route-dropoff-time",
    }
}

/// The dedupe version of a move to `new`: negative minutes since 1970, apart from the edits'
/// positive versions, so that each new time is told once.
pub fn moved_version(new: DateTime<Utc>) -> i32 {
    -i32::try_from(new.timestamp().div_euclid(60)).unwrap_or(i32::MAX)
}

/// To a confirmed passenger whose stop time moved from `old` to `r.stop_at`.
pub fn pickup_moved(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    old: DateTime<Utc>,
    new: DateTime<Utc>,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::passenger(e, r);
    let trip = to.trip(&emails.urls, e, o);
    let status = status_url(emails, &to, o, r, now);
    let when = to.when(o.departs_at);
    TripChanged {
        c: to.common_for(&emails.urls, &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        old_when: when.clone(),
        new_when: when,
        old_place: o.place.clone(),
        new_place: o.place.clone(),
        stop: Some(StopChange {
            label_id: stop_label(o.direction),
            new: to.when(new),
            old: to.when(old),
        }),
        trip,
        status_url: status,
    }
    .outgoing_with(
        r.id,
        Occurrence::Edit(moved_version(new)),
        &to,
        Some(Recipient::driver(e, o).person),
        // The calendar entry is the ride's departure, which did not move: no update.
        Vec::new(),
    )
}
