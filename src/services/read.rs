//! What the private pages show, read without locks: link pages are opened by mail scanners as
//! often as by people, and reading must never queue behind (or block) a write. A request with
//! its ride and event; a driver's ride with its requests and its other leg; an organiser's
//! event with every ride and every request (two queries, whatever the number of rides).
use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{Error, Result};
use crate::db::Db;
use crate::entities::{event, offer, reservation};

pub struct RequestView {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
    pub event: event::Model,
    /// Emails to the passenger's address come back (a hard bounce lately).
    pub passenger_bounces: bool,
    /// Emails to the driver's address come back.
    pub driver_bounces: bool,
}

/// Which of these addresses hard-bounced lately (lower case).
async fn bouncing(db: &Db, addresses: Vec<String>) -> Result<std::collections::HashSet<String>> {
    let keys = addresses.into_iter().map(|a| a.to_lowercase()).collect();
    Ok(crate::mail::dispatcher::suppressed_among(&db.conn, keys, chrono::Utc::now()).await?)
}

/// One request, with its ride and event.
pub async fn request(db: &Db, id: i64) -> Result<RequestView> {
    let (reservation, offer) = reservation::Entity::find_by_id(id)
        .find_also_related(offer::Entity)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let offer = offer.ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let bounces = bouncing(
        db,
        vec![
            reservation.passenger_email.clone(),
            offer.driver_email.clone(),
        ],
    )
    .await?;
    Ok(RequestView {
        passenger_bounces: bounces.contains(&reservation.passenger_email.to_lowercase()),
        driver_bounces: bounces.contains(&offer.driver_email.to_lowercase()),
        reservation,
        offer,
        event,
    })
}

pub struct RideView {
    pub offer: offer::Model,
    pub event: event::Model,
    /// Every request, oldest first.
    pub requests: Vec<reservation::Model>,
    /// The ride back of a ride there, or the ride there of a ride back.
    pub other_leg: Option<offer::Model>,
    /// The passengers' addresses (lower case) that hard-bounced lately.
    pub bouncing: std::collections::HashSet<String>,
}

/// A driver's ride, with its requests and its other leg.
pub async fn ride(db: &Db, offer_id: i64) -> Result<RideView> {
    let offer = offer::Entity::find_by_id(offer_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer.id))
        .order_by_asc(reservation::Column::CreatedAt)
        .order_by_asc(reservation::Column::Id)
        .all(&db.conn)
        .await?;
    let other_leg = other_leg(db, &offer).await?;
    let bouncing = bouncing(
        db,
        requests.iter().map(|r| r.passenger_email.clone()).collect(),
    )
    .await?;
    Ok(RideView {
        offer,
        event,
        requests,
        other_leg,
        bouncing,
    })
}

/// The other half of a round trip, if any.
pub async fn other_leg(db: &Db, o: &offer::Model) -> Result<Option<offer::Model>> {
    Ok(match o.return_of {
        Some(outbound) => offer::Entity::find_by_id(outbound).one(&db.conn).await?,
        None => {
            offer::Entity::find()
                .filter(offer::Column::ReturnOf.eq(o.id))
                .one(&db.conn)
                .await?
        }
    })
}

pub struct Roster {
    pub event: event::Model,
    /// Every ride by departure, each with its requests (oldest first).
    pub rides: Vec<(offer::Model, Vec<reservation::Model>)>,
}

/// An event with every ride and every request.
pub async fn roster(db: &Db, event_id: i64) -> Result<Roster> {
    let event = event::Entity::find_by_id(event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(event.id))
        .order_by_asc(offer::Column::DepartsAt)
        .order_by_asc(offer::Column::Id)
        .all(&db.conn)
        .await?;
    let mut by_offer: HashMap<i64, Vec<reservation::Model>> = HashMap::new();
    for r in reservation::Entity::find()
        .inner_join(offer::Entity)
        .filter(offer::Column::EventId.eq(event.id))
        .order_by_asc(reservation::Column::CreatedAt)
        .order_by_asc(reservation::Column::Id)
        .all(&db.conn)
        .await?
    {
        by_offer.entry(r.offer_id).or_default().push(r);
    }
    let rides = offers
        .into_iter()
        .map(|o| {
            let requests = by_offer.remove(&o.id).unwrap_or_default();
            (o, requests)
        })
        .collect();
    Ok(Roster { event, rides })
}

/// One event by id.
pub async fn event(db: &Db, id: i64) -> Result<event::Model> {
    event::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The people waiting for a ride to or from an event, oldest first.
pub async fn waiting_list(db: &Db, event_id: i64) -> Result<Vec<crate::entities::need::Model>> {
    use crate::entities::need;
    Ok(need::Entity::find()
        .filter(need::Column::EventId.eq(event_id))
        .filter(need::Column::Status.eq(crate::domain::NeedStatus::Waiting))
        .order_by_asc(need::Column::CreatedAt)
        .order_by_asc(need::Column::Id)
        .all(&db.conn)
        .await?)
}
