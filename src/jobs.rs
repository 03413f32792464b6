//! Background work: one task started at liftoff that runs the steps every
//! `jobs_interval_secs`, and sends the outbox at once when a commit queued email. It stops on
//! shutdown. `jobs_interval_secs = 0` starts no task (operators then use `covoit sweep`).
use std::time::Duration;

use chrono::Utc;
use rocket::fairing::AdHoc;
use rocket::{Orbit, Rocket};

use crate::config::Config;
use crate::db::Db;
use crate::mail::{Mailer, dispatcher};

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

pub fn fairing() -> AdHoc {
    AdHoc::on_liftoff("covoit background task", |rocket| Box::pin(start(rocket)))
}

async fn start(rocket: &Rocket<Orbit>) {
    let (Some(config), Some(db), Some(mailer)) = (
        rocket.state::<Config>(),
        rocket.state::<Db>(),
        rocket.state::<Mailer>(),
    ) else {
        return;
    };
    if config.jobs_interval_secs == 0 {
        tracing::info!("jobs_interval_secs = 0: no background task (use `covoit sweep`)");
        return;
    }
    let interval = Duration::from_secs(config.jobs_interval_secs);
    let db = db.clone();
    let mailer = mailer.clone();
    let mut shutdown = rocket.shutdown();
    let owner = instance_id();
    tokio::spawn(async move {
        let wake = mailer.wake_handle();
        let mut sleep_for = Duration::ZERO;
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                _ = wake.notified() => {}
                _ = tokio::time::sleep(sleep_for) => {}
            }
            sleep_for = interval;
            match dispatcher::dispatch_due(&db, &mailer, &owner, Utc::now()).await {
                Ok(report) => {
                    if let Some(next) = report.next_due {
                        let until = (next - Utc::now()).to_std().unwrap_or(Duration::ZERO);
                        sleep_for = sleep_for.min(until.max(Duration::from_millis(200)));
                    }
                }
                Err(e) => tracing::error!(error = %e, "outbox dispatch failed; retrying next tick"),
            }
        }
        tracing::info!("background task stopped");
    });
}
