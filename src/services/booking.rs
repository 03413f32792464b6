//! A passenger's request for seats. A pending request holds no seat: seats are only taken
//! when the driver accepts.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::{Error, Result};
use crate::db::{Counted, Db, is_unique_violation};
use crate::domain::Point;
use crate::domain::Refusal;
use crate::domain::schedule::nudge_moment;
use crate::domain::{OfferStatus, ReservationStatus};
use crate::entities::event;
use crate::entities::{offer, reservation};
use crate::mail::Emails;
use crate::services::input::NewReservation;
use crate::services::places::Places;
use crate::services::routing::{self, Routing};
use crate::services::transitions::{fresh_offer, lock_offers, take_seats};

pub struct Requested {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
    /// The passenger's confirmation went out (false: their address reached its hourly cap of
    /// acknowledgements, so the page must give them their link).
    pub acknowledged: bool,
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
#[expect(
    clippy::too_many_arguments,
    reason = "the app's sources (places, router) and the request's own values"
)]
pub async fn request(
    db: &Db,
    emails: &Emails,
    places: &Places,
    routing: &Routing,
    offer_id: i64,
    new: NewReservation,
    ttl: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Requested> {
    let (pickup_lat, pickup_lon) = places.columns(&new.pickup, new.locale).await;
    // The router is asked before the transaction (it may take its time), and only for a ride
    // whose driver set a maximum detour: the request is flagged when it would go beyond.
    let detour_s = if routing.enabled() {
        match offer::Entity::find_by_id(offer_id).one(&db.conn).await? {
            Some(o) if o.max_detour_min.is_some() => {
                let point = Point::from_columns(pickup_lat, pickup_lon);
                routing::refresh::detour_with(db, routing, &o, point).await?
            }
            _ => None,
        }
    } else {
        None
    };
    let tx = db.begin_write().await?;
    let mut offer = offer::Entity::find_by_id(offer_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    // The event before the offer's lock, in the order an event's cancellation takes them.
    super::organiser::admit(&tx, offer.event_id).await?;
    if offer.auto_accept {
        // Seats will be taken: the offer first, as every seat change does.
        offer = lock_offers(&tx, vec![offer_id])
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
    let email_key = new.passenger_email.normalized();
    let active = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer.id))
        .filter(reservation::Column::ActiveEmail.eq(email_key.as_str()))
        .count(&tx)
        .await?;
    if active > 0 {
        return Err(Refusal::DuplicateRequest.into());
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
        // Two identical requests raced past the check above: the unique index decides.
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
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let mut queued = Vec::with_capacity(2);
    super::matching::tell(&tx, emails, &event, &offer, &reservation, now, &mut queued).await?;
    tx.touch(event.id);
    tx.count(Counted::Bookings(1));
    tx.commit().await?;
    emails.after_commit(&queued);
    let acknowledged = !queued.iter().any(|q| q.suppressed);
    Ok(Requested {
        reservation,
        offer,
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
