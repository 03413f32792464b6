//! A passenger's request for seats. A pending request holds no seat: seats are only taken
//! when the driver accepts.
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    Set,
};

use super::{Error, Result};
use crate::db::{Counted, Db, is_unique_violation};
use crate::domain::Point;
use crate::domain::Refusal;
use crate::domain::schedule::nudge_moment;
use crate::domain::{OfferStatus, PublicId, ReservationStatus};
use crate::entities::event;
use crate::entities::{offer, reservation};
use crate::mail::{Emails, outbox};
use crate::services::input::NewReservation;
use crate::services::places::Places;
use crate::services::routing::{self, Routing};
use crate::services::transitions::{
    LockOf, fresh_offer, lock_offers, offer_and_event_with, take_seats,
};

pub struct Requested {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
    pub event: event::Model,
    /// The passenger's confirmation went out (false: their address reached its hourly cap of
    /// acknowledgements, so the page must give them their link).
    pub acknowledged: bool,
}

/// How the caller names the ride: its row id (a page that read it already) or the public id
/// of its address (the API, which reads nothing before the transaction).
#[derive(Debug, Clone, Copy)]
pub enum OfferKey<'a> {
    Id(i64),
    Public(&'a str),
}

impl OfferKey<'_> {
    fn condition(self) -> Result<Condition> {
        Ok(match self {
            OfferKey::Id(id) => Condition::all().add(offer::Column::Id.eq(id)),
            OfferKey::Public(p) => {
                let p = PublicId::parse(p).ok_or(Error::NotFound)?;
                Condition::all().add(offer::Column::PublicId.eq(p.as_str()))
            }
        })
    }
}

/// `expires_at = min(created + ttl, departure)`.
pub fn expiry(
    now: DateTime<Utc>,
    ttl: chrono::Duration,
    departs_at: DateTime<Utc>,
) -> DateTime<Utc> {
    (now + ttl).min(departs_at)
}

/// A request for seats; on a ride that accepts automatically, a request that fits is
/// confirmed at once (its seats taken in the same transaction, with the accepted emails).
///
/// In the transaction: the offer, its event and the count of the passenger's recent
/// acknowledgements (one statement), the request, the emails (one statement). A second active
/// request of the same address on the ride is refused by the unique index
/// `(offer_id, active_email)`.
#[expect(
    clippy::too_many_arguments,
    reason = "the app's sources (places, router) and the request's own values"
)]
pub async fn request(
    db: &Db,
    emails: &Emails,
    places: &Places,
    routing: &Routing,
    key: OfferKey<'_>,
    new: NewReservation,
    ttl: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Requested> {
    let which = key.condition()?;
    let (pickup_lat, pickup_lon) = places.columns(&new.pickup, new.locale).await;
    // The router is asked before the transaction (it may take its time), and only for a ride
    // whose driver set a maximum detour: the request is flagged when it would go beyond.
    let detour_s = if routing.enabled() {
        match offer::Entity::find()
            .filter(which.clone())
            .one(&db.conn)
            .await?
        {
            Some(o) if o.max_detour_min.is_some() => {
                let point = Point::from_columns(pickup_lat, pickup_lon);
                routing::refresh::detour_with(db, routing, &o, point).await?
            }
            _ => None,
        }
    } else {
        None
    };
    let email_key = new.passenger_email.normalized();
    let tx = db.begin_write().await?;
    // The event read shared before the offer's lock, in the order an event's cancellation
    // takes them; the passenger's recent acknowledgements (their hourly cap) in the same
    // statement.
    let acks = outbox::recent_acks_query(&email_key, now);
    let (mut offer, event, recent_acks) = offer_and_event_with(&tx, which, LockOf::Event, acks)
        .await?
        .ok_or(Error::NotFound)?;
    let acks = vec![(email_key.clone(), u64::try_from(recent_acks).unwrap_or(0))];
    super::organiser::admissible(&event)?;
    if offer.auto_accept && tx.get_database_backend() == DbBackend::Postgres {
        // Seats will be taken: the offer locked first, as every seat change does. (SQLite's
        // write transaction is alone: the row just read is current.)
        offer = lock_offers(&tx, vec![offer.id])
            .await?
            .pop()
            .ok_or(Error::NotFound)?;
    }
    let confirm = offer.auto_accept;
    if offer.status != OfferStatus::Open {
        return Err(Refusal::OfferCancelled.into());
    }
    if offer.departs_at <= now {
        return Err(Refusal::Departed.into());
    }
    if new.seats.get() > offer.seats_left() {
        return Err(Refusal::NotEnoughSeats {
            left: offer.seats_left(),
        }
        .into());
    }
    let expires_at = expiry(now, ttl, offer.departs_at);
    let row = reservation::ActiveModel {
        offer_id: Set(offer.id),
        status: Set(if confirm {
            ReservationStatus::Confirmed
        } else {
            ReservationStatus::Pending
        }),
        seats: Set(new.seats.get()),
        passenger_name: Set(new.passenger_name.as_str().to_owned()),
        passenger_email: Set(new.passenger_email.as_str().to_owned()),
        passenger_phone: Set(new.passenger_phone.as_ref().map(|p| p.as_str().to_owned())),
        pickup: Set(new.pickup),
        pickup_lat: Set(pickup_lat),
        pickup_lon: Set(pickup_lon),
        message: Set(new.message),
        locale: Set(new.locale.code().to_owned()),
        active_email: Set(Some(email_key)),
        reason: Set(None),
        created_at: Set(now),
        expires_at: Set(expires_at),
        nudge_at: Set((!confirm).then(|| nudge_moment(now, expires_at))),
        nudged_at: Set(None),
        decided_at: Set(confirm.then_some(now)),
        updated_at: Set(now),
        detour_s: Set(detour_s),
        share_contact: Set(new.share_contact),
        ..Default::default()
    };
    let reservation = match row.insert(&tx).await {
        Ok(r) => r,
        // The passenger already has an active request on this ride: the unique index decides.
        Err(e) if is_unique_violation(&e) => return Err(Refusal::DuplicateRequest.into()),
        Err(e) => return Err(e.into()),
    };
    if confirm {
        offer = match take_seats(&tx, offer.id, reservation.seats, now).await? {
            Some(o) => o,
            None => {
                let left = fresh_offer(&tx, offer.id).await?.seats_left();
                return Err(Refusal::NotEnoughSeats { left }.into());
            }
        };
    }
    let mut queued = Vec::with_capacity(2);
    super::matching::tell(
        &tx,
        emails,
        &event,
        &offer,
        &reservation,
        now,
        acks,
        &mut queued,
    )
    .await?;
    tx.touch(event.id);
    tx.count(Counted::Bookings(1));
    tx.commit().await?;
    emails.after_commit(&queued);
    let acknowledged = !queued.iter().any(|q| q.suppressed);
    Ok(Requested {
        reservation,
        offer,
        event,
        acknowledged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn expiry_is_the_earlier_of_ttl_and_departure() {
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let day = Duration::hours(24);
        assert_eq!(expiry(now, day, now + Duration::days(3)), now + day);
        assert_eq!(
            expiry(now, day, now + Duration::hours(5)),
            now + Duration::hours(5)
        );
    }
}
