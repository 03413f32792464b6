//! The roster on the organiser page: each car (its driver's first name, departure place and
//! time, seats), who sits in it (names, seats, pickups), the requests waiting for an answer,
//! and the waiting list. Cards rather than a table, so that it reads on a phone without
//! scrolling sideways. Contact details only of the drivers and passengers who agreed to share
//! them with the organisers; everyone else's stay between drivers and their passengers.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::{OfferStatus, ReservationStatus};
use crate::entities::{event, need, offer, reservation};
use crate::i18n::T;
use crate::services::input::trip_fits;
use crate::services::read::Roster;

/// One person in a car or asking for a seat in it.
pub struct SeatLine {
    pub name: String,
    /// "2 seats".
    pub seats: String,
    pub pickup: String,
    /// Their email and phone, if they agreed to share them with the organisers.
    pub contact: Option<Contact>,
}

/// A person's contact details, shown to the organisers with the person's consent.
pub struct Contact {
    pub email: String,
    /// The number as typed, and its `tel:` link.
    pub phone: Option<(String, String)>,
}

fn contact(shared: bool, email: &str, phone: Option<&String>, zone: Tz) -> Option<Contact> {
    shared.then(|| Contact {
        email: email.to_owned(),
        phone: phone.map(|p| (p.clone(), crate::domain::phone::tel_in_zone(p, zone))),
    })
}

/// One car.
pub struct CarView {
    /// "Ride to X".
    pub title: String,
    pub when: String,
    pub place: String,
    pub driver: String,
    pub driver_contact: Option<Contact>,
    /// "2 / 3": seats taken of the seats offered.
    pub seats: String,
    pub cancelled: bool,
    /// Its time no longer fits the event (after the event moved).
    pub misfit: bool,
    pub passengers: Vec<SeatLine>,
    pub pending: Vec<SeatLine>,
}

/// One person on the waiting list.
pub struct WaitingView {
    pub name: String,
    pub direction: &'static str,
    pub place: String,
    pub seats: String,
}

fn seat_line(t: &T, r: &reservation::Model, zone: Tz) -> SeatLine {
    SeatLine {
        name: r.passenger_name.clone(),
        seats: t.t1("seat-count", "count", r.seats),
        pickup: r.pickup.clone(),
        contact: contact(
            r.share_contact,
            &r.passenger_email,
            r.passenger_phone.as_ref(),
            zone,
        ),
    }
}

fn car(
    t: &T,
    e: &event::Model,
    o: &offer::Model,
    requests: &[reservation::Model],
    now: DateTime<Utc>,
) -> CarView {
    let cancelled = o.status == OfferStatus::Cancelled;
    CarView {
        title: t.trip_label(o.direction, &e.name),
        when: t.datetime(o.departs_at, e.zone()),
        place: o.place.clone(),
        driver: o.driver_first_name().to_owned(),
        driver_contact: contact(
            o.share_contact,
            &o.driver_email,
            o.driver_phone.as_ref(),
            e.zone(),
        ),
        seats: format!("{} / {}", o.seats_taken, o.seats_total),
        cancelled,
        misfit: !cancelled && !trip_fits(o.direction, o.departs_at, e.starts_at),
        passengers: requests
            .iter()
            .filter(|r| r.status == ReservationStatus::Confirmed)
            .map(|r| seat_line(t, r, e.zone()))
            .collect(),
        pending: requests
            .iter()
            .filter(|r| r.status == ReservationStatus::Pending && r.expires_at > now)
            .map(|r| seat_line(t, r, e.zone()))
            .collect(),
    }
}

/// The roster's cars (in departure order) and waiting list, in the reader's words.
pub fn views(
    t: &T,
    roster: &Roster,
    waiting: &[need::Model],
    now: DateTime<Utc>,
) -> (Vec<CarView>, Vec<WaitingView>) {
    let e = &roster.event;
    let cars = roster
        .rides
        .iter()
        .map(|(o, requests)| car(t, e, o, requests, now))
        .collect();
    let waiting = waiting
        .iter()
        .map(|n| WaitingView {
            name: n.name.clone(),
            direction: t.need_direction(n.direction),
            place: n.place.clone(),
            seats: t.t1("seat-count", "count", n.seats),
        })
        .collect();
    (cars, waiting)
}
