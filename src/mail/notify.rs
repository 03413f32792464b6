//! Building the emails of decisions, changes and the background steps from the records they
//! are about, each for one recipient in their language.
use chrono::{DateTime, Utc};

use super::Emails;
use super::calendar;
use super::ics::Method;
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{
    ChangeKind, DriverNudge, Email, ListChange, NoticeKind, Occurrence, PassengerLine,
    PassengerListChanged, PassengerNotice, RefusalKind, ReminderDriver, ReminderPassenger,
    RequestAccepted, RequestExpired, RequestRefused, TripChanged,
};
use crate::domain::{EmailKind, OptOutScope, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::links::{Purpose, trip_end};

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

/// The driver's page, for as long as the ride lasts.
pub(crate) fn manage_url(
    emails: &Emails,
    to: &Recipient,
    o: &offer::Model,
    now: DateTime<Utc>,
) -> String {
    to.page(
        emails
            .urls
            .link(Purpose::Manage, o.id, now, trip_end(o.departs_at)),
    )
}

/// The passenger's page, for as long as the ride lasts.
pub(crate) fn status_url(
    emails: &Emails,
    to: &Recipient,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> String {
    to.page(
        emails
            .urls
            .link(Purpose::Booking, r.id, now, trip_end(o.departs_at)),
    )
}

pub fn request_accepted(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::passenger(e, r);
    let trip = to.trip(&emails.urls, e, o);
    let email = RequestAccepted {
        c: to.common_for(&emails.urls, &trip),
        passenger_name: r.passenger_name.clone(),
        driver_name: o.driver_name.clone(),
        driver_phone: o.driver_phone.clone(),
        driver_email: o.driver_email.clone(),
        event_name: e.name.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        status_url: status_url(emails, &to, o, r, now),
        trip,
    };
    let attachment = calendar::attachment(
        Method::Request,
        calendar::passenger_trip(
            &emails.domain,
            to.lang,
            (e, o, r),
            Method::Request,
            Some(&email.status_url),
            now,
        ),
    );
    // The contacts are shared now: a reply reaches the driver.
    let driver = Recipient::driver(e, o).person;
    email.outgoing_with(r.id, Occurrence::Once, &to, Some(driver), vec![attachment])
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
    let to = Recipient::driver(e, o);
    let trip = to.trip(&emails.urls, e, o);
    let once = Occurrence::ListChange(change.kind());
    let removed = change.kind() == ChangeKind::Removed;
    PassengerListChanged {
        c: to.common_for(&emails.urls, &trip),
        driver_name: o.driver_name.clone(),
        event_name: e.name.clone(),
        change,
        passengers: passenger_lines(confirmed),
        seats_left: o.seats_left(),
        trip,
        manage_url: manage_url(emails, &to, o, now),
    }
    // The driver has the passenger's contact since the request; a reply reaches them, except
    // about a passenger the driver removed.
    .outgoing(
        about.id,
        once,
        &to,
        (!removed).then(|| Recipient::passenger(e, about).person),
    )
}

/// To the passenger: refused by the driver (with their word, if any), or the car is full.
pub fn refused(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    kind: RefusalKind,
    note: &str,
) -> askama::Result<Outgoing> {
    let to = Recipient::passenger(e, r);
    let trip = to.trip(&emails.urls, e, o);
    RequestRefused {
        c: to.common_for(&emails.urls, &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        kind,
        note: note.to_owned(),
        trip,
        event_url: to.page(emails.urls.event(&e.slug)),
        waiting_url: waiting_url(emails, &to, e, r),
    }
    .outgoing(r.id, Occurrence::Once, &to, None)
}

/// The waiting list's form for a passenger left without a seat, while the event has not
/// started; none for someone who came from the list (they wait again already).
fn waiting_url(
    emails: &Emails,
    to: &Recipient,
    e: &event::Model,
    r: &reservation::Model,
) -> Option<String> {
    (r.need_id.is_none() && e.starts_at > r.updated_at)
        .then(|| to.page(emails.urls.new_need(&e.slug)))
}

/// To the passenger: cancellation confirmed, removed by the driver, or ride cancelled.
pub fn passenger_notice(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    kind: NoticeKind,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::passenger(e, r);
    let trip = to.trip(&emails.urls, e, o);
    // A seat that was confirmed had its calendar entry: it is withdrawn.
    let cancel = calendar::had_seat(r).then(|| {
        calendar::attachment(
            Method::Cancel,
            calendar::passenger_trip(
                &emails.domain,
                to.lang,
                (e, o, r),
                Method::Cancel,
                None,
                now,
            ),
        )
    });
    PassengerNotice {
        c: to.common_for(&emails.urls, &trip),
        kind,
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        trip,
        event_url: to.page(emails.urls.event(&e.slug)),
        waiting_url: (kind != NoticeKind::CancellationConfirmed)
            .then(|| waiting_url(emails, &to, e, r))
            .flatten(),
        back_on_list: kind == NoticeKind::OfferCancelled && r.need_id.is_some(),
    }
    // A reply reaches the driver when the passenger had a seat (contacts shared), not after
    // their own cancellation nor for a request that was only pending.
    .outgoing_with(
        r.id,
        Occurrence::Once,
        &to,
        match kind {
            NoticeKind::CancellationConfirmed => None,
            NoticeKind::RemovedByDriver => Some(Recipient::driver(e, o).person),
            NoticeKind::OfferCancelled => {
                (r.status == ReservationStatus::Cancelled).then(|| Recipient::driver(e, o).person)
            }
        },
        cancel.into_iter().collect(),
    )
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
    let to = Recipient::passenger(e, r);
    let trip = to.trip(&emails.urls, e, after);
    let status = status_url(emails, &to, after, r, now);
    // The entry sent with the acceptance, updated (a higher sequence).
    let update = calendar::attachment(
        Method::Request,
        calendar::passenger_trip(
            &emails.domain,
            to.lang,
            (e, after, r),
            Method::Request,
            Some(&status),
            now,
        ),
    );
    TripChanged {
        c: to.common_for(&emails.urls, &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: after.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        old_when: to.when(before.departs_at),
        new_when: to.when(after.departs_at),
        old_place: before.place.clone(),
        new_place: after.place.clone(),
        stop: None,
        trip,
        status_url: status,
    }
    .outgoing_with(
        r.id,
        Occurrence::Edit(after.version),
        &to,
        Some(Recipient::driver(e, after).person),
        vec![update],
    )
}

/// To the passenger and to the driver: the request lapsed.
pub fn expired(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<[Outgoing; 2]> {
    let passenger = Recipient::passenger(e, r);
    let driver = Recipient::driver(e, o);
    let email = |to: &Recipient, to_driver: bool| {
        let trip = to.trip(&emails.urls, e, o);
        RequestExpired {
            c: to.common_for(&emails.urls, &trip),
            to_driver,
            greeting_name: to.person.name.clone(),
            passenger_name: r.passenger_name.clone(),
            event_name: e.name.clone(),
            trip,
            event_url: to.page(emails.urls.event(&e.slug)),
            manage_url: to_driver.then(|| manage_url(emails, to, o, now)),
            waiting_url: (!to_driver)
                .then(|| waiting_url(emails, to, e, r))
                .flatten(),
        }
        .outgoing(r.id, Occurrence::Once, to, None)
    };
    Ok([email(&passenger, false)?, email(&driver, true)?])
}

/// To the driver, half-way to a request's expiry (Reply-To: the passenger).
pub fn nudge(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::driver(e, o);
    let trip = to.trip(&emails.urls, e, o);
    let unsub = to.unsubscribe(
        &emails.urls,
        (EmailKind::DriverNudge, r.id),
        OptOutScope::Offer(o.id),
        r.expires_at,
        now,
    );
    DriverNudge {
        c: to.common_for(&emails.urls, &trip).stoppable(unsub.as_ref()),
        driver_name: o.driver_name.clone(),
        passenger_name: r.passenger_name.clone(),
        seats: r.seats,
        event_name: e.name.clone(),
        deadline: to.when(r.expires_at),
        trip,
        accept_url: to.page(emails.urls.link(Purpose::Accept, r.id, now, r.expires_at)),
        refuse_url: to.page(emails.urls.link(Purpose::Refuse, r.id, now, r.expires_at)),
        manage_url: manage_url(emails, &to, o, now),
    }
    .outgoing(
        r.id,
        Occurrence::Once,
        &to,
        Some(Recipient::passenger(e, r).person),
    )
    .map(|out| out.stoppable(unsub))
}

/// The day-before reminders: one to the driver, one to each confirmed passenger; once per
/// recipient and trip whatever the edits.
pub fn reminders(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    confirmed: &[reservation::Model],
    now: DateTime<Utc>,
) -> askama::Result<Vec<Outgoing>> {
    let driver = Recipient::driver(e, o);
    let trip = driver.trip(&emails.urls, e, o);
    let mut out = Vec::with_capacity(confirmed.len() + 1);
    // A ride nobody takes needs no reminder: its driver knows it is still listed.
    if confirmed.is_empty() {
        return Ok(out);
    }
    let until = trip_end(o.departs_at);
    let unsub = driver.unsubscribe(
        &emails.urls,
        (EmailKind::ReminderDriver, o.id),
        OptOutScope::Offer(o.id),
        until,
        now,
    );
    out.push(
        ReminderDriver {
            c: driver
                .common_for(&emails.urls, &trip)
                .stoppable(unsub.as_ref()),
            driver_name: o.driver_name.clone(),
            event_name: e.name.clone(),
            passengers: passenger_lines(confirmed),
            seats_left: o.seats_left(),
            trip,
            manage_url: manage_url(emails, &driver, o, now),
        }
        // With one passenger, a reply reaches them.
        .outgoing(
            o.id,
            Occurrence::Once,
            &driver,
            match confirmed {
                [only] => Some(Recipient::passenger(e, only).person),
                _ => None,
            },
        )?
        .stoppable(unsub),
    );
    for r in confirmed {
        let to = Recipient::passenger(e, r);
        let trip = to.trip(&emails.urls, e, o);
        let unsub = to.unsubscribe(
            &emails.urls,
            (EmailKind::ReminderPassenger, r.id),
            OptOutScope::Offer(o.id),
            until,
            now,
        );
        out.push(
            ReminderPassenger {
                c: to.common_for(&emails.urls, &trip).stoppable(unsub.as_ref()),
                passenger_name: r.passenger_name.clone(),
                event_name: e.name.clone(),
                trip,
                pickup: r.pickup.clone(),
                stop: r
                    .stop_at
                    .map(|at| (super::routes::stop_label(o.direction), to.when(at))),
                driver_name: o.driver_name.clone(),
                driver_phone: o.driver_phone.clone(),
                driver_email: o.driver_email.clone(),
                status_url: status_url(emails, &to, o, r, now),
            }
            .outgoing(r.id, Occurrence::Once, &to, Some(driver.person.clone()))?
            .stoppable(unsub),
        );
    }
    Ok(out)
}
