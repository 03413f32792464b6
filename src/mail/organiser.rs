//! Building the emails of the organisers' changes to a whole event from the records they are
//! about: one email per person, in their language, naming each of their trips and needs.
use chrono::{DateTime, Utc};

use super::Emails;
use super::calendar;
use super::ics::Method;
use super::outbox::{Attachment, Outgoing};
use super::recipient::Recipient;
use super::templates::{ChangeLine, Email, EventCancelled, EventChanged, Occurrence, YourPart};
use crate::domain::ReservationStatus;
use crate::entities::{event, need, offer, reservation};
use crate::i18n::T;
use crate::links::{Purpose, trip_end};

/// One person concerned by an event, with everything they have in it.
pub struct Concerned {
    pub to: Recipient,
    /// The rides they drive, each with whether its time still fits the event.
    pub rides: Vec<(offer::Model, bool)>,
    /// Their requests (pending or confirmed), each with its ride.
    pub seats: Vec<(offer::Model, reservation::Model)>,
    /// Their needs on the waiting list.
    pub needs: Vec<need::Model>,
}

/// "Ride to X — Sat 5 Dec, 12:00", for this reader.
fn trip_words(to: &Recipient, e: &event::Model, o: &offer::Model) -> String {
    format!(
        "{} — {}",
        T::get(to.lang).trip_label(o.direction, &e.name),
        to.when(o.departs_at)
    )
}

/// Each of the person's trips and needs, in their words; `links`: with their pages.
fn parts(
    emails: &Emails,
    e: &event::Model,
    who: &Concerned,
    links: bool,
    now: DateTime<Utc>,
) -> Vec<YourPart> {
    let to = &who.to;
    let t = T::get(to.lang);
    let link = |purpose: Purpose, id: i64, until: DateTime<Utc>, label: &str| {
        links.then(|| {
            (
                to.page(emails.urls.link(purpose, id, now, until)),
                t.t(label).to_owned(),
            )
        })
    };
    let mut out = Vec::new();
    for (o, fits) in &who.rides {
        out.push(YourPart {
            text: t.t1("org-your-ride", "trip", trip_words(to, e, o)),
            link: link(
                Purpose::Manage,
                o.id,
                trip_end(o.departs_at),
                "org-manage-ride",
            ),
            misfit: links && !fits,
        });
    }
    for (o, r) in &who.seats {
        let key = if r.status == ReservationStatus::Pending || !calendar::had_seat(r) {
            "org-your-request"
        } else {
            "org-your-seat"
        };
        out.push(YourPart {
            text: t.t1(key, "trip", trip_words(to, e, o)),
            link: link(
                Purpose::Booking,
                r.id,
                trip_end(o.departs_at),
                "mail-see-or-cancel",
            ),
            misfit: false,
        });
    }
    for n in &who.needs {
        out.push(YourPart {
            text: t.t1("org-your-need", "direction", t.need_direction(n.direction)),
            link: link(Purpose::Need, n.id, e.starts_at, "org-see-need"),
            misfit: false,
        });
    }
    out
}

/// The calendar entries of the person's seats, updated (`Method::Request`) or withdrawn.
fn calendars(
    emails: &Emails,
    e: &event::Model,
    who: &Concerned,
    method: Method,
    now: DateTime<Utc>,
) -> Vec<Attachment> {
    who.seats
        .iter()
        .filter(|(_, r)| calendar::had_seat(r))
        .map(|(o, r)| {
            let status = (method == Method::Request).then(|| {
                who.to.page(
                    emails
                        .urls
                        .link(Purpose::Booking, r.id, now, trip_end(o.departs_at)),
                )
            });
            calendar::attachment(
                method,
                calendar::passenger_trip(
                    &emails.domain,
                    who.to.lang,
                    (e, o, r),
                    method,
                    status.as_deref(),
                    now,
                ),
            )
        })
        .collect()
}

/// What changed between `before` and `after`, in the reader's words.
fn changes(to: &Recipient, before: &event::Model, after: &event::Model) -> Vec<ChangeLine> {
    let t = T::get(to.lang);
    let mut out = Vec::new();
    let mut line = |label: &str, new: String, old: String| {
        out.push(ChangeLine {
            label: t.t(label).to_owned(),
            new,
            old,
        });
    };
    if after.name != before.name {
        line("org-field-name", after.name.clone(), before.name.clone());
    }
    if after.venue != before.venue {
        line("org-field-venue", after.venue.clone(), before.venue.clone());
    }
    if after.starts_at != before.starts_at || after.timezone != before.timezone {
        line(
            "org-field-date",
            t.datetime(after.starts_at, after.zone()),
            t.datetime(before.starts_at, before.zone()),
        );
    }
    if after.timezone != before.timezone {
        line(
            "org-field-timezone",
            after.timezone.clone(),
            before.timezone.clone(),
        );
    }
    out
}

/// To one person: the organisers changed the event (once per edit: the event's version).
pub fn event_changed(
    emails: &Emails,
    before: &event::Model,
    after: &event::Model,
    who: &Concerned,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = &who.to;
    EventChanged {
        c: to.common(
            &emails.urls,
            format!("{} — {}", after.name, to.when(after.starts_at)),
        ),
        name: to.person.name.clone(),
        event_name: after.name.clone(),
        changes: changes(to, before, after),
        parts: parts(emails, after, who, true, now),
        event_url: to.page(emails.urls.event(&after.slug)),
    }
    .outgoing_with(
        after.id,
        Occurrence::Edit(after.version),
        to,
        None,
        calendars(emails, after, who, Method::Request, now),
    )
}

/// To one person: the organisers cancelled the event; what of theirs ended (once per person).
pub fn event_cancelled(
    emails: &Emails,
    e: &event::Model,
    note: &str,
    who: &Concerned,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = &who.to;
    EventCancelled {
        c: to.common(
            &emails.urls,
            format!("{} — {}", e.name, to.when(e.starts_at)),
        ),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
        note: note.to_owned(),
        parts: parts(emails, e, who, false, now),
        event_url: to.page(emails.urls.event(&e.slug)),
    }
    .outgoing_with(
        e.id,
        Occurrence::Once,
        to,
        None,
        calendars(emails, e, who, Method::Cancel, now),
    )
}

/// To a co-organiser: their own `event` link, valid as long as the organiser's.
pub fn co_organiser_invited(
    emails: &Emails,
    e: &event::Model,
    co: &crate::entities::co_organiser::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::co_organiser(e, co);
    let link = crate::links::EventLink::CoOrganiser { id: co.id };
    let until = crate::links::event_end(e.starts_at);
    super::templates::CoOrganiserInvited {
        c: to.common(
            &emails.urls,
            format!("{} — {}", e.name, to.when(e.starts_at)),
        ),
        name: co.name.clone(),
        inviter: e.organizer_name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
        venue: e.venue.clone(),
        manage_url: to.page(emails.urls.link(Purpose::Event, link.id(), now, until)),
    }
    .outgoing(co.id, Occurrence::Once, &to, None)
}

/// To one person: the organisers' message `m`, in a frame in the person's language (once per
/// message and person).
pub fn organiser_message(
    emails: &Emails,
    e: &event::Model,
    m: &crate::entities::organiser_message::Model,
    who: &Concerned,
) -> askama::Result<Outgoing> {
    let to = &who.to;
    super::templates::OrganiserMessage {
        c: to.common(
            &emails.urls,
            format!("{} — {}", e.name, to.when(e.starts_at)),
        ),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
        body: m.body.clone(),
        event_url: to.page(emails.urls.event(&e.slug)),
    }
    .outgoing(m.id, Occurrence::Once, to, None)
}

/// To an organiser (`to`): the operator removed the event.
pub fn event_removed(
    emails: &Emails,
    e: &event::Model,
    to: &Recipient,
) -> askama::Result<Outgoing> {
    super::templates::EventRemoved {
        c: to.common(
            &emails.urls,
            format!("{} — {}", e.name, to.when(e.starts_at)),
        ),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
    }
    .outgoing(e.id, Occurrence::Once, to, None)
}
