//! Building each email from the records it is about, in its recipient's language.
use chrono_tz::Tz;

use super::Emails;
use super::outbox::{Outgoing, Person};
use super::templates::{
    Common, Email, EventCreated, OfferPublished, RequestReceived, RequestSent, TripLine,
};
use crate::domain::{Direction, Lang};
use crate::entities::{event, offer, reservation};
use crate::i18n::T;
use crate::links::{Purpose, event_end, trip_end};
use chrono::{DateTime, Utc};

pub fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::Fr)
}

pub fn zone(e: &event::Model) -> Tz {
    e.timezone.parse().unwrap_or(Tz::UTC)
}

pub fn event_url(emails: &Emails, e: &event::Model) -> String {
    emails.urls.event(&e.slug)
}

pub fn offer_url(emails: &Emails, o: &offer::Model) -> String {
    emails.urls.offer(&o.public_id)
}

pub fn trip_line(emails: &Emails, e: &event::Model, o: &offer::Model, lang: Lang) -> TripLine {
    let t = T::get(lang);
    let to_event = o.direction == Direction::ToEvent;
    let label = match (lang, to_event) {
        (Lang::Fr, true) => format!("Aller vers {}", e.name),
        (Lang::Fr, false) => format!("Retour depuis {}", e.name),
        (Lang::En, true) => format!("Ride to {}", e.name),
        (Lang::En, false) => format!("Ride back from {}", e.name),
    };
    TripLine {
        label,
        when: t.datetime(o.departs_at, zone(e)),
        place: o.place.clone(),
        seats: o.seats_total,
        url: offer_url(emails, o),
    }
}

pub fn event_created(
    emails: &Emails,
    e: &event::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let l = lang(&e.locale);
    let t = T::get(l);
    let when = t.datetime(e.starts_at, zone(e));
    let email = EventCreated {
        c: Common::new(l, emails.urls.base(), format!("{} — {when}", e.name)),
        organizer_name: e.organizer_name.clone(),
        event_name: e.name.clone(),
        when,
        venue: e.venue.clone(),
        event_url: event_url(emails, e),
        new_offer_url: emails.urls.new_offer(&e.slug),
        snippet: emails.urls.widget_snippet(&e.slug),
        manage_url: Some(
            emails
                .urls
                .link(Purpose::Event, e.id, now, event_end(e.starts_at)),
        ),
    };
    let to = Person {
        name: e.organizer_name.clone(),
        email: e.organizer_email.clone(),
    };
    email.outgoing(e.id, 0, to, None)
}

/// One email for a ride and its ride back.
pub fn offer_published(
    emails: &Emails,
    e: &event::Model,
    first: &offer::Model,
    back: Option<&offer::Model>,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let l = lang(&first.locale);
    let lines: Vec<TripLine> = std::iter::once(first)
        .chain(back)
        .map(|o| trip_line(emails, e, o, l))
        .collect();
    let email = OfferPublished {
        c: Common::new(
            l,
            emails.urls.base(),
            lines
                .iter()
                .map(|t| t.when.clone())
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        driver_name: first.driver_name.clone(),
        event_name: e.name.clone(),
        trips: lines,
        event_url: event_url(emails, e),
        manage_url: Some(emails.urls.link(
            Purpose::Manage,
            first.id,
            now,
            trip_end(first.departs_at),
        )),
    };
    let to = Person {
        name: first.driver_name.clone(),
        email: first.driver_email.clone(),
    };
    email.outgoing(first.id, 0, to, None)
}

/// To the driver (Reply-To: the passenger) and to the passenger.
pub fn request_made(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<[Outgoing; 2]> {
    let dl = lang(&o.locale);
    let driver_trip = trip_line(emails, e, o, dl);
    let received = RequestReceived {
        c: Common::for_trip(dl, emails.urls.base(), &driver_trip),
        driver_name: o.driver_name.clone(),
        event_name: e.name.clone(),
        passenger_name: r.passenger_name.clone(),
        passenger_email: r.passenger_email.clone(),
        passenger_phone: r.passenger_phone.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        message: r.message.clone(),
        trip: driver_trip,
        seats_left: o.seats_left(),
        deadline: T::get(dl).datetime(r.expires_at, zone(e)),
        accept_url: Some(emails.urls.link(Purpose::Accept, r.id, now, r.expires_at)),
        refuse_url: Some(emails.urls.link(Purpose::Refuse, r.id, now, r.expires_at)),
        manage_url: Some(
            emails
                .urls
                .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
        ),
    };
    let passenger = Person {
        name: r.passenger_name.clone(),
        email: r.passenger_email.clone(),
    };
    let driver = Person {
        name: o.driver_name.clone(),
        email: o.driver_email.clone(),
    };
    let to_driver = received.outgoing(r.id, 0, driver, Some(passenger.clone()))?;

    let pl = lang(&r.locale);
    let passenger_trip = trip_line(emails, e, o, pl);
    let sent = RequestSent {
        c: Common::for_trip(pl, emails.urls.base(), &passenger_trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        seats: r.seats,
        trip: passenger_trip,
        deadline: T::get(pl).datetime(r.expires_at, zone(e)),
        event_url: event_url(emails, e),
        status_url: Some(
            emails
                .urls
                .link(Purpose::Booking, r.id, now, trip_end(o.departs_at)),
        ),
    };
    let to_passenger = sent.outgoing(r.id, 0, passenger, None)?;
    Ok([to_driver, to_passenger])
}
