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
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tokio::task::JoinError;

use super::lease::{claim, renew, set_aside, settle, settle_sent};
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
