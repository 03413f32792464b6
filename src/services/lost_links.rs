//! "Email me my links": every active link for one address (the events it organises, the
//! rides it drives, its bookings and its places on waiting lists), in one email. Nothing tells
//! the asker whether the address is known: the answer is the same, and an address with
//! nothing active gets no email. The per-address cap on acknowledgements applies.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Result;
use crate::db::Db;
use crate::domain::{Lang, NeedStatus, OfferStatus, ReservationStatus};
use crate::entities::{event, need, offer, reservation};
use crate::links::{event_end, trip_end};
use crate::mail::{Emails, compose, outbox};

/// What one address has that is still going on.
#[derive(Default)]
pub struct Found {
    pub events: Vec<event::Model>,
    pub rides: Vec<(offer::Model, event::Model)>,
    pub bookings: Vec<(reservation::Model, offer::Model, event::Model)>,
    pub needs: Vec<(need::Model, event::Model)>,
}

impl Found {
    /// The name this address goes by (the latest given), to greet its reader.
    pub fn name(&self) -> &str {
        self.bookings
            .last()
            .map(|(r, _, _)| r.passenger_name.as_str())
            .or(self.rides.last().map(|(o, _)| o.driver_name.as_str()))
            .or(self.needs.last().map(|(n, _)| n.name.as_str()))
            .or(self.events.last().map(|e| e.organizer_name.as_str()))
            .unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.rides.is_empty()
            && self.bookings.is_empty()
            && self.needs.is_empty()
    }
}

fn lower<C: sea_orm::ColumnTrait>(c: C) -> sea_orm::sea_query::SimpleExpr {
    Func::lower(Expr::col(c)).into()
}

async fn event_of(db: &Db, id: i64) -> Result<Option<event::Model>> {
    Ok(event::Entity::find_by_id(id).one(&db.conn).await?)
}

pub async fn find(db: &Db, email: &str, now: DateTime<Utc>) -> Result<Found> {
    let key = email.trim().to_lowercase();
    let mut found = Found::default();
    for e in event::Entity::find()
        .filter(Expr::expr(lower(event::Column::OrganizerEmail)).eq(key.as_str()))
        .order_by_asc(event::Column::StartsAt)
        .all(&db.conn)
        .await?
    {
        if event_end(e.starts_at) > now {
            found.events.push(e);
        }
    }
    for o in offer::Entity::find()
        .filter(Expr::expr(lower(offer::Column::DriverEmail)).eq(key.as_str()))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .order_by_asc(offer::Column::DepartsAt)
        .all(&db.conn)
        .await?
    {
        if trip_end(o.departs_at) > now
            && let Some(e) = event_of(db, o.event_id).await?
        {
            found.rides.push((o, e));
        }
    }
    for r in reservation::Entity::find()
        .filter(Expr::expr(lower(reservation::Column::PassengerEmail)).eq(key.as_str()))
        .filter(
            reservation::Column::Status
                .is_in([ReservationStatus::Pending, ReservationStatus::Confirmed]),
        )
        .order_by_asc(reservation::Column::CreatedAt)
        .all(&db.conn)
        .await?
    {
        let Some(o) = offer::Entity::find_by_id(r.offer_id).one(&db.conn).await? else {
            continue;
        };
        if trip_end(o.departs_at) > now
            && let Some(e) = event_of(db, o.event_id).await?
        {
            found.bookings.push((r, o, e));
        }
    }
    for n in need::Entity::find()
        .filter(Expr::expr(lower(need::Column::Email)).eq(key.as_str()))
        .filter(need::Column::Status.eq(NeedStatus::Waiting))
        .order_by_asc(need::Column::CreatedAt)
        .all(&db.conn)
        .await?
    {
        if let Some(e) = event_of(db, n.event_id).await?
            && e.starts_at > now
        {
            found.needs.push((n, e));
        }
    }
    Ok(found)
}

/// Emails `email` its links, if it has any. The caller answers the same either way.
pub async fn send(
    db: &Db,
    emails: &Emails,
    email: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<()> {
    let found = find(db, email, now).await?;
    if found.is_empty() {
        return Ok(());
    }
    let message = compose::your_links(emails, email, lang, &found, now)?;
    let tx = db.begin_write().await?;
    let queued = outbox::queue(&tx, emails, message, now).await?;
    tx.commit().await?;
    emails.after_commit(&[queued]);
    Ok(())
}
