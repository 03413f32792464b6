//! Sending the outbox. A row is leased (claimed by a conditional update) only when a
//! connection is free to send it, and its lease is renewed while the send lasts, so that several
//! instances never send one row twice however slow the relay; a row whose sender died is claimed
//! again once its lease runs out. Transient failures retry with exponential backoff, permanent
//! ones fail.
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use futures::FutureExt;
use futures::future::BoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use lettre::address::Envelope;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Statement,
};
use tokio::task::JoinError;

use super::transport::Failure;
use super::{Mailer, bounce, message};
use crate::db::Db;
use crate::domain::EmailStatus as Status;
use crate::entities::{email_suppression, outbox};

/// How long a claimed row is reserved for the instance sending it, by default
/// (`mail_lease_secs`); renewed every third of it while the send lasts.
pub const LEASE: Duration = Duration::seconds(120);

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
    /// Not sent: their address hard-bounced lately.
    pub suppressed: u64,
    /// Refused at send time because the address does not work (a hard bounce to record).
    pub refused: Vec<Refused>,
    /// When the next queued row becomes due (for the background task's sleep).
    pub next_due: Option<DateTime<Utc>>,
}

/// An email the relay refused because its address does not work.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub row: outbox::Model,
    /// `5.1.1`, or the SMTP code.
    pub status: String,
    pub answer: String,
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
                .add(outbox::Column::Status.eq(Status::Queued))
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(outbox::Column::Status.eq(Status::Sending))
                .add(outbox::Column::LeaseUntil.lt(now)),
        )
}

/// The dispatcher's clock: the `now` it was given (tests move it), advancing in real time, so
/// that leases taken late in a long dispatch are measured from when they are taken.
#[derive(Clone, Copy)]
struct Clock {
    start: DateTime<Utc>,
    at: Instant,
}

impl Clock {
    fn now(&self) -> DateTime<Utc> {
        self.start + Duration::from_std(self.at.elapsed()).unwrap_or_else(|_| Duration::zero())
    }
}

/// Claims up to `n` due rows for `owner` in one statement and returns them. On PostgreSQL the
/// rows another instance is claiming at that moment are skipped (`FOR UPDATE SKIP LOCKED`);
/// SQLite runs one write at a time. Either way the update re-checks that each row is still due,
/// so a row is claimed by one instance only.
async fn claim(
    db: &Db,
    n: usize,
    owner: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    if db.conn.get_database_backend() == DbBackend::Postgres {
        return claim_on_postgres(db, n, owner, lease, now).await;
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
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(Status::Sending))
        .col_expr(outbox::Column::LeaseOwner, Expr::value(owner))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(now + lease))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.in_subquery(pick))
        .filter(due(now))
        .exec_with_returning(&db.conn)
        .await
}

/// PostgreSQL: the rows are picked in a `WITH` (run once). Picked in an `IN (…)` subquery
/// instead, they may be picked again when the update meets a row another instance just
/// claimed (its re-check runs the subquery anew), and one claim can then take every due row.
async fn claim_on_postgres(
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
async fn renew(
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
async fn settle(
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
async fn settle_sent(
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

/// Which of these addresses (lower case) are not to be mailed at `now`.
pub async fn suppressed_among(
    conn: &impl sea_orm::ConnectionTrait,
    keys: Vec<String>,
    now: DateTime<Utc>,
) -> Result<HashSet<String>, DbErr> {
    if keys.is_empty() {
        return Ok(HashSet::new());
    }
    let found: Vec<String> = email_suppression::Entity::find()
        .select_only()
        .column(email_suppression::Column::EmailKey)
        .filter(email_suppression::Column::EmailKey.is_in(keys))
        .filter(email_suppression::Column::Until.gt(now))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(found.into_iter().collect())
}

/// Sets a claimed row aside, unsent: its address hard-bounced lately.
async fn set_aside(
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

async fn send(mailer: &Mailer, row: &outbox::Model) -> Result<(), Failure> {
    let Some(transport) = &mailer.transport else {
        return Err(Failure::Transient("no SMTP transport (dev mode)".into()));
    };
    let mut message = message::build(row, &mailer.from).map_err(Failure::Permanent)?;
    if let Some(dkim) = &mailer.dkim {
        message.sign(dkim);
    }
    // Bounces come back to a return address that names this row (VERP), when configured.
    let envelope = match &mailer.verp {
        Some(verp) => {
            let from = verp
                .address(row.id)
                .parse()
                .map_err(|e| Failure::Permanent(format!("bounce_address: {e}")))?;
            Envelope::new(Some(from), message.envelope().to().to_vec())
                .map_err(|e| Failure::Permanent(e.to_string()))?
        }
        None => message.envelope().clone(),
    };
    transport.send_raw(&envelope, &message.formatted()).await
}

/// Sends every row due at `now` once (in rounds), as `owner`. Safe to run from several
/// instances at once: each row is claimed only when one of this instance's connections is free
/// to send it, and its lease is renewed until the send ends.
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
    let clock = Clock {
        start: now,
        at: Instant::now(),
    };
    let lease = mailer.lease;
    let sending: Arc<Mutex<HashSet<i64>>> = Arc::default();
    // Renews the leases of rows being sent, every third of a lease, until the dispatch ends.
    let renewer = {
        let (db, owner, sending) = (db.clone(), owner.to_owned(), sending.clone());
        let every = (lease / 3)
            .to_std()
            .unwrap_or(std::time::Duration::from_secs(1))
            .max(std::time::Duration::from_millis(100));
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let ids: Vec<i64> = sending
                    .lock()
                    .map(|s| s.iter().copied().collect())
                    .unwrap_or_default();
                if let Err(e) = renew(&db, ids, &owner, lease, clock.now()).await {
                    tracing::warn!(error = %crate::metrics::redact(&e.to_string()), "lease renewal failed");
                }
            }
        })
    };
    let result = dispatch_rounds(db, mailer, owner, clock, &sending, &mut report).await;
    renewer.abort();
    result?;
    report.next_due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(Status::Queued))
        .order_by_asc(outbox::Column::NextAttemptAt)
        .one(&db.conn)
        .await?
        .map(|r| r.next_attempt_at);
    Ok(report)
}

/// A send in progress on its own task: its row, and the outcome once done.
type Running = FuturesUnordered<BoxFuture<'static, (i64, Result<SendDone, JoinError>)>>;
type SendDone = (outbox::Model, Result<(), Failure>);

/// Keeps every connection busy: claims as many due rows as there are free connections (in one
/// statement, once a quarter of them are free), sends each on its own task, and records the
/// finished sends together. Ends when nothing due is left to claim and every send is recorded;
/// rows that failed transiently are not due again before their backoff.
async fn dispatch_rounds(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    sending: &Arc<Mutex<HashSet<i64>>>,
    report: &mut Report,
) -> Result<(), DbErr> {
    let slots = mailer.in_flight.max(1);
    let refill = (slots / 4).max(1);
    let mut running: Running = FuturesUnordered::new();
    let mut exhausted = false;
    let mut error = None;
    loop {
        // A claim may return more rows than asked on PostgreSQL, when another instance's claim
        // makes it re-check its choice: they are all sent, on connections as they free up.
        let free = slots.saturating_sub(running.len());
        if !exhausted && free > 0 && (free >= refill || running.is_empty()) {
            match claim_and_start(
                db,
                mailer,
                owner,
                clock,
                sending,
                free,
                &mut running,
                report,
            )
            .await
            {
                Ok(claimed) => exhausted = claimed < free,
                Err(e) => {
                    // Stop claiming, but record what is being sent before answering.
                    exhausted = true;
                    error.get_or_insert(e);
                }
            }
        }
        let Some(first) = running.next().await else {
            break;
        };
        let mut done = vec![first];
        while let Some(Some(next)) = running.next().now_or_never() {
            done.push(next);
        }
        if let Err(e) = record(db, mailer, owner, clock, sending, done, report).await {
            exhausted = true;
            error.get_or_insert(e);
        }
    }
    error.map_or(Ok(()), Err)
}

/// Claims up to `free` rows, sets aside those whose address bounces, and starts sending the
/// others. Returns how many it claimed.
#[expect(
    clippy::too_many_arguments,
    reason = "the dispatch loop's state, passed down once"
)]
async fn claim_and_start(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    sending: &Arc<Mutex<HashSet<i64>>>,
    free: usize,
    running: &mut Running,
    report: &mut Report,
) -> Result<usize, DbErr> {
    let rows = claim(db, free, owner, mailer.lease, clock.now()).await?;
    let claimed = rows.len();
    // One query tells which addresses hard-bounced lately: those rows are set aside unsent.
    let keys: Vec<String> = rows
        .iter()
        .filter_map(|r| r.recipient_key.clone())
        .collect();
    let suppressed = suppressed_among(&db.conn, keys, clock.now()).await?;
    for row in rows {
        if row
            .recipient_key
            .as_ref()
            .is_some_and(|k| suppressed.contains(k))
        {
            set_aside(db, &row, owner, clock.now()).await?;
            report.suppressed += 1;
            continue;
        }
        if let Ok(mut s) = sending.lock() {
            s.insert(row.id);
        }
        let (id, mailer) = (row.id, mailer.clone());
        let task = tokio::spawn(async move {
            let outcome = send(&mailer, &row).await;
            (row, outcome)
        });
        running.push(async move { (id, task.await) }.boxed());
    }
    Ok(claimed)
}

/// Records finished sends: the sent ones in one statement, the others one by one.
async fn record(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    sending: &Arc<Mutex<HashSet<i64>>>,
    done: Vec<(i64, Result<SendDone, JoinError>)>,
    report: &mut Report,
) -> Result<(), DbErr> {
    let mut sent = Vec::new();
    let mut result = Ok(());
    for (id, finished) in &done {
        let (row, outcome) = match finished {
            Ok((row, Ok(()))) => {
                sent.push(row.clone());
                continue;
            }
            Ok((row, outcome)) => (row, outcome.clone()),
            Err(e) => {
                // The send's task died: its lease runs out and the row is tried again.
                tracing::error!(outbox_id = id, error = %e, "email send task failed");
                continue;
            }
        };
        let refused = match &outcome {
            Err(Failure::Permanent(answer)) => bounce::hard_refusal(answer).map(|status| Refused {
                row: row.clone(),
                status,
                answer: answer.clone(),
            }),
            _ => None,
        };
        match settle(db, row, owner, outcome, mailer.max_attempts, clock.now()).await {
            Ok(Status::Queued) => report.retried += 1,
            Ok(_) => {
                report.failed += 1;
                report.refused.extend(refused);
            }
            Err(e) => result = Err(e),
        }
    }
    let settled = settle_sent(db, &sent, owner, clock.now()).await;
    if settled.is_ok() {
        report.sent += sent.len() as u64;
    }
    if let Ok(mut s) = sending.lock() {
        for (id, _) in &done {
            s.remove(id);
        }
    }
    settled.and(result)
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
