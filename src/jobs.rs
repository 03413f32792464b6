//! Background work: one task started at liftoff that runs the steps every
//! `jobs_interval_secs`, and sends the outbox at once when a commit queued email. It stops on
//! shutdown. `jobs_interval_secs = 0` starts no task (operators then use `covoit sweep`).
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rocket::fairing::AdHoc;
use rocket::{Orbit, Rocket};
use tokio::sync::{Mutex, watch};

use crate::config::Config;
use crate::db::Db;
use crate::mail::{Emails, Mailer, dispatcher};
use crate::metrics::Metrics;
use crate::services::{bounces, digest, instances, needs, purge, still, sweeps};

/// How often a failing database is probed for writes.
const PROBE_EVERY: Duration = Duration::from_secs(5);

/// What the background task is doing, for health checks, tests and shutdown.
#[derive(Clone)]
pub struct JobsStatus {
    running: Arc<watch::Sender<bool>>,
    last_tick: Arc<Mutex<Option<DateTime<Utc>>>>,
}

impl Default for JobsStatus {
    fn default() -> JobsStatus {
        JobsStatus {
            running: Arc::new(watch::Sender::new(false)),
            last_tick: Arc::default(),
        }
    }
}

impl JobsStatus {
    pub fn running(&self) -> bool {
        *self.running.borrow()
    }

    /// Resolves once the task is not running (at once if it never started), so that a
    /// shutdown lets a tick in progress finish its work.
    pub async fn stopped(&self) {
        let mut running = self.running.subscribe();
        // An error means the sender is gone, and with it the task.
        running.wait_for(|running| !running).await.ok();
    }

    pub async fn last_tick(&self) -> Option<DateTime<Utc>> {
        *self.last_tick.lock().await
    }
}

/// Which steps to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Expire,
    Nudges,
    Reminders,
    /// "Still going?" before departure, and needs lapsing at their event's start.
    Waiting,
    /// The organisers' daily digests and day-before headcounts.
    Digests,
    /// The bounce mailbox, read and recorded.
    Bounces,
    Outbox,
    /// The HTTP geocoder's expired answers, deleted.
    Geocache,
    /// Personal data of events ended `retention_days` ago (or deleted) erased.
    Purge,
    All,
}

/// What one run of the steps did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub expired: u64,
    pub nudged: u64,
    pub reminded: u64,
    /// Rides asked "still going?".
    pub asked: u64,
    /// Needs that lapsed.
    pub lapsed: u64,
    /// Organisers' digests and headcounts queued.
    pub digests: u64,
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
    /// Emails not sent because their address hard-bounced lately.
    pub suppressed: u64,
    /// Hard and soft bounces recorded (from the mailbox and from refusals at send time).
    pub bounces_hard: u64,
    pub bounces_soft: u64,
    /// Expired geocoder answers deleted.
    pub geocache_deleted: u64,
    /// Events whose personal data was erased, and how many emails of theirs.
    pub purged: u64,
    pub purged_emails: u64,
    pub next_due: Option<DateTime<Utc>>,
    /// Steps that failed (logged; the next run tries again).
    pub errors: Vec<String>,
}

/// A name for this instance's leases, unique per process start.
pub fn instance_id() -> String {
    format!(
        "{}-{}-{:08x}",
        hostname(),
        std::process::id(),
        rand::random::<u32>()
    )
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().chars().take(32).collect())
        .unwrap_or_else(|_| "host".into())
}

/// Runs the chosen steps once at `now`. A failing step is logged and the others still run.
pub async fn run(
    db: &Db,
    emails: &Emails,
    mailer: &Mailer,
    owner: &str,
    step: Step,
    now: DateTime<Utc>,
) -> Report {
    let mut report = Report::default();
    let all = step == Step::All;
    if all || step == Step::Expire {
        match sweeps::expire_due(db, emails, now).await {
            Ok(n) => report.expired = n,
            Err(e) => report.errors.push(format!("expire: {e}")),
        }
    }
    if all || step == Step::Nudges {
        match sweeps::nudge_due(db, emails, now).await {
            Ok(n) => report.nudged = n,
            Err(e) => report.errors.push(format!("nudges: {e}")),
        }
    }
    if all || step == Step::Reminders {
        match sweeps::remind_due(db, emails, now).await {
            Ok(n) => report.reminded = n,
            Err(e) => report.errors.push(format!("reminders: {e}")),
        }
    }
    if all || step == Step::Waiting {
        if let Some(ahead) = emails.still_going {
            match still::ask_due(db, emails, ahead, now).await {
                Ok(n) => report.asked = n,
                Err(e) => report.errors.push(format!("still going: {e}")),
            }
        }
        match needs::lapse_due(db, now).await {
            Ok(n) => report.lapsed = n,
            Err(e) => report.errors.push(format!("needs: {e}")),
        }
    }
    if all || step == Step::Digests {
        match digest::send_due(db, emails, now).await {
            Ok(n) => report.digests = n,
            Err(e) => report.errors.push(format!("digests: {e}")),
        }
    }
    if all || step == Step::Bounces {
        // Before the outbox: an address that bounced is not mailed again in this same tick.
        match bounces::read_mailbox(db, emails, mailer, now).await {
            Ok(r) => {
                report.bounces_hard += r.hard;
                report.bounces_soft += r.soft;
            }
            Err(e) => report.errors.push(format!("bounces: {e}")),
        }
    }
    if all || step == Step::Geocache {
        match crate::services::places::sweep_cache(db, now).await {
            Ok(n) => report.geocache_deleted = n,
            Err(e) => report.errors.push(format!("geocache: {e}")),
        }
    }
    if all || step == Step::Purge {
        match purge::purge_due(db, emails.urls.retention_days(), now).await {
            Ok(p) => {
                report.purged = p.events;
                report.purged_emails = p.emails;
            }
            Err(e) => report.errors.push(format!("purge: {e}")),
        }
    }
    if all || step == Step::Outbox {
        match dispatcher::dispatch_due(db, mailer, owner, now).await {
            Ok(r) => {
                report.sent = r.sent;
                report.retried = r.retried;
                report.failed = r.failed;
                report.suppressed = r.suppressed;
                report.next_due = r.next_due;
                for refused in r.refused {
                    let recorded =
                        bounces::record_refusal(db, emails, &refused, mailer.suppress_days, now)
                            .await;
                    match recorded {
                        Ok(bounces::Recorded::New { .. }) => report.bounces_hard += 1,
                        Ok(_) => {}
                        Err(e) => report.errors.push(format!("bounces: {e}")),
                    }
                }
            }
            Err(e) => report.errors.push(format!("outbox: {e}")),
        }
    }
    for error in &report.errors {
        tracing::error!(%error, "background step failed; the next run tries again");
    }
    report
}

pub fn fairing() -> AdHoc {
    AdHoc::on_liftoff("covoit background task", |rocket| Box::pin(start(rocket)))
}

async fn start(rocket: &Rocket<Orbit>) {
    let (Some(config), Some(db), Some(emails), Some(mailer), Some(status), Some(metrics)) = (
        rocket.state::<Config>(),
        rocket.state::<Db>(),
        rocket.state::<Emails>(),
        rocket.state::<Mailer>(),
        rocket.state::<JobsStatus>(),
        rocket.state::<Metrics>(),
    ) else {
        return;
    };
    if config.jobs_interval_secs == 0 {
        tracing::info!("jobs_interval_secs = 0: no background task (use `covoit sweep`)");
        return;
    }
    let interval = Duration::from_secs(config.jobs_interval_secs);
    let (db, emails, mailer, status, metrics) = (
        db.clone(),
        emails.clone(),
        mailer.clone(),
        status.clone(),
        metrics.clone(),
    );
    let mut shutdown = rocket.shutdown();
    let owner = instance_id();
    status.running.send_replace(true);
    let started_at = Utc::now();
    tokio::spawn(async move {
        let wake = mailer.wake_handle();
        // The first tick runs at once: work that came due while the app was down. Wake-ups
        // (a commit queued email) and retries only send the outbox and never delay the tick.
        let mut next_tick = tokio::time::Instant::now();
        let mut next_retry: Option<tokio::time::Instant> = None;
        loop {
            let mut deadline = next_retry.map_or(next_tick, |r| r.min(next_tick));
            if db.write_health().failing().is_some() {
                // Writes are failing (a full disk, say): probe every few seconds so that the
                // health check turns green as soon as they work again.
                deadline = deadline.min(tokio::time::Instant::now() + PROBE_EVERY);
            }
            tokio::select! {
                _ = &mut shutdown => break,
                _ = wake.notified() => {}
                _ = tokio::time::sleep_until(deadline) => {}
            }
            let now = Utc::now();
            let full = tokio::time::Instant::now() >= next_tick;
            if (full || db.write_health().failing().is_some())
                && let Err(e) = instances::heartbeat(&db, &owner, started_at, now).await
            {
                let error = crate::metrics::redact(&e.to_string());
                tracing::warn!(%error, "heartbeat write failed");
            }
            let started = std::time::Instant::now();
            let step = if full { Step::All } else { Step::Outbox };
            let report = run(&db, &emails, &mailer, &owner, step, now).await;
            // Transitions were counted as their transactions committed; emails are counted
            // here, from what the sender and the bounce reader report.
            use crate::metrics::EmailOutcome::*;
            for (outcome, n) in [
                (Sent, report.sent),
                (Retried, report.retried),
                (Failed, report.failed),
                (Suppressed, report.suppressed),
                (BouncedHard, report.bounces_hard),
                (BouncedSoft, report.bounces_soft),
            ] {
                metrics.emails(outcome, n);
            }
            if full {
                metrics.tick(started.elapsed());
                *status.last_tick.lock().await = Some(now);
                next_tick = tokio::time::Instant::now() + interval;
            }
            next_retry = report.next_due.map(|due| {
                let wait = (due - Utc::now()).to_std().unwrap_or(Duration::ZERO);
                tokio::time::Instant::now() + wait.max(Duration::from_millis(200))
            });
        }
        status.running.send_replace(false);
        tracing::info!("background task stopped");
    });
}
