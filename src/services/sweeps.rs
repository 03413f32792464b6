//! The background steps: expire due requests, nudge drivers half-way, send the day-before
//! reminders. Each takes `now`, works in indexed batches (bounded memory whatever the
//! backlog), and claims its rows with a conditional update in the same transaction as their
//! emails, so that several instances, restarts and crashes never do anything twice.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, UpdateMany,
};

use super::Result;
use crate::db::portable;
use crate::db::{Counted, Db};
use crate::domain::{OfferStatus, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::mail::{Emails, draft, notify, outbox};
use crate::services::transitions::{EXPIRE, confirmed_of, lock_offers, transition};
use crate::services::{matching, needs};

/// Rows per transaction: large enough to be fast, small enough to keep memory and lock time low.
pub const BATCH: u64 = 500;

/// Offers and events of a batch of reservations, loaded with two queries.
async fn context(
    conn: &impl ConnectionTrait,
    rows: &[reservation::Model],
) -> Result<(HashMap<i64, offer::Model>, HashMap<i64, event::Model>)> {
    let mut offer_ids: Vec<i64> = rows.iter().map(|r| r.offer_id).collect();
    offer_ids.sort_unstable();
    offer_ids.dedup();
    let offers: HashMap<i64, offer::Model> = offer::Entity::find()
        .filter(offer::Column::Id.is_in(offer_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut event_ids: Vec<i64> = offers.values().map(|o| o.event_id).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(event_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    Ok((offers, events))
}

/// Locks the offers of these reservations first: the same lock order as the driver's and
/// passenger's actions (offer, then requests), so a sweep never deadlocks with them.
async fn lock_offers_of(conn: &impl ConnectionTrait, reservation_ids: &[i64]) -> Result<()> {
    let offer_ids: Vec<i64> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::OfferId)
        .filter(reservation::Column::Id.is_in(reservation_ids.to_vec()))
        .into_tuple()
        .all(conn)
        .await?;
    lock_offers(conn, offer_ids).await?;
    Ok(())
}

/// Pending requests past their expiry become `expired`; passenger and driver are told.
pub async fn expire_due(db: &Db, emails: &Emails, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = reservation::Entity::find()
            .select_only()
            .column(reservation::Column::Id)
            .filter(reservation::Column::Status.eq(ReservationStatus::Pending))
            .filter(reservation::Column::ExpiresAt.lte(now))
            .order_by_asc(reservation::Column::ExpiresAt)
            .limit(BATCH)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if ids.is_empty() {
            break;
        }
        let tx = db.begin_write().await?;
        lock_offers_of(&tx, &ids).await?;
        let due = Condition::all().add(reservation::Column::ExpiresAt.lte(now));
        let expired = transition(&tx, ids, EXPIRE, due, now).await?;
        if expired.is_empty() {
            // Another instance took this batch; it sends its emails.
            break;
        }
        let (offers, events) = context(&tx, &expired).await?;
        let mut batch = Vec::with_capacity(expired.len() * 2);
        for r in &expired {
            let Some(o) = offers.get(&r.offer_id) else {
                continue;
            };
            let Some(e) = events.get(&o.event_id) else {
                continue;
            };
            if emails.captures() {
                batch.extend(notify::expired(emails, e, o, r, now)?);
            } else {
                // Written when sent: nothing rendered, 5 KB less per email, in this transaction.
                batch.extend(draft::expired(e, o, r));
            }
            if let Some(need) = r.need_id {
                needs::reopen(&tx, need, now).await?;
            }
        }
        let mut queued = outbox::queue_many(&tx, emails, batch, now).await?;
        // The rides whose requests lapsed may suit someone waiting (events with a waiting
        // list only: one count per event).
        for e in events.values() {
            tx.touch(e.id);
            if needs::waiting_counts(&tx, e.id).await? == needs::Waiting::default() {
                continue;
            }
            for o in offers.values().filter(|o| o.event_id == e.id) {
                matching::seats_freed(&tx, emails, e, o, now, &mut queued).await?;
            }
        }
        tx.commit().await?;
        emails.after_commit(&queued);
        total += expired.len() as u64;
        tracing::info!(batch = expired.len(), total, "expired a batch of requests");
    }
    Ok(total)
}

/// The nudge's claim: `nudged_at` set on the requests `ids` still pending and not nudged (found
/// by their ids, their state only checked: `portable::checked`).
pub fn nudge_update(
    backend: DbBackend,
    ids: Vec<i64>,
    now: DateTime<Utc>,
) -> (UpdateMany<reservation::Entity>, Condition) {
    let update = reservation::Entity::update_many()
        .col_expr(reservation::Column::NudgedAt, Expr::value(now));
    let cond = Condition::all()
        .add(reservation::Column::Id.is_in(ids))
        .add(
            portable::checked(backend, reservation::Column::Status)
                .eq(ReservationStatus::Pending.as_str()),
        )
        .add(reservation::Column::NudgedAt.is_null());
    (update, cond)
}

/// Half-way to expiry, one email to the driver of a still-pending request.
pub async fn nudge_due(db: &Db, emails: &Emails, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = reservation::Entity::find()
            .select_only()
            .column(reservation::Column::Id)
            .filter(reservation::Column::Status.eq(ReservationStatus::Pending))
            .filter(reservation::Column::NudgeAt.lte(now))
            .filter(reservation::Column::NudgedAt.is_null())
            .filter(reservation::Column::ExpiresAt.gt(now))
            .order_by_asc(reservation::Column::NudgeAt)
            .limit(BATCH)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if ids.is_empty() {
            break;
        }
        let tx = db.begin_write().await?;
        lock_offers_of(&tx, &ids).await?;
        let (update, cond) = nudge_update(tx.get_database_backend(), ids, now);
        let nudged = portable::update_returning(&tx, update, cond).await?;
        if nudged.is_empty() {
            break;
        }
        let (offers, events) = context(&tx, &nudged).await?;
        let mut batch = Vec::with_capacity(nudged.len());
        for r in &nudged {
            let Some(o) = offers.get(&r.offer_id) else {
                continue;
            };
            let Some(e) = events.get(&o.event_id) else {
                continue;
            };
            batch.push(notify::nudge(emails, e, o, r, now)?);
        }
        let queued = outbox::queue_many(&tx, emails, batch, now).await?;
        tx.count(Counted::Transitions("nudge", nudged.len() as u64));
        tx.commit().await?;
        emails.after_commit(&queued);
        total += nudged.len() as u64;
    }
    Ok(total)
}

/// At `reminder_time` on the day before departure (event zone), the driver and each confirmed
/// passenger get their reminder. Returns the number of rides reminded.
pub async fn remind_due(db: &Db, emails: &Emails, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = offer::Entity::find()
            .select_only()
            .column(offer::Column::Id)
            .filter(offer::Column::Status.eq(OfferStatus::Open))
            .filter(offer::Column::ReminderAt.lte(now))
            .filter(offer::Column::RemindedAt.is_null())
            .filter(offer::Column::DepartsAt.gt(now))
            .order_by_asc(offer::Column::ReminderAt)
            .limit(BATCH / 10)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if ids.is_empty() {
            break;
        }
        let tx = db.begin_write().await?;
        let rides = portable::update_returning(
            &tx,
            offer::Entity::update_many().col_expr(offer::Column::RemindedAt, Expr::value(now)),
            Condition::all()
                .add(offer::Column::Id.is_in(ids))
                .add(offer::Column::Status.eq(OfferStatus::Open))
                .add(offer::Column::RemindedAt.is_null()),
        )
        .await?;
        if rides.is_empty() {
            break;
        }
        let mut batch = Vec::new();
        for o in &rides {
            let Some(e) = event::Entity::find_by_id(o.event_id).one(&tx).await? else {
                continue;
            };
            let confirmed = confirmed_of(&tx, o.id).await?;
            batch.extend(notify::reminders(emails, &e, o, &confirmed, now)?);
        }
        let queued = outbox::queue_many(&tx, emails, batch, now).await?;
        tx.count(Counted::Transitions("remind", rides.len() as u64));
        tx.commit().await?;
        emails.after_commit(&queued);
        total += rides.len() as u64;
    }
    Ok(total)
}
