//! The retention purge: `retention_days` after an event ends (and soon after an operator
//! deletes one), its personal data is erased, once, and the purge is recorded (when, why, how
//! much) for /admin. Safe to run from several instances and from cron at once: an event is
//! claimed by one conditional update on `purged_at`.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::Result;
use super::erasure::{self, Whom};
use crate::db::Db;
use crate::domain::EmailStatus;
use crate::entities::{event, outbox, purge};
use crate::links::AFTER_EVENT;

/// Why an event was purged.
pub const RETENTION: &str = "retention";
pub const DELETED: &str = "deleted";

/// How long a deleted event waits for its "removed" emails to be sent before it is erased
/// anyway.
const DELETED_GRACE: Duration = Duration::days(2);

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Purged {
    pub events: u64,
    pub people: u64,
    pub rows: u64,
    pub emails: u64,
}

/// Events due: ended `retention_days` ago, or deleted by the operator (once the emails telling
/// everyone are sent, or after a grace period), and not purged yet.
async fn due(db: &Db, retention_days: u32, now: DateTime<Utc>) -> Result<Vec<(i64, &'static str)>> {
    let ended_before = crate::domain::plus(
        now,
        -(AFTER_EVENT + Duration::days(i64::from(retention_days))),
    );
    let rows = event::Entity::find()
        .filter(event::Column::PurgedAt.is_null())
        .filter(
            Condition::any()
                .add(event::Column::StartsAt.lte(ended_before))
                .add(event::Column::DeletedAt.is_not_null()),
        )
        .order_by_asc(event::Column::Id)
        .limit(200)
        .all(&db.conn)
        .await?;
    let mut out = Vec::new();
    for e in rows {
        if e.starts_at <= ended_before {
            out.push((e.id, RETENTION));
            continue;
        }
        let Some(deleted_at) = e.deleted_at else {
            continue;
        };
        let unsent = outbox::Entity::find()
            .filter(outbox::Column::EventId.eq(e.id))
            .filter(outbox::Column::Status.is_in([EmailStatus::Queued, EmailStatus::Sending]))
            .one(&db.conn)
            .await?
            .is_some();
        if !unsent || deleted_at + DELETED_GRACE <= now {
            out.push((e.id, DELETED));
        }
    }
    Ok(out)
}

/// Purges every event due at `now`.
pub async fn purge_due(db: &Db, retention_days: u32, now: DateTime<Utc>) -> Result<Purged> {
    let mut total = Purged::default();
    for (event_id, reason) in due(db, retention_days, now).await? {
        if let Some(done) = purge_one(db, event_id, reason, now).await? {
            total.events += 1;
            total.people += done.people;
            total.rows += done.rows;
            total.emails += done.emails;
        }
    }
    Ok(total)
}

/// Erases one event's personal data, once: `None` if another run got there first.
pub async fn purge_one(
    db: &Db,
    event_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<erasure::Erased>> {
    let tx = db.begin_write().await?;
    let claimed = event::Entity::update_many()
        .col_expr(event::Column::PurgedAt, Expr::value(now))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::PurgedAt.is_null())
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    let done = erasure::erase(&tx, event_id, Whom::Everyone, now).await?;
    let count = |n: u64| i32::try_from(n).unwrap_or(i32::MAX);
    purge::ActiveModel {
        event_id: Set(event_id),
        reason: Set(reason.to_owned()),
        purged_at: Set(now),
        people: Set(count(done.people)),
        rows: Set(count(done.rows)),
        emails: Set(count(done.emails)),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.touch(event_id);
    tx.commit().await?;
    tracing::info!(
        event_id,
        reason,
        people = done.people,
        rows = done.rows,
        emails = done.emails,
        "personal data erased"
    );
    Ok(Some(done))
}

/// One purge as /admin lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PurgeLine {
    pub slug: String,
    pub name: String,
    pub reason: String,
    pub purged_at: DateTime<Utc>,
    pub people: i32,
    pub rows: i32,
    pub emails: i32,
}

/// The latest purges, newest first.
pub async fn latest(db: &Db, limit: u64) -> Result<Vec<PurgeLine>> {
    let purges = purge::Entity::find()
        .order_by_desc(purge::Column::PurgedAt)
        .order_by_desc(purge::Column::Id)
        .limit(limit)
        .all(&db.conn)
        .await?;
    let ids: Vec<i64> = purges.iter().map(|p| p.event_id).collect();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(ids))
        .all(&db.conn)
        .await?;
    Ok(purges
        .into_iter()
        .map(|p| {
            let e = events.iter().find(|e| e.id == p.event_id);
            PurgeLine {
                slug: e.map(|e| e.slug.clone()).unwrap_or_default(),
                name: e.map(|e| e.name.clone()).unwrap_or_default(),
                reason: p.reason,
                purged_at: p.purged_at,
                people: p.people,
                rows: p.rows,
                emails: p.emails,
            }
        })
        .collect())
}
