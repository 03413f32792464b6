//! Building the emails of decisions and changes from the records they are about.
use chrono::{DateTime, Duration, Utc};

use super::Emails;
use super::compose::{event_url, lang, trip_line, zone};
use super::ics;
use super::outbox::{Attachment, Outgoing, Person};
use super::templates::{
    Common, Email, ListChange, NoticeKind, PassengerLine, PassengerListChanged, PassengerNotice,
    RefusalKind, RequestAccepted, RequestRefused, TripChanged,
};
use crate::domain::Direction;
use crate::entities::{event, offer, reservation};
use crate::i18n::T;
use crate::links::{Purpose, trip_end};

fn passenger(r: &reservation::Model) -> Person {
    Person {
        name: r.passenger_name.clone(),
        email: r.passenger_email.clone(),
    }
}

/// The confirmed passengers as the driver sees them (with their contact).
fn passenger_lines(confirmed: &[reservation::Model]) -> Vec<PassengerLine> {
    confirmed
        .iter()
        .map(|p| PassengerLine {
            name: p.passenger_name.clone(),
            seats: p.seats,
            pickup: p.pickup.clone(),
            phone: p.passenger_phone.clone(),
            email: p.passenger_email.clone(),
        })
        .collect()
}

fn driver(o: &offer::Model) -> Person {
    Person {
        name: o.driver_name.clone(),
        email: o.driver_email.clone(),
    }
}

pub fn request_accepted(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let l = lang(&r.locale);
    let trip = trip_line(emails, e, o, l);
    let email = RequestAccepted {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        passenger_name: r.passenger_name.clone(),
        driver_name: o.driver_name.clone(),
        driver_phone: o.driver_phone.clone(),
        driver_email: o.driver_email.clone(),
        event_name: e.name.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        status_url: emails
            .urls
            .link(Purpose::Booking, r.id, now, trip_end(o.departs_at)),
        trip,
    };
    // A ride to the event ends when it starts; otherwise an hour is a fair guess.
    let end = if o.direction == Direction::ToEvent && e.starts_at > o.departs_at {
        e.starts_at
    } else {
        crate::domain::plus(o.departs_at, Duration::hours(1))
    };
    let mut description = format!(
        "{}: {}",
        email.c.pick("Conducteur", "Driver"),
        o.driver_name
    );
    if let Some(phone) = &o.driver_phone {
        description.push_str(&format!(", {phone}"));
    }
    description.push_str(&format!(", {}\n{}", o.driver_email, email.status_url));
    let calendar = ics::calendar(&ics::Trip {
        uid: &format!("reservation-{}@{}", r.id, emails.domain),
        summary: &email.trip.label,
        location: if r.pickup.is_empty() {
            &o.place
        } else {
            &r.pickup
        },
        description: &description,
        start: o.departs_at,
        end,
        created: now,
    });
    let attachment = Attachment {
        filename: "covoit.ics".into(),
        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
        content: calendar,
    };
    email.outgoing_with(r.id, 0, passenger(r), None, vec![attachment])
}

/// To the driver: who is coming now (after an accept, a cancellation or a removal).
pub fn list_changed(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    about: &reservation::Model,
    change: ListChange,
    confirmed: &[reservation::Model],
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let l = lang(&o.locale);
    let trip = trip_line(emails, e, o, l);
    let version = change.version();
    let cancelled = matches!(change, ListChange::CancelledByPassenger { .. });
    let email = PassengerListChanged {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        driver_name: o.driver_name.clone(),
        event_name: e.name.clone(),
        change,
        passengers: passenger_lines(confirmed),
        seats_left: o.seats_left(),
        trip,
        manage_url: emails
            .urls
            .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
    };
    let mut out = email.outgoing(about.id, version, driver(o), None)?;
    if cancelled {
        out.kind = "passenger_cancelled";
    }
    Ok(out)
}

pub fn refused(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    kind: RefusalKind,
    note: &str,
) -> askama::Result<Outgoing> {
    let l = lang(&r.locale);
    let trip = trip_line(emails, e, o, l);
    let email = RequestRefused {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        kind,
        note: note.to_owned(),
        trip,
        event_url: event_url(emails, e),
    };
    let mut out = email.outgoing(r.id, 0, passenger(r), None)?;
    if kind == RefusalKind::Full {
        out.kind = "offer_full";
    }
    Ok(out)
}

pub fn passenger_notice(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    kind: NoticeKind,
) -> askama::Result<Outgoing> {
    let l = lang(&r.locale);
    let trip = trip_line(emails, e, o, l);
    let email = PassengerNotice {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        kind,
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        trip,
        event_url: event_url(emails, e),
    };
    let mut out = email.outgoing(r.id, 0, passenger(r), None)?;
    out.kind = email.kind_name();
    Ok(out)
}

/// `before` is the offer as it was; the email goes out once per edit (`after.version`).
pub fn trip_changed(
    emails: &Emails,
    e: &event::Model,
    before: &offer::Model,
    after: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let l = lang(&r.locale);
    let t = T::get(l);
    let z = zone(e);
    let trip = trip_line(emails, e, after, l);
    let email = TripChanged {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: after.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        old_when: t.datetime(before.departs_at, z),
        new_when: t.datetime(after.departs_at, z),
        old_place: before.place.clone(),
        new_place: after.place.clone(),
        trip,
        status_url: emails
            .urls
            .link(Purpose::Booking, r.id, now, trip_end(after.departs_at)),
    };
    email.outgoing(r.id, after.version, passenger(r), None)
}

/// To the passenger and to the driver: the request lapsed.
pub fn expired(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<[Outgoing; 2]> {
    use super::templates::RequestExpired;
    let pl = lang(&r.locale);
    let trip = trip_line(emails, e, o, pl);
    let to_passenger = RequestExpired {
        c: Common::for_trip(pl, emails.urls.base(), &trip),
        to_driver: false,
        greeting_name: r.passenger_name.clone(),
        passenger_name: r.passenger_name.clone(),
        event_name: e.name.clone(),
        trip,
        event_url: event_url(emails, e),
        manage_url: None,
    }
    .outgoing(r.id, 0, passenger(r), None)?;
    let dl = lang(&o.locale);
    let trip = trip_line(emails, e, o, dl);
    let to_driver = RequestExpired {
        c: Common::for_trip(dl, emails.urls.base(), &trip),
        to_driver: true,
        greeting_name: o.driver_name.clone(),
        passenger_name: r.passenger_name.clone(),
        event_name: e.name.clone(),
        trip,
        event_url: event_url(emails, e),
        manage_url: Some(
            emails
                .urls
                .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
        ),
    }
    .outgoing(r.id, 0, driver(o), None)?;
    Ok([to_passenger, to_driver])
}

pub fn nudge(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    use super::templates::DriverNudge;
    let l = lang(&o.locale);
    let trip = trip_line(emails, e, o, l);
    DriverNudge {
        c: Common::for_trip(l, emails.urls.base(), &trip),
        driver_name: o.driver_name.clone(),
        passenger_name: r.passenger_name.clone(),
        seats: r.seats,
        event_name: e.name.clone(),
        deadline: T::get(l).datetime(r.expires_at, zone(e)),
        trip,
        accept_url: emails.urls.link(Purpose::Accept, r.id, now, r.expires_at),
        refuse_url: emails.urls.link(Purpose::Refuse, r.id, now, r.expires_at),
        manage_url: emails
            .urls
            .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
    }
    .outgoing(r.id, 0, driver(o), Some(passenger(r)))
}

/// The day-before reminders: one to the driver, one to each confirmed passenger. Version 0
/// whatever the edits: one reminder per recipient and trip.
pub fn reminders(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    confirmed: &[reservation::Model],
    now: DateTime<Utc>,
) -> askama::Result<Vec<Outgoing>> {
    use super::templates::{ReminderDriver, ReminderPassenger};
    let dl = lang(&o.locale);
    let trip = trip_line(emails, e, o, dl);
    let mut out = vec![
        ReminderDriver {
            c: Common::for_trip(dl, emails.urls.base(), &trip),
            driver_name: o.driver_name.clone(),
            event_name: e.name.clone(),
            passengers: passenger_lines(confirmed),
            seats_left: o.seats_left(),
            trip,
            manage_url: emails
                .urls
                .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
        }
        .outgoing(o.id, 0, driver(o), None)?,
    ];
    for r in confirmed {
        let pl = lang(&r.locale);
        let trip = trip_line(emails, e, o, pl);
        out.push(
            ReminderPassenger {
                c: Common::for_trip(pl, emails.urls.base(), &trip),
                passenger_name: r.passenger_name.clone(),
                event_name: e.name.clone(),
                trip,
                pickup: r.pickup.clone(),
                driver_name: o.driver_name.clone(),
                driver_phone: o.driver_phone.clone(),
                driver_email: o.driver_email.clone(),
                status_url: emails
                    .urls
                    .link(Purpose::Booking, r.id, now, trip_end(o.departs_at)),
            }
            .outgoing(r.id, 0, passenger(r), None)?,
        );
    }
    Ok(out)
}
