//! Building the email that tells the other party of a trip that a person's address bounces.
use chrono::{DateTime, Utc};

use super::Emails;
use super::notify::{manage_url, status_url};
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{AddressBounced, BouncedRole, Email, Occurrence};
use crate::domain::ReservationStatus;
use crate::entities::{event, offer, reservation};

/// `role` is whose address bounced: the passenger of `r` (the driver is told, with the phone
/// the passenger gave with the request) or the driver of `o` (the passenger of `r` is told,
/// with the driver's phone once the seat is confirmed, as for every contact).
pub fn address_bounced(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    role: BouncedRole,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let (to, about_name, about_phone) = match role {
        BouncedRole::Passenger => (
            Recipient::driver(e, o),
            r.passenger_name.clone(),
            r.passenger_phone.clone(),
        ),
        BouncedRole::Driver => (
            Recipient::passenger(e, r),
            o.driver_first_name().to_owned(),
            o.driver_phone
                .clone()
                .filter(|_| r.status == ReservationStatus::Confirmed),
        ),
    };
    let trip = to.trip(&emails.urls, e, o);
    let page_url = match role {
        BouncedRole::Passenger => manage_url(emails, &to, o, now),
        BouncedRole::Driver => status_url(emails, &to, o, r, now),
    };
    let reader_name = to.person.name.clone();
    AddressBounced {
        c: to.common_for(&emails.urls, &trip),
        reader_name,
        role,
        about_name,
        about_phone,
        event_name: e.name.clone(),
        trip,
        page_url,
    }
    // Replying would reach nobody: the address does not work.
    .outgoing(r.id, Occurrence::Once, &to, None)
}
