//! Sending the outbox. Due rows are leased (claimed by one conditional update per chunk of as
//! many rows as there are connections) only when a connection is free to start sending them,
//! and their leases are renewed while they wait and while the send lasts, so that several
//! instances never send one row twice however slow the relay; a row whose sender died is
//! claimed again once its lease runs out. Transient failures retry with exponential backoff,
//! permanent ones fail.
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use futures::stream::{self, StreamExt};
use lettre::address::Envelope;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::transport::Failure;
use super::{Mailer, bounce, draft, message};
use crate::db::Db;
use crate::domain::EmailStatus as Status;
use crate::entities::{email_suppression, outbox};

mod lease;

pub use lease::claim_update;
use lease::{claim, due, renew, set_aside, settle};

/// How long a claimed row is reserved for the instance sending it, by default
/// (`mail_lease_secs`); renewed every third of it while the send lasts.
pub const LEASE: Duration = Duration::seconds(120);
/// Due rows looked at per round (only those a free connection can send are claimed).
const BATCH: u64 = 200;

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

/// What became of one claimed row.
enum Outcome {
    Settled(Status, Option<Box<Refused>>),
    Suppressed,
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

/// A claimed row and what to do with it.
struct Job {
    row: outbox::Model,
    /// Its address hard-bounced lately: set aside unsent.
    suppressed: bool,
    /// A draft's text, written for this send (or why it could not be).
    written: Option<Result<super::outbox::Outgoing, draft::Unwritten>>,
}

/// Claims the rows of `chunk` still due, in one statement, and writes the drafts among them
/// (their records read once for the whole chunk).
async fn claim_chunk(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    chunk: Vec<i64>,
    suppressed: &HashSet<i64>,
    sending: &Mutex<HashSet<i64>>,
) -> Result<Vec<Job>, DbErr> {
    let rows = claim(db, chunk, owner, mailer.lease, clock.now()).await?;
    if let Ok(mut s) = sending.lock() {
        s.extend(rows.iter().map(|r| r.id));
    }
    let drafts: Vec<(i64, &str)> = rows
        .iter()
        .filter(|r| !suppressed.contains(&r.id))
        .filter_map(|r| r.draft.as_deref().map(|d| (r.id, d)))
        .collect();
    let mut written = if drafts.is_empty() {
        Default::default()
    } else {
        draft::write_many(&db.conn, &mailer.compose, &drafts, clock.now()).await?
    };
    Ok(rows
        .into_iter()
        .map(|row| Job {
            suppressed: suppressed.contains(&row.id),
            written: written.remove(&row.id),
            row,
        })
        .collect())
}

/// Sends one claimed row (a draft written first) and records how it went.
async fn run(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    job: Job,
) -> Result<Outcome, DbErr> {
    let Job {
        row,
        suppressed,
        written,
    } = job;
    if suppressed {
        set_aside(db, &row, owner, clock.now()).await?;
        return Ok(Outcome::Suppressed);
    }
    let (row, was_written, outcome) = match written {
        None => {
            let outcome = send(mailer, &row).await;
            (row, false, outcome)
        }
        Some(Ok(email)) => {
            let row = draft::fill(row, email);
            let outcome = send(mailer, &row).await;
            (row, true, outcome)
        }
        Some(Err(draft::Unwritten::Gone)) => (
            row,
            false,
            Err(Failure::Permanent(
                "nothing to send: the records it was about are gone".into(),
            )),
        ),
        Some(Err(draft::Unwritten::Broken(e))) => (row, false, Err(Failure::Permanent(e))),
    };
    let refused = match &outcome {
        Err(Failure::Permanent(answer)) => bounce::hard_refusal(answer).map(|status| {
            Box::new(Refused {
                row: row.clone(),
                status,
                answer: answer.clone(),
            })
        }),
        _ => None,
    };
    let status = settle(
        db,
        &row,
        was_written,
        owner,
        outcome,
        mailer.max_attempts,
        clock.now(),
    )
    .await?;
    Ok(Outcome::Settled(status, refused))
}

/// Each round looks at up to `BATCH` due rows and claims them a connection's worth at a time
/// (one statement per `in_flight` rows), the next chunk only once a connection is free, so a
/// claimed row waits at most for one chunk of sends before its own.
async fn dispatch_rounds(
    db: &Db,
    mailer: &Mailer,
    owner: &str,
    clock: Clock,
    sending: &Arc<Mutex<HashSet<i64>>>,
    report: &mut Report,
) -> Result<(), DbErr> {
    let in_flight = mailer.in_flight.max(1);
    loop {
        let candidates: Vec<(i64, Option<String>)> = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::Id)
            .column(outbox::Column::RecipientKey)
            .filter(due(clock.now()))
            .order_by_asc(outbox::Column::NextAttemptAt)
            .order_by_asc(outbox::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if candidates.is_empty() {
            return Ok(());
        }
        // One query per round tells which addresses hard-bounced lately: those rows are
        // claimed and set aside unsent.
        let keys: Vec<String> = candidates.iter().filter_map(|(_, k)| k.clone()).collect();
        let bouncing = suppressed_among(&db.conn, keys, clock.now()).await?;
        let suppressed: Arc<HashSet<i64>> = Arc::new(
            candidates
                .iter()
                .filter(|(_, k)| k.as_ref().is_some_and(|k| bouncing.contains(k)))
                .map(|(id, _)| *id)
                .collect(),
        );
        let chunks: Vec<Vec<i64>> = candidates
            .chunks(in_flight)
            .map(|c| c.iter().map(|(id, _)| *id).collect())
            .collect();
        // Owned values in each future keep it 'static, so that this runs inside tokio::spawn.
        let outcomes: Vec<Result<Outcome, DbErr>> = stream::iter(chunks)
            .then(|chunk| {
                let (db, mailer, owner) = (db.clone(), mailer.clone(), owner.to_owned());
                let (sending, suppressed) = (sending.clone(), suppressed.clone());
                async move {
                    claim_chunk(&db, &mailer, &owner, clock, chunk, &suppressed, &sending).await
                }
            })
            .flat_map(|claimed| match claimed {
                Ok(jobs) => stream::iter(jobs.into_iter().map(Ok).collect::<Vec<_>>()),
                Err(e) => stream::iter(vec![Err(e)]),
            })
            .map(|job| {
                let (db, mailer, owner) = (db.clone(), mailer.clone(), owner.to_owned());
                let sending = sending.clone();
                async move {
                    let job = job?;
                    let id = job.row.id;
                    let outcome = run(&db, &mailer, &owner, clock, job).await;
                    if let Ok(mut s) = sending.lock() {
                        s.remove(&id);
                    }
                    outcome
                }
            })
            .buffer_unordered(in_flight)
            .collect()
            .await;
        let mut claimed = 0;
        for outcome in outcomes {
            claimed += 1;
            match outcome? {
                Outcome::Suppressed => report.suppressed += 1,
                Outcome::Settled(Status::Sent, _) => report.sent += 1,
                Outcome::Settled(Status::Queued, _) => report.retried += 1,
                Outcome::Settled(_, refused) => {
                    report.failed += 1;
                    report.refused.extend(refused.map(|r| *r));
                }
            }
        }
        if claimed == 0 {
            // Others hold every due row: they send them.
            return Ok(());
        }
        // Rows that failed transiently are not due again before their backoff: the loop ends.
    }
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
