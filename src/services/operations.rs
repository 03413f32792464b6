//! What the operators' pages read and do: the outbox's backlog and failures for the health
//! check, the metrics and `/admin`; a failed email put back in the queue; a request looked up by
//! id; the captured emails of `/dev/mail`.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Result;
use crate::db::Db;
use crate::domain::EmailStatus;
use crate::entities::{event, offer, outbox, reservation};

/// The outbox as the health check sees it.
pub struct OutboxHealth {
    pub queued: u64,
    /// Age of the oldest queued email.
    pub oldest_queued_secs: Option<i64>,
    pub failed: u64,
}

pub async fn outbox_health(db: &Db, now: DateTime<Utc>) -> Result<OutboxHealth> {
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(EmailStatus::Queued))
        .count(&db.conn)
        .await?;
    let oldest = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(EmailStatus::Queued))
        .order_by_asc(outbox::Column::CreatedAt)
        .one(&db.conn)
        .await?
        .map(|r| (now - r.created_at).num_seconds().max(0));
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(EmailStatus::Failed))
        .count(&db.conn)
        .await?;
    Ok(OutboxHealth {
        queued,
        oldest_queued_secs: oldest,
        failed,
    })
}

/// Emails by state (`queued`, `sent`…), for the metrics.
pub async fn emails_by_state(db: &Db) -> Result<BTreeMap<String, u64>> {
    let rows: Vec<(EmailStatus, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(outbox::Column::Id.count(), "n")
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(&db.conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(s, n)| (s.as_str().to_owned(), n.max(0) as u64))
        .collect())
}

/// The latest failed emails.
pub async fn failed_emails(db: &Db, limit: u64) -> Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(EmailStatus::Failed))
        // An email erased with its event's personal data has nobody to go to.
        .filter(outbox::Column::RecipientEmail.ne(""))
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(&db.conn)
        .await?)
}

/// Puts a failed email back in the queue, once (a conditional update on `failed`); true if
/// this call did it.
pub async fn retry_email(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let tx = db.begin_write().await?;
    let result = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Queued))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(EmailStatus::Failed))
        .filter(outbox::Column::RecipientEmail.ne(""))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(result.rows_affected == 1)
}

/// A request by id, with its ride and event when they still exist.
pub async fn find_request(
    db: &Db,
    id: i64,
) -> Result<
    Option<(
        reservation::Model,
        Option<offer::Model>,
        Option<event::Model>,
    )>,
> {
    let Some((r, o)) = reservation::Entity::find_by_id(id)
        .find_also_related(offer::Entity)
        .one(&db.conn)
        .await?
    else {
        return Ok(None);
    };
    let e = match &o {
        Some(o) => event::Entity::find_by_id(o.event_id).one(&db.conn).await?,
        None => None,
    };
    Ok(Some((r, o, e)))
}

/// The latest emails of the outbox (for `/dev/mail`), newest first.
pub async fn latest_emails(db: &Db, limit: u64) -> Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(limit)
        .all(&db.conn)
        .await?)
}

pub async fn email(db: &Db, id: i64) -> Result<Option<outbox::Model>> {
    Ok(outbox::Entity::find_by_id(id).one(&db.conn).await?)
}
