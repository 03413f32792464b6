//! Building the waiting list's emails from the records they are about, each for one recipient
//! in their language.
use chrono::{DateTime, Utc};

use super::Emails;
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{Email, Invitation, NeedCreated, Occurrence, SeatFreed, StillGoing};
use crate::domain::{EmailKind, OptOutScope};
use crate::entities::{event, invitation, need, need_alert, offer, reservation, still_check};
use crate::i18n::T;
use crate::links::Purpose;

/// The passenger's own page for their need, for as long as it can wait.
fn need_url(
    emails: &Emails,
    to: &Recipient,
    e: &event::Model,
    n: &need::Model,
    now: DateTime<Utc>,
) -> String {
    to.page(emails.urls.link(Purpose::Need, n.id, now, e.starts_at))
}

pub fn need_created(
    emails: &Emails,
    e: &event::Model,
    n: &need::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::waiter(e, n);
    let t = T::get(to.lang);
    NeedCreated {
        c: to.common(
            &emails.urls,
            format!("{} — {}", e.name, to.when(e.starts_at)),
        ),
        name: n.name.clone(),
        event_name: e.name.clone(),
        direction: t.need_direction(n.direction).to_owned(),
        place: n.place.clone(),
        seats: n.seats,
        need_url: need_url(emails, &to, e, n, now),
        event_url: to.page(emails.urls.event(&e.slug)),
    }
    .outgoing(n.id, Occurrence::Once, &to, None)
}

/// Seats freed on `o`, for the need of `alert` (one email per alert).
pub fn seat_freed(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    n: &need::Model,
    alert: &need_alert::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::waiter(e, n);
    let trip = to.trip(&emails.urls, e, o);
    // Alerts stop for the whole event (the need lapses when it starts).
    let unsub = to.unsubscribe(
        &emails.urls,
        (EmailKind::SeatFreed, alert.id),
        OptOutScope::Event(e.id),
        e.starts_at,
        now,
    );
    SeatFreed {
        c: to.common_for(&emails.urls, &trip).stoppable(unsub.as_ref()),
        name: n.name.clone(),
        event_name: e.name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        trip,
        seats_left: o.seats_left(),
        auto_accept: o.auto_accept,
        claim_url: to.page(
            emails
                .urls
                .link(Purpose::Claim, alert.id, now, o.departs_at),
        ),
        need_url: need_url(emails, &to, e, n, now),
    }
    .outgoing(alert.id, Occurrence::Once, &to, None)
    .map(|out| out.stoppable(unsub))
}

pub fn invitation(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    n: &need::Model,
    inv: &invitation::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::waiter(e, n);
    let trip = to.trip(&emails.urls, e, o);
    Invitation {
        c: to.common_for(&emails.urls, &trip),
        name: n.name.clone(),
        event_name: e.name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        trip,
        seats: inv.seats,
        join_url: to.page(emails.urls.link(Purpose::Join, inv.id, now, o.departs_at)),
        need_url: need_url(emails, &to, e, n, now),
    }
    .outgoing(inv.id, Occurrence::Once, &to, None)
}

/// "Still going?" to the driver (`r` is `None`) or to one confirmed passenger.
pub fn still_going(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: Option<&reservation::Model>,
    check: &still_check::Model,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = match r {
        Some(r) => Recipient::passenger(e, r),
        None => Recipient::driver(e, o),
    };
    let trip = to.trip(&emails.urls, e, o);
    let link = emails
        .urls
        .link(Purpose::Still, check.id, now, o.departs_at);
    let unsub = to.unsubscribe(
        &emails.urls,
        (EmailKind::StillGoing, check.id),
        OptOutScope::Offer(o.id),
        o.departs_at,
        now,
    );
    StillGoing {
        c: to.common_for(&emails.urls, &trip).stoppable(unsub.as_ref()),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        to_driver: r.is_none(),
        driver_first_name: o.driver_first_name().to_owned(),
        trip,
        yes_url: to.page(format!("{link}?answer=yes")),
        no_url: to.page(format!("{link}?answer=no")),
    }
    .outgoing(check.id, Occurrence::Once, &to, None)
    .map(|out| out.stoppable(unsub))
}
