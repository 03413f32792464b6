//! The expiry sweep. Its emails are rendered outside the write lock: a batch of due requests is
//! read and its emails rendered (on a blocking thread) while the previous batch's transaction
//! runs; the transaction then moves the requests with one conditional update and keeps the
//! rendered emails only of the requests it moved, as they were when rendered (a request, ride or
//! event changed in between is rendered again, under the lock). So each expired request gets its
//! two emails in the transaction that expires it, exactly once, whichever instance moves it.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::Db;
use crate::domain::{Reason, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::mail::{Emails, notify, outbox::Outgoing};
use crate::services::transitions::{EXPIRE, lock_offers, transition};
use crate::services::{Result, matching, needs};

/// Requests per transaction. The emails are rendered before the lock is taken, so the lock
/// lasts the statements only; memory holds two batches (the one being written, the next one
/// being rendered), about 4 KB per email.
pub const BATCH: u64 = 1000;

/// A batch read and rendered without a lock.
struct Prepared {
    rows: Vec<reservation::Model>,
    offers: HashMap<i64, offer::Model>,
    events: HashMap<i64, event::Model>,
    /// The two emails of each request, by request id, rendered as if it expired at `now`.
    rendered: HashMap<i64, [Outgoing; 2]>,
}

/// Pending requests past their expiry become `expired`; passenger and driver are told.
pub async fn expire_due(db: &Db, emails: &Emails, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    let mut next = prepare(db, emails, now, &[]).await?;
    while let Some(batch) = next {
        // Still pending until its transaction commits: the next read leaves it out.
        let writing: Vec<i64> = batch.rows.iter().map(|r| r.id).collect();
        // This batch's transaction and the next batch's reading and rendering run together.
        let (done, following) = tokio::join!(
            write_batch(db, emails, batch, now),
            prepare(db, emails, now, &writing)
        );
        let moved = done?;
        if moved == 0 {
            // Another instance took this batch; it is sweeping and sends their emails.
            break;
        }
        total += moved;
        next = following?;
    }
    Ok(total)
}

/// Reads the next batch of due requests with their rides and events, and renders their emails.
async fn prepare(
    db: &Db,
    emails: &Emails,
    now: DateTime<Utc>,
    leave_out: &[i64],
) -> Result<Option<Prepared>> {
    let mut query = reservation::Entity::find()
        .filter(reservation::Column::Status.eq(ReservationStatus::Pending))
        .filter(reservation::Column::ExpiresAt.lte(now));
    if !leave_out.is_empty() {
        query = query.filter(reservation::Column::Id.is_not_in(leave_out.iter().copied()));
    }
    let rows = query
        .order_by_asc(reservation::Column::ExpiresAt)
        .limit(BATCH)
        .all(&db.conn)
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let offers = by_id(
        offer::Entity::find()
            .filter(offer::Column::Id.is_in(ids(rows.iter().map(|r| r.offer_id))))
            .all(&db.conn)
            .await?,
        |o| o.id,
    );
    let events = by_id(
        event::Entity::find()
            .filter(event::Column::Id.is_in(ids(offers.values().map(|o| o.event_id))))
            .all(&db.conn)
            .await?,
        |e| e.id,
    );
    let emails = emails.clone();
    let prepared = tokio::task::spawn_blocking(move || -> Result<Prepared> {
        let mut rendered = HashMap::with_capacity(rows.len());
        for r in &rows {
            let Some(o) = offers.get(&r.offer_id) else {
                continue;
            };
            let Some(e) = events.get(&o.event_id) else {
                continue;
            };
            rendered.insert(
                r.id,
                notify::expired(&emails, e, o, &as_expired(r, now), now)?,
            );
        }
        Ok(Prepared {
            rows,
            offers,
            events,
            rendered,
        })
    })
    .await
    .map_err(|e| DbErr::Custom(format!("rendering the expiry emails: {e}")))??;
    Ok(Some(prepared))
}

/// The request as `EXPIRE` leaves it (what `transition` sets).
fn as_expired(r: &reservation::Model, now: DateTime<Utc>) -> reservation::Model {
    reservation::Model {
        status: ReservationStatus::Expired,
        reason: Some(Reason::Timeout),
        updated_at: now,
        decided_at: Some(now),
        active_email: None,
        ..r.clone()
    }
}

/// Whether `after` (as moved) is `before` (as rendered) but for what the move changed.
fn unchanged(before: &reservation::Model, after: &reservation::Model) -> bool {
    let moved = reservation::Model {
        status: after.status,
        reason: after.reason,
        updated_at: after.updated_at,
        decided_at: after.decided_at,
        active_email: after.active_email.clone(),
        ..before.clone()
    };
    moved == *after
}

/// Moves the batch's requests that are still pending and due, and queues their emails, in one
/// transaction. Returns how many it moved.
async fn write_batch(db: &Db, emails: &Emails, batch: Prepared, now: DateTime<Utc>) -> Result<u64> {
    let Prepared {
        rows,
        offers: read_offers,
        events: read_events,
        mut rendered,
    } = batch;
    let before: HashMap<i64, reservation::Model> = rows.into_iter().map(|r| (r.id, r)).collect();
    let tx = db.begin_write().await?;
    // Offers first, then requests: the lock order of every other change (a request's ride never
    // changes, so the ride read before is the one to lock).
    let offers = by_id(
        lock_offers(&tx, before.values().map(|r| r.offer_id).collect()).await?,
        |o| o.id,
    );
    let due = Condition::all().add(reservation::Column::ExpiresAt.lte(now));
    let expired = transition(&tx, before.keys().copied().collect(), EXPIRE, due, now).await?;
    if expired.is_empty() {
        // Another instance took this batch; it sent its emails.
        return Ok(0);
    }
    let events = by_id(
        event::Entity::find()
            .filter(event::Column::Id.is_in(ids(offers.values().map(|o| o.event_id))))
            .all(&tx)
            .await?,
        |e| e.id,
    );
    let mut queue = Vec::with_capacity(expired.len() * 2);
    for r in &expired {
        let Some(o) = offers.get(&r.offer_id) else {
            continue;
        };
        let Some(e) = events.get(&o.event_id) else {
            continue;
        };
        let as_rendered = before.get(&r.id).is_some_and(|b| unchanged(b, r))
            && read_offers.get(&o.id) == Some(o)
            && read_events.get(&e.id) == Some(e);
        match rendered.remove(&r.id) {
            Some(pair) if as_rendered => queue.extend(pair),
            // Changed since it was read (or not rendered): rendered again, as it is now.
            _ => queue.extend(notify::expired(emails, e, o, r, now)?),
        }
        if let Some(need) = r.need_id {
            needs::reopen(&tx, need, now).await?;
        }
    }
    let mut queued = crate::mail::outbox::queue_many(&tx, emails, queue, now).await?;
    // The rides whose requests lapsed may suit someone waiting (events with a waiting list
    // only: one count per event).
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
    let moved = expired.len() as u64;
    tracing::info!(batch = moved, "expired a batch of requests");
    Ok(moved)
}

fn ids(it: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut v: Vec<i64> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i64) -> HashMap<i64, T> {
    rows.into_iter().map(|t| (id(&t), t)).collect()
}
