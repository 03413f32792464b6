//! Keeping rides' routes current: after a change (a passenger confirmed, cancelled or removed,
//! the departure or the venue moved), each open ride of the event whose route inputs changed is
//! planned again, outside any transaction, then stored by a conditional update on the key it
//! replaces (two instances refreshing at once store it once). Confirmed passengers whose time
//! moved by five minutes or more get the trip-changed email, once per new time. When the router
//! fails, the times and the detour are cleared (never left stale, never invented) and the
//! failed inputs are marked, so that the same inputs are not asked again until something
//! changes.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::plan::{Inputs, Planned, Stop, plan};
use super::{Router, Routing};
use crate::db::Db;
use crate::domain::{Direction, OfferStatus, Point, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::mail::{Emails, outbox, routes};
use crate::services::{Error, Result};

/// A move of a passenger's time this large or larger is told to them.
pub const TOLD_FROM: Duration = Duration::minutes(5);

/// The key stored for a ride whose route cannot be planned (a point is missing).
const UNROUTABLE: &str = "-";

/// The route inputs of a ride with these confirmed passengers (those whose stop has a point);
/// `None` when the departure or the venue has no point.
pub fn inputs_of(
    e: &event::Model,
    o: &offer::Model,
    confirmed: &[reservation::Model],
) -> Option<Inputs> {
    let venue = Point::from_columns(e.venue_lat, e.venue_lon)?;
    let place = Point::from_columns(o.place_lat, o.place_lon)?;
    let (start, end) = match o.direction {
        Direction::ToEvent => (place, venue),
        Direction::FromEvent => (venue, place),
    };
    let stops = confirmed
        .iter()
        .filter_map(|r| {
            Some(Stop {
                reservation_id: r.id,
                point: Point::from_columns(r.pickup_lat, r.pickup_lon)?,
            })
        })
        .collect();
    Some(Inputs {
        direction: o.direction,
        departs_at: o.departs_at,
        start,
        end,
        stops,
    })
}

async fn confirmed_of(db: &Db, offer_id: i64) -> Result<Vec<reservation::Model>> {
    Ok(reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Confirmed))
        .order_by_asc(reservation::Column::Id)
        .all(&db.conn)
        .await?)
}

/// The driver's total detour if a passenger stopping at `point` joined the confirmed ones
/// (`None` without a router, a point, or an answer).
pub async fn detour_with(
    db: &Db,
    routing: &Routing,
    o: &offer::Model,
    point: Option<Point>,
) -> Result<Option<i32>> {
    let (Some(router), Some(point)) = (routing.router(), point) else {
        return Ok(None);
    };
    let Some(e) = event::Entity::find_by_id(o.event_id).one(&db.conn).await? else {
        return Ok(None);
    };
    let confirmed = confirmed_of(db, o.id).await?;
    let Some(mut inputs) = inputs_of(&e, o, &confirmed) else {
        return Ok(None);
    };
    inputs.stops.push(Stop {
        reservation_id: 0,
        point,
    });
    match plan(router, &inputs).await {
        Ok(planned) => Ok(Some(planned.detour_s)),
        Err(err) => {
            tracing::warn!(error = %err, offer = o.id, "no detour for this request");
            Ok(None)
        }
    }
}

/// Refreshes the routes of the event's open rides still to come; how many were stored.
pub async fn refresh_event(
    db: &Db,
    emails: &Emails,
    routing: &Routing,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<u32> {
    let Some(router) = routing.router() else {
        return Ok(0);
    };
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(event_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .filter(offer::Column::DepartsAt.gt(now))
        .order_by_asc(offer::Column::Id)
        .all(&db.conn)
        .await?;
    let mut stored = 0;
    for o in offers {
        stored += u32::from(refresh_offer(db, emails, router, o, now).await?);
    }
    Ok(stored)
}

/// Refreshes every open ride still to come (after news were missed); how many were stored.
pub async fn refresh_upcoming(
    db: &Db,
    emails: &Emails,
    routing: &Routing,
    now: DateTime<Utc>,
) -> Result<u32> {
    let events: Vec<i64> = offer::Entity::find()
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .filter(offer::Column::DepartsAt.gt(now))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|o| o.event_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut stored = 0;
    for id in events {
        stored += refresh_event(db, emails, routing, id, now).await?;
    }
    Ok(stored)
}

/// Plans one ride again if its inputs changed since the last time; true when stored.
pub async fn refresh_offer(
    db: &Db,
    emails: &Emails,
    router: &dyn Router,
    o: offer::Model,
    now: DateTime<Utc>,
) -> Result<bool> {
    let e = event::Entity::find_by_id(o.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let confirmed = confirmed_of(db, o.id).await?;
    let inputs = inputs_of(&e, &o, &confirmed);
    let key = inputs.as_ref().map_or(UNROUTABLE.to_owned(), Inputs::key);
    let failed = format!("!{key}");
    if o.route_key.as_deref() == Some(key.as_str()) || o.route_key.as_deref() == Some(&failed) {
        return Ok(false);
    }
    let (stored_key, planned) = match &inputs {
        None => (key, None),
        Some(inputs) => match plan(router, inputs).await {
            Ok(planned) => (key, Some(planned)),
            Err(err) => {
                tracing::warn!(error = %err, offer = o.id, "no route: pickup times cleared");
                (failed, None)
            }
        },
    };
    store(db, emails, &e, &o, stored_key, planned.as_ref(), now).await
}

/// Stores a route (or its absence) in place of the one `o` had; false when another refresh
/// stored one first.
async fn store(
    db: &Db,
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    key: String,
    planned: Option<&Planned>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let tx = db.begin_write().await?;
    let same_key = match &o.route_key {
        Some(k) => offer::Column::RouteKey.eq(k.as_str()),
        None => offer::Column::RouteKey.is_null(),
    };
    let detour = planned.map(|p| p.detour_s);
    let updated = offer::Entity::update_many()
        .col_expr(offer::Column::RouteKey, Expr::value(key))
        .col_expr(offer::Column::RouteDetourS, Expr::value(detour))
        .col_expr(
            offer::Column::RouteDistanceM,
            Expr::value(planned.map(|p| p.distance_m)),
        )
        .filter(offer::Column::Id.eq(o.id))
        .filter(same_key)
        .exec(&tx)
        .await?
        .rows_affected;
    if updated == 0 {
        return Ok(false);
    }
    let mut changed = detour != o.route_detour_s;
    let mut queued = Vec::new();
    let confirmed = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(o.id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Confirmed))
        .all(&tx)
        .await?;
    for r in confirmed {
        let new = planned.and_then(|p| {
            p.times
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, at)| *at)
        });
        if new == r.stop_at {
            continue;
        }
        let moved = reservation::Entity::update_many()
            .col_expr(reservation::Column::StopAt, Expr::value(new))
            .filter(reservation::Column::Id.eq(r.id))
            .filter(reservation::Column::Status.eq(ReservationStatus::Confirmed))
            .exec(&tx)
            .await?
            .rows_affected;
        changed |= moved > 0;
        if let (1, Some(old), Some(new)) = (moved, r.stop_at, new)
            && (new - old).abs() >= TOLD_FROM
        {
            let mut r = r;
            r.stop_at = Some(new);
            let email = routes::pickup_moved(emails, e, o, &r, old, new, now)?;
            queued.push(outbox::queue(&tx, emails, email, now).await?);
        }
    }
    if changed {
        // The pages showing these times refresh (and the keeper finds nothing more to do).
        tx.touch(e.id);
    }
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(true)
}
