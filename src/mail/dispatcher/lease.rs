//! The lease statements of the outbox: which rows are due, claiming them for an instance,
//! renewing the claim while they wait and are sent, and recording what became of each, only
//! while the instance still holds it.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, DbErr, EntityTrait, QueryFilter, TransactionTrait,
    UpdateMany,
};

use super::super::transport::Failure;
use super::{Status, backoff, draft};
use crate::db::Db;
use crate::db::portable::checked;
use crate::entities::outbox;

pub(super) fn due(now: DateTime<Utc>) -> Condition {
    due_by(Expr::col(outbox::Column::Status), now)
}

/// `due`, with the state read through `status` (the column, or the column only checked).
fn due_by(status: Expr, now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(status.clone().eq(Status::Queued.as_str()))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(status.eq(Status::Sending.as_str()))
                .add(outbox::Column::LeaseUntil.lt(now)),
        )
}

/// The claim of the rows `ids` still due for `owner`: its update and its condition (apart:
/// `update_returning` takes them so). The rows are found by their ids, the state only checked
/// on them (`portable::checked`). Public for the test of its plan.
pub fn claim_update(
    backend: DbBackend,
    ids: Vec<i64>,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> (UpdateMany<outbox::Entity>, Condition) {
    let update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
        .col_expr(outbox::Column::LeaseOwner, Expr::value(owner))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(now + lease))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now));
    let cond = Condition::all()
        .add(outbox::Column::Id.is_in(ids))
        .add(due_by(checked(backend, outbox::Column::Status), now));
    (update, cond)
}

/// Claims those of these rows still due for `owner`, in one statement, and returns them; the
/// rows another instance got first are not returned. On MySQL / MariaDB the claim is a short
/// transaction (the due rows locked, updated and read back); a claim that loses a deadlock
/// there claims nothing this time.
pub(super) async fn claim(
    db: &Db,
    ids: Vec<i64>,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    let backend = db.conn.get_database_backend();
    let (update, cond) = claim_update(backend, ids, owner, lease, now);
    if backend != DbBackend::MySql {
        return crate::db::portable::update_returning(&db.conn, update, cond).await;
    }
    let claimed = async {
        let tx = db.conn.begin().await?;
        let rows = crate::db::portable::update_returning(&tx, update, cond).await?;
        tx.commit().await?;
        Ok::<_, DbErr>(rows)
    };
    match claimed.await {
        Err(e) if crate::db::is_deadlock(&e) => Ok(Vec::new()),
        claimed => claimed,
    }
}

/// Extends the leases of the rows this instance is sending.
pub(super) async fn renew(
    db: &Db,
    ids: Vec<i64>,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LeaseUntil, Expr::value(now + lease))
        .filter(outbox::Column::Id.is_in(ids))
        .filter(
            checked(db.conn.get_database_backend(), outbox::Column::Status)
                .eq(Status::Sending.as_str()),
        )
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(&db.conn)
        .await?;
    Ok(())
}

/// Records the outcome, only if this instance still holds the lease. `row` is the claimed row
/// (its `attempts` already counts this try); when it was a draft written for this send
/// (`written`), its text is saved on it in the same statement.
pub(super) async fn settle(
    db: &Db,
    row: &outbox::Model,
    written: bool,
    owner: &str,
    outcome: Result<(), Failure>,
    max_attempts: i32,
    now: DateTime<Utc>,
) -> Result<Status, DbErr> {
    let attempts = row.attempts;
    let mut update = outbox::Entity::update_many();
    if written {
        update = draft::saved_text(update, row);
    }
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
    let_go(update, status, row, owner, now)
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

/// Sets a claimed row aside, unsent: its address hard-bounced lately.
pub(super) async fn set_aside(
    db: &Db,
    row: &outbox::Model,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let_go(
        outbox::Entity::update_many(),
        Status::Suppressed,
        row,
        owner,
        now,
    )
    .exec(&db.conn)
    .await?;
    tracing::info!(outbox_id = row.id, kind = %row.kind, "email not sent: its address bounces");
    Ok(())
}

/// A claimed row leaves `sending` for `status`: its lease let go, and only while this instance
/// (`owner`) still holds it.
fn let_go(
    update: UpdateMany<outbox::Entity>,
    status: Status,
    row: &outbox::Model,
    owner: &str,
    now: DateTime<Utc>,
) -> UpdateMany<outbox::Entity> {
    update
        .col_expr(outbox::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            outbox::Column::LeaseOwner,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.eq(Status::Sending))
        .filter(outbox::Column::LeaseOwner.eq(owner))
}
