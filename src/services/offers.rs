//! Publishing a ride (with its optional ride back) and reading one.
use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Select,
    Set,
};

use super::{Error, Result};
use crate::db::{Db, portable};
use crate::domain::schedule::reminder_due;
use crate::domain::{OfferStatus, PublicId};
use crate::entities::{event, offer};
use crate::mail::{Emails, compose, outbox};
use crate::services::input::{NewOffer, Trip};
use crate::services::places::Places;

pub struct Published {
    pub offer: offer::Model,
    pub return_offer: Option<offer::Model>,
    /// The same ride on other dates of the series (each with its ride back, if any).
    pub repeated: Vec<(offer::Model, Option<offer::Model>)>,
    /// The driver's email went out (false: their address reached its hourly cap of
    /// acknowledgements, so the page must give them their link).
    pub acknowledged: bool,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one row: the event, the offer, this trip and its point, the clock"
)]
async fn insert_trip(
    conn: &impl ConnectionTrait,
    event: &event::Model,
    new: &NewOffer,
    trip: &Trip,
    point: (Option<f64>, Option<f64>),
    return_of: Option<i64>,
    reminder_time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<offer::Model> {
    let row = offer::ActiveModel {
        public_id: Set(PublicId::generate().into_string()),
        event_id: Set(event.id),
        return_of: Set(return_of),
        direction: Set(trip.direction),
        place: Set(trip.place.clone()),
        place_lat: Set(point.0),
        place_lon: Set(point.1),
        departs_at: Set(trip.departs_at),
        seats_total: Set(trip.seats.get()),
        seats_taken: Set(0),
        status: Set(OfferStatus::Open),
        driver_name: Set(new.driver_name.as_str().to_owned()),
        driver_email: Set(new.driver_email.as_str().to_owned()),
        driver_phone: Set(new.driver_phone.as_ref().map(|p| p.as_str().to_owned())),
        notes: Set(new.notes.clone()),
        locale: Set(new.locale.code().to_owned()),
        version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        reminder_at: Set(reminder_due(
            trip.departs_at,
            event.zone(),
            reminder_time,
            now,
        )),
        reminded_at: Set(None),
        auto_accept: Set(new.auto_accept),
        still_asked_at: Set(None),
        max_detour_min: Set(new.max_detour_min),
        share_contact: Set(new.share_contact),
        ..Default::default()
    };
    Ok(row.insert(conn).await?)
}

/// The open rides of the events `event_ids`. They are found through their event (the
/// `(event_id, departs_at)` index), the state only checked (`portable::checked`): SQLite
/// without statistics otherwise chose `(status, reminder_at)`, and so read every open ride of
/// every event.
pub fn open_of(
    backend: DbBackend,
    event_ids: impl IntoIterator<Item = i64>,
) -> Select<offer::Entity> {
    let status = portable::checked(backend, offer::Column::Status);
    offer::Entity::find()
        .filter(offer::Column::EventId.is_in(event_ids))
        .filter(status.eq(OfferStatus::Open.as_str()))
}

/// `trip` moved to another date of the series: the same time relative to the event's start.
fn shifted(trip: &Trip, from: &event::Model, to: &event::Model) -> Trip {
    Trip {
        direction: trip.direction,
        place: trip.place.clone(),
        departs_at: trip.departs_at + (to.starts_at - from.starts_at),
        seats: trip.seats,
    }
}

/// Both trips are written in one transaction: a ride back never exists without its ride there.
/// `also`: other dates of the event's series to offer the same ride on, in the same transaction
/// (all of them or none); the driver gets one email, with a link for each date's ride (one
/// email however many dates: a season of trainings is one message, not thirty).
#[expect(
    clippy::too_many_arguments,
    reason = "the event and its other dates, the offer, the clock and the reminder setting"
)]
pub async fn publish(
    db: &Db,
    emails: &Emails,
    places: &Places,
    event: &event::Model,
    also: &[event::Model],
    new: NewOffer,
    reminder_time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<Published> {
    // Places are looked up before the transaction (a geocoder may take its time).
    let there = places.columns(&new.outbound.place, new.locale).await;
    let back = match &new.return_trip {
        Some(trip) => places.columns(&trip.place, new.locale).await,
        None => (None, None),
    };
    let tx = db.begin_write().await?;
    let mut queued = Vec::new();
    let mut published = Vec::with_capacity(1 + also.len());
    for e in std::iter::once(event).chain(also) {
        super::organiser::admit(&tx, e.id).await?;
        let outbound = shifted(&new.outbound, event, e);
        let offer = insert_trip(&tx, e, &new, &outbound, there, None, reminder_time, now).await?;
        let return_offer = match &new.return_trip {
            Some(trip) => {
                let trip = shifted(trip, event, e);
                let back_offer = insert_trip(
                    &tx,
                    e,
                    &new,
                    &trip,
                    back,
                    Some(offer.id),
                    reminder_time,
                    now,
                )
                .await?;
                Some(back_offer)
            }
            None => None,
        };
        // New seats: the people waiting for a ride like these hear of them.
        for o in std::iter::once(&offer).chain(return_offer.as_ref()) {
            super::matching::seats_freed(&tx, emails, e, o, now, &mut queued).await?;
        }
        tx.touch(e.id);
        published.push((offer, return_offer));
    }
    let Some(((offer, return_offer), repeated)) = published.split_first() else {
        return Err(Error::NotFound);
    };
    // One email to the driver: this ride, and a link for each other date it was repeated on.
    let repeats: Vec<(&event::Model, &offer::Model)> =
        also.iter().zip(repeated.iter().map(|(o, _)| o)).collect();
    let waiting = super::matching::invitable(&tx, offer).await?;
    let email = compose::offer_published(
        emails,
        event,
        offer,
        return_offer.as_ref(),
        &waiting,
        &repeats,
        now,
    )?;
    let ack = outbox::queue(&tx, emails, email, now).await?;
    let acknowledged = !ack.suppressed;
    queued.insert(0, ack);
    tx.commit().await?;
    emails.after_commit(&queued);
    let mut all = published.into_iter();
    let Some((offer, return_offer)) = all.next() else {
        return Err(Error::NotFound);
    };
    Ok(Published {
        offer,
        return_offer,
        repeated: all.collect(),
        acknowledged,
    })
}

pub struct OfferView {
    pub offer: offer::Model,
    pub event: event::Model,
    /// The other half of a round trip, if any.
    pub linked: Option<offer::Model>,
}

/// An offer by its public identifier, with its event and its other leg.
pub async fn get(db: &Db, public_id: &str) -> Result<OfferView> {
    let public_id = PublicId::parse(public_id).ok_or(Error::NotFound)?;
    let offer = offer::Entity::find()
        .filter(offer::Column::PublicId.eq(public_id.as_str()))
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&db.conn)
        .await?
        .filter(|e| e.hidden_at.is_none())
        .ok_or(Error::NotFound)?;
    let linked = match offer.return_of {
        Some(outbound) => offer::Entity::find_by_id(outbound).one(&db.conn).await?,
        None => {
            offer::Entity::find()
                .filter(offer::Column::ReturnOf.eq(offer.id))
                .one(&db.conn)
                .await?
        }
    };
    Ok(OfferView {
        offer,
        event,
        linked,
    })
}
