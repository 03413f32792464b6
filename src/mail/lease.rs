//! The statements of an outbox row's lease: claim due rows for one instance (one statement for
//! many rows), renew the leases of the rows being sent, and record each outcome only while the
//! instance still holds the lease, so that no row is sent by two instances.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Statement,
};

use super::dispatcher::backoff;
use super::transport::Failure;
use crate::db::Db;
use crate::domain::EmailStatus as Status;
use crate::entities::outbox;

pub(super) fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Queued))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Sending))
                .add(outbox::Column::LeaseUntil.lt(now)),
        )
}

/// Claims up to `n` due rows for `owner` in one statement and returns them. On PostgreSQL the
/// rows another instance is claiming at that moment are skipped (`FOR UPDATE SKIP LOCKED`);
/// SQLite runs one write at a time. Either way the update re-checks that each row is still due,
/// so a row is claimed by one instance only.
pub(super) async fn claim(
    db: &Db,
    n: usize,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    match db.conn.get_database_backend() {
        DbBackend::Postgres => return claim_on_postgres(db, n, owner, lease, now).await,
        DbBackend::MySql => return claim_on_mysql(db, n, owner, lease, now).await,
        _ => {}
    }
    let pick = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(due(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(n as u64)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    claimed(owner, lease, now)
        .filter(outbox::Column::Id.in_subquery(pick))
        .filter(due(now))
        .exec_with_returning(&db.conn)
        .await
}

/// MySQL / MariaDB (no `UPDATE … RETURNING`, no `LIMIT` in an `IN` subquery): in one short
/// transaction, the due rows are picked and locked (`FOR UPDATE SKIP LOCKED`, so racing
/// instances take different rows), updated with the due condition re-checked, and read back.
async fn claim_on_mysql(
    db: &Db,
    n: usize,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    use sea_orm::TransactionTrait;
    let tx = db.conn.begin().await?;
    let ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(due(now))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .order_by_asc(outbox::Column::Id)
        .limit(n as u64)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_tuple()
        .all(&tx)
        .await?;
    if ids.is_empty() {
        tx.commit().await?;
        return Ok(Vec::new());
    }
    let update = claimed(owner, lease, now).filter(outbox::Column::Id.is_in(ids.clone()));
    update.filter(due(now)).exec(&tx).await?;
    // Rows locked by this transaction and due when locked: all of them are now ours.
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Id.is_in(ids))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .filter(outbox::Column::Status.eq(Status::Sending))
        .order_by_asc(outbox::Column::Id)
        .all(&tx)
        .await?;
    tx.commit().await?;
    Ok(rows)
}

/// The update that gives a row to `owner` for `lease`.
fn claimed(
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> sea_orm::UpdateMany<outbox::Entity> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
        .col_expr(outbox::Column::LeaseOwner, Expr::value(owner))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(now + lease))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
}

/// PostgreSQL: the rows are picked in a `WITH` (run once). Picked in an `IN (…)` subquery
/// instead, they may be picked again when the update meets a row another instance just
/// claimed (its re-check runs the subquery anew), and one claim can then take every due row.
pub(super) async fn claim_on_postgres(
    db: &Db,
    n: usize,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    const DUE: &str =
        "((status = $1 AND next_attempt_at <= $3) OR (status = $2 AND lease_until < $3))";
    let sql = format!(
        "WITH picked AS (SELECT id FROM outbox WHERE {DUE} \
         ORDER BY next_attempt_at, id LIMIT $6 FOR UPDATE SKIP LOCKED) \
         UPDATE outbox SET status = $2, lease_owner = $4, lease_until = $5, \
         attempts = attempts + 1, updated_at = $3 \
         FROM picked WHERE outbox.id = picked.id AND {DUE} RETURNING outbox.*"
    );
    let values: [sea_orm::Value; 6] = [
        Status::Queued.as_str().into(),
        Status::Sending.as_str().into(),
        now.into(),
        owner.into(),
        (now + lease).into(),
        (n as i64).into(),
    ];
    outbox::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .all(&db.conn)
        .await
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
        .filter(outbox::Column::Status.eq(Status::Sending))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(&db.conn)
        .await?;
    Ok(())
}

/// Records the outcome, only if this instance still holds the lease. `row` is the claimed row
/// (its `attempts` already counts this try).
pub(super) async fn settle(
    db: &Db,
    row: &outbox::Model,
    owner: &str,
    outcome: Result<(), Failure>,
    max_attempts: i32,
    now: DateTime<Utc>,
) -> Result<Status, DbErr> {
    let attempts = row.attempts;
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
        .filter(outbox::Column::Status.eq(Status::Sending))
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

/// Records that these rows were sent, in one statement (those whose lease this instance still
/// holds).
pub(super) async fn settle_sent(
    db: &Db,
    rows: &[outbox::Model],
    owner: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sent))
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox::Column::LeaseOwner,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .filter(outbox::Column::Status.eq(Status::Sending))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(&db.conn)
        .await?;
    for row in rows {
        tracing::info!(outbox_id = row.id, kind = %row.kind, "email sent");
    }
    Ok(())
}

/// Sets a claimed row aside, unsent: its address hard-bounced lately.
pub(super) async fn set_aside(
    db: &Db,
    row: &outbox::Model,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Suppressed))
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
        .exec(&db.conn)
        .await?;
    tracing::info!(outbox_id = row.id, kind = %row.kind, "email not sent: its address bounces");
    Ok(())
}
