//! The calendar entries of trips: the passenger's (sent with the acceptance, the changes and
//! the end of the seat, and offered for download on their page) and the driver's (offered for
//! download on the ride's page). One UID per trip and person; the offer's version plus the
//! event's is the sequence, so that every update (of the ride or of the event) replaces the
//! entry it follows.
use chrono::{DateTime, Duration, Utc};

use super::ics::{self, Method, Party};
use super::outbox::Attachment;
use crate::domain::{Direction, Lang, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::i18n::T;

/// A ride to the event ends when the event starts; otherwise an hour is a fair guess.
fn end(e: &event::Model, o: &offer::Model) -> DateTime<Utc> {
    if o.direction == Direction::ToEvent && e.starts_at > o.departs_at {
        e.starts_at
    } else {
        crate::domain::plus(o.departs_at, Duration::hours(1))
    }
}

/// The passenger had a seat (confirmed), so they have an entry to update or withdraw.
pub fn had_seat(r: &reservation::Model) -> bool {
    match r.status {
        ReservationStatus::Confirmed => true,
        ReservationStatus::Cancelled => r.reason != Some(crate::domain::Reason::PassengerPending),
        _ => false,
    }
}

/// The passenger's entry for one trip. `status_url` (their page) goes in the description.
pub fn passenger_trip(
    domain: &str,
    lang: Lang,
    (e, o, r): (&event::Model, &offer::Model, &reservation::Model),
    method: Method,
    status_url: Option<&str>,
    now: DateTime<Utc>,
) -> String {
    let t = T::get(lang);
    let mut description = t.t1("accepted-calendar-driver", "name", &o.driver_name);
    if let Some(phone) = &o.driver_phone {
        description.push_str(&format!(", {phone}"));
    }
    description.push_str(&format!(", {}", o.driver_email));
    if let Some(url) = status_url {
        description.push('\n');
        description.push_str(url);
    }
    let attendee = [Party {
        name: &r.passenger_name,
        email: &r.passenger_email,
    }];
    ics::calendar(&ics::Trip {
        uid: &format!("reservation-{}@{domain}", r.id),
        method,
        // Every edit of the ride or of the event updates the entry; a withdrawal comes after
        // every update.
        sequence: o.version + e.version + i32::from(method == Method::Cancel),
        summary: &t.trip_label(o.direction, &e.name),
        location: if r.pickup.is_empty() {
            &o.place
        } else {
            &r.pickup
        },
        description: &description,
        start: o.departs_at,
        end: end(e, o),
        stamp: now,
        organizer: Party {
            name: &o.driver_name,
            email: &o.driver_email,
        },
        attendees: &attendee,
    })
}

/// The driver's entry for their ride, with the confirmed passengers.
pub fn driver_trip(
    domain: &str,
    lang: Lang,
    e: &event::Model,
    o: &offer::Model,
    confirmed: &[reservation::Model],
    now: DateTime<Utc>,
) -> String {
    let t = T::get(lang);
    let description = confirmed
        .iter()
        .map(|r| {
            let mut line = format!(
                "{} ({})",
                r.passenger_name,
                t.t1("seat-count", "count", r.seats)
            );
            if !r.pickup.is_empty() {
                line.push_str(&format!(", {}", r.pickup));
            }
            if let Some(phone) = &r.passenger_phone {
                line.push_str(&format!(", {phone}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    let attendees: Vec<Party<'_>> = confirmed
        .iter()
        .map(|r| Party {
            name: &r.passenger_name,
            email: &r.passenger_email,
        })
        .collect();
    let cancelled = o.status == crate::domain::OfferStatus::Cancelled;
    ics::calendar(&ics::Trip {
        uid: &format!("offer-{}@{domain}", o.id),
        method: if cancelled {
            Method::Cancel
        } else {
            Method::Publish
        },
        sequence: o.version + e.version,
        summary: &t.trip_label(o.direction, &e.name),
        location: &o.place,
        description: &description,
        start: o.departs_at,
        end: end(e, o),
        stamp: now,
        organizer: Party {
            name: &o.driver_name,
            email: &o.driver_email,
        },
        attendees: &attendees,
    })
}

/// An entry as an email part: mail apps show it as an invitation card.
pub fn attachment(method: Method, content: String) -> Attachment {
    Attachment {
        filename: "covoit.ics".into(),
        content_type: method.content_type(),
        content,
    }
}
