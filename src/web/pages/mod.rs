//! Public pages: home, create an event, the event page, offer a ride, the offer page with its
//! booking form, and the confirmation. They work without JavaScript; forms re-render with
//! their errors and what was typed. Templates get views that carry only what they display.
mod booking;
mod events;
mod near;
mod offers;
pub mod rendered;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rocket::{Route, routes};

use super::AppError;
use super::body::FormFields;
use crate::domain::OfferStatus;
use crate::entities::{event, offer};
use crate::i18n::T;
use crate::services::input;

pub use events::event_view;

/// The routes that also serve the widget under `/embed` (the event page has its own there).
pub fn embed_routes() -> Vec<Route> {
    let mut all = routes![
        offers::new_offer,
        offers::create_offer,
        offers::offer_page,
        booking::book,
        booking::request_sent
    ];
    all.extend(super::waiting::embed_routes());
    all
}

pub fn routes() -> Vec<Route> {
    let mut all = routes![
        events::home,
        events::new_event,
        events::create_event,
        events::event_page
    ];
    all.extend(embed_routes());
    all
}

/// Each form's fields with their labels' catalogue keys, in the order the form shows them.
pub const EVENT_FIELDS: &[(&str, &str)] = &[
    ("name", "event-name"),
    ("venue", "venue"),
    ("starts_at", "starts-at"),
    ("timezone", "timezone"),
    ("every_weeks", "series-every-weeks"),
    ("until", "series-until"),
    ("dates", "series-dates"),
    ("organizer_name", "organizer-name"),
    ("organizer_email", "organizer-email"),
    ("locale", "email-language"),
];

pub const OFFER_FIELDS: &[(&str, &str)] = &[
    ("direction", "direction"),
    ("place", "place"),
    ("departs_at", "departs-at"),
    ("seats", "seats-offered"),
    ("notes", "notes"),
    ("driver_name", "driver-name"),
    ("driver_email", "your-email"),
    ("driver_phone", "your-phone"),
    ("return_departs_at", "return-departs-at"),
    ("return_seats", "return-seats"),
    ("return_place", "return-place"),
    ("repeat_on", "series-repeat-legend"),
    ("max_detour_min", "max-detour"),
    ("locale", "email-language"),
];

pub const BOOKING_FIELDS: &[(&str, &str)] = &[
    ("passenger_name", "your-name"),
    ("passenger_email", "your-email"),
    ("passenger_phone", "your-phone"),
    ("seats", "seats-wanted"),
    ("pickup", "pickup"),
    ("message", "message"),
];

/// The driver's edit form on their private page.
pub const EDIT_OFFER_FIELDS: &[(&str, &str)] = &[
    ("departs_at", "departs-at"),
    ("place", "place"),
    ("seats", "seats-offered"),
    ("notes", "notes"),
];

/// The waiting list's form (new, and edited on the passenger's private page).
pub const NEED_FIELDS: &[(&str, &str)] = &[
    ("direction", "need-rides"),
    ("place", "need-place"),
    ("seats", "seats-wanted"),
    ("earliest", "need-earliest"),
    ("latest", "need-latest"),
    ("name", "your-name"),
    ("email", "your-email"),
    ("phone", "your-phone"),
    ("locale", "email-language"),
];

/// An event as its public pages show it (nothing about the organiser).
pub struct EventView {
    pub slug: String,
    pub name: String,
    pub venue: String,
    pub timezone: String,
    /// Cancelled by its organisers.
    pub cancelled: bool,
    /// Its organisers closed booking for now.
    pub booking_closed: bool,
}

impl EventView {
    pub fn of(e: &event::Model) -> EventView {
        EventView {
            slug: e.slug.clone(),
            name: e.name.clone(),
            venue: e.venue.clone(),
            timezone: e.timezone.clone(),
            cancelled: e.status == crate::domain::EventStatus::Cancelled,
            booking_closed: e.booking_closed,
        }
    }

    /// Whether the event takes new offers, requests and needs.
    pub fn takes_bookings(&self) -> bool {
        !self.cancelled && !self.booking_closed
    }
}

/// One offer as listed on a page (no contact details, first name only).
pub struct OfferRow {
    /// The public identifier.
    pub id: String,
    pub when: String,
    pub place: String,
    pub driver: String,
    pub notes: String,
    pub seats_total: i32,
    pub seats_left: i32,
    /// "", or the reason it cannot be booked (full, cancelled, departed).
    pub badge: &'static str,
    pub seats_text: String,
    /// Seats asked for by requests still waiting for the driver's answer.
    pub seats_pending: i32,
    /// "1 request awaiting an answer", or empty.
    pub pending_text: String,
    /// "12 km away" when the reader said where they are, or empty.
    pub distance: String,
}

impl OfferRow {
    pub fn new(o: &offer::Model, zone: Tz, t: &T, now: DateTime<Utc>) -> OfferRow {
        let badge = if o.status == OfferStatus::Cancelled {
            t.t("cancelled-offer")
        } else if o.departs_at <= now {
            t.t("departed")
        } else if o.seats_left() == 0 {
            t.t("full")
        } else {
            ""
        };
        OfferRow {
            id: o.public_id.clone(),
            when: t.datetime(o.departs_at, zone),
            place: o.place.clone(),
            driver: o.driver_first_name().to_owned(),
            notes: o.notes.clone(),
            seats_total: o.seats_total,
            seats_left: o.seats_left(),
            badge,
            seats_text: t.seats_left(o.seats_left()),
            seats_pending: 0,
            pending_text: String::new(),
            distance: String::new(),
        }
    }

    /// With the requests still waiting for an answer: (requests, seats).
    pub fn with_pending(mut self, (requests, seats): (u64, i32), t: &T) -> OfferRow {
        if requests > 0 {
            self.seats_pending = seats;
            self.pending_text = t.t1("pending-count", "count", requests);
        }
        self
    }

    pub fn bookable(&self) -> bool {
        self.badge.is_empty()
    }

    /// The car's seats as drawn on its card: taken ones first, then those asked for by
    /// requests awaiting an answer, then the free ones (each a class suffix).
    pub fn seat_marks(&self) -> Vec<&'static str> {
        let total = self.seats_total.clamp(0, 8);
        let taken = (self.seats_total - self.seats_left).clamp(0, total);
        let pending = (taken + self.seats_pending.max(0)).min(total);
        (0..total)
            .map(|i| {
                if i < taken {
                    " taken"
                } else if i < pending {
                    " pending"
                } else {
                    ""
                }
            })
            .collect()
    }
}

/// A hidden field that people never see nor fill in; bots that fill every field do. A caught
/// submission goes through the same checks and gets the same answer as a real one (a form
/// with its errors, or a success with a well-formed address), but nothing is saved or sent.
pub(super) fn caught_by_honeypot(fields: &FormFields) -> bool {
    let caught = !fields.get("website").trim().is_empty();
    if caught {
        tracing::info!("honeypot field filled in: submission dropped");
    }
    caught
}

/// A numeric id from a path (an operator's page); anything else is simply not found.
pub fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

pub fn raw_event(f: &FormFields) -> input::RawEvent {
    input::RawEvent {
        name: f.get("name"),
        venue: f.get("venue"),
        starts_at: f.get("starts_at"),
        timezone: f.get("timezone"),
        organizer_name: f.get("organizer_name"),
        organizer_email: f.get("organizer_email"),
        locale: f.get("locale"),
        series: input::RawSeries {
            every_weeks: f.get("every_weeks"),
            until: f.get("until"),
            dates: input::RawSeries::split_dates(&f.get("dates")),
        },
    }
}

pub fn raw_offer(f: &FormFields) -> input::RawOffer {
    input::RawOffer {
        driver_name: f.get("driver_name"),
        driver_email: f.get("driver_email"),
        driver_phone: f.get("driver_phone"),
        direction: f.get("direction"),
        place: f.get("place"),
        departs_at: f.get("departs_at"),
        seats: f.get("seats"),
        notes: f.get("notes"),
        locale: f.get("locale"),
        return_departs_at: f.get("return_departs_at"),
        return_seats: f.get("return_seats"),
        return_place: f.get("return_place"),
        auto_accept: f.get("auto_accept"),
        max_detour_min: f.get("max_detour_min"),
        share_contact: f.get("share_contact"),
        repeat_on: f.all("repeat_on"),
    }
}

pub fn raw_need(f: &FormFields) -> crate::services::need_input::RawNeed {
    crate::services::need_input::RawNeed {
        name: f.get("name"),
        email: f.get("email"),
        phone: f.get("phone"),
        direction: f.get("direction"),
        place: f.get("place"),
        seats: f.get("seats"),
        earliest: f.get("earliest"),
        latest: f.get("latest"),
        locale: f.get("locale"),
    }
}

pub fn raw_reservation(f: &FormFields) -> input::RawReservation {
    input::RawReservation {
        passenger_name: f.get("passenger_name"),
        passenger_email: f.get("passenger_email"),
        passenger_phone: f.get("passenger_phone"),
        seats: f.get("seats"),
        pickup: f.get("pickup"),
        message: f.get("message"),
        locale: f.get("locale"),
        share_contact: f.get("share_contact"),
    }
}

/// Saved, but its acknowledgement was not emailed (the address reached its hourly cap): the
/// person gets their private link here instead.
fn unemailed(lang: crate::domain::Lang, path: &str, link: String) -> Result<super::Page, AppError> {
    let t = T::get(lang);
    super::links::outcome_page(
        lang,
        path,
        rocket::http::Status::Created,
        t.t("request-sent-title"),
        t.t("ack-suppressed").to_owned(),
        Some((link, t.t("open-private-page"))),
    )
}
