//! Sending the outbox. Each due row is claimed by a conditional update (a lease), so that
//! several instances never send one row twice; a row whose lease ran out (a crash mid-send)
//! is claimed again. Transient failures retry with exponential backoff, permanent ones fail.
use chrono::{DateTime, Duration, Utc};
use futures::stream::{self, StreamExt};
use lettre::AsyncTransport;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::outbox::Status;
use super::transport::{Failure, classify};
use super::{Mailer, message};
use crate::db::Db;
use crate::entities::outbox;

/// How long a claimed row is reserved for the instance sending it.
pub const LEASE: Duration = Duration::seconds(120);
const BATCH: u64 = 200;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
    /// When the next queued row becomes due (for the background task's sleep).
    pub next_due: Option<DateTime<Utc>>,
}

/// Backoff after `attempts` failed tries: 30 s, 1 min, 2 min... capped at 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 8) - 1;
    Duration::seconds(std::cmp::min(30_i64 << exp, 3600))
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Queued.as_str()))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Sending.as_str()))
                .add(outbox::Column::LeaseUntil.lt(now)),
        )
}

/// Claims one row for `owner`; false if another instance got it first.
async fn claim(db: &Db, id: i64, owner: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::Status,
            Expr::value(Status::Sending.as_str()),
        )
        .col_expr(outbox::Column::LeaseOwner, Expr::value(owner))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(now + LEASE))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(id))
        .filter(due(now))
        .exec(&db.conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records the outcome, only if this instance still holds the lease.
async fn settle(
    db: &Db,
    row: &outbox::Model,
    owner: &str,
    outcome: Result<(), Failure>,
    max_attempts: i32,
    now: DateTime<Utc>,
) -> Result<Status, DbErr> {
    let attempts = row.attempts + 1;
    let mut update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::LeaseOwner,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now));
    let status = match &outcome {
        Ok(()) => {
            update = update.col_expr(outbox::Column::SentAt, Expr::value(now));
            Status::Sent
        }
        Err(Failure::Transient(e)) if attempts < max_attempts => {
            update = update
                .col_expr(
                    outbox::Column::NextAttemptAt,
                    Expr::value(now + backoff(attempts)),
                )
                .col_expr(outbox::Column::LastError, Expr::value(e.clone()));
            Status::Queued
        }
        Err(Failure::Transient(e) | Failure::Permanent(e)) => {
            update = update.col_expr(outbox::Column::LastError, Expr::value(e.clone()));
            Status::Failed
        }
    };
    update
        .col_expr(outbox::Column::Status, Expr::value(status.as_str()))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.eq(Status::Sending.as_str()))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(&db.conn)
        .await?;
    match (&outcome, status) {
        (Ok(()), _) => tracing::info!(outbox_id = row.id, kind = %row.kind, "email sent"),
        (Err(_), Status::Queued) => {
            tracing::warn!(outbox_id = row.id, kind = %row.kind, attempts, "email delivery failed, will retry")
        }
        _ => {
            tracing::error!(outbox_id = row.id, kind = %row.kind, attempts, "email delivery failed for good")
        }
    }
    Ok(status)
}

async fn send(mailer: &Mailer, row: &outbox::Model) -> Result<(), Failure> {
    let Some(transport) = &mailer.transport else {
        return Err(Failure::Transient("no SMTP transport (dev mode)".into()));
    };
    let message = message::build(row, &mailer.from).map_err(Failure::Permanent)?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| classify(&e))
}

/// Sends every row due at `now` once (in batches), as `owner`. Safe to run from several
/// instances at once.
pub async fn dispatch_due(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<Report, DbErr> {
    let mut report = Report::default();
    if mailer.captures() {
        return Ok(report);
    }
    loop {
        let candidates = outbox::Entity::find()
            .filter(due(now))
            .order_by_asc(outbox::Column::NextAttemptAt)
            .order_by_asc(outbox::Column::Id)
            .limit(BATCH)
            .all(&db.conn)
            .await?;
        if candidates.is_empty() {
            break;
        }
        let mut mine = Vec::with_capacity(candidates.len());
        for row in candidates {
            if claim(db, row.id, owner, now).await? {
                mine.push(row);
            }
        }
        if mine.is_empty() {
            // Another instance took them all; it will send them.
            break;
        }
        // Owned values in each future keep it 'static, so that this runs inside tokio::spawn.
        let outcomes: Vec<Result<Status, DbErr>> = stream::iter(mine)
            .map(|row| {
                let (db, mailer, owner) = (db.clone(), mailer.clone(), owner.to_owned());
                async move {
                    let outcome = send(&mailer, &row).await;
                    settle(&db, &row, &owner, outcome, mailer.max_attempts, now).await
                }
            })
            .buffer_unordered(mailer.in_flight.max(1))
            .collect()
            .await;
        for outcome in outcomes {
            match outcome? {
                Status::Sent => report.sent += 1,
                Status::Queued => report.retried += 1,
                _ => report.failed += 1,
            }
        }
        // Rows that failed transiently are not due again before their backoff: the loop ends.
    }
    report.next_due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(Status::Queued.as_str()))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .one(&db.conn)
        .await?
        .map(|r| r.next_attempt_at);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(20), Duration::seconds(3600));
    }
}
