//! `covoit sweep`: background steps run once, for operators who prefer cron.
use std::process::ExitCode;

use super::{load_config, open_db};
use crate::Step;

pub(crate) async fn sweep(step: Step) -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (emails, mailer) = match covoit::mail::from_config(&config) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("invalid configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let db = match open_db(&config, true).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let owner = covoit::jobs::instance_id();
    let step = match step {
        Step::Expire => covoit::jobs::Step::Expire,
        Step::Nudges => covoit::jobs::Step::Nudges,
        Step::Reminders => covoit::jobs::Step::Reminders,
        Step::Waiting => covoit::jobs::Step::Waiting,
        Step::Digests => covoit::jobs::Step::Digests,
        Step::Bounces => covoit::jobs::Step::Bounces,
        Step::Outbox => covoit::jobs::Step::Outbox,
        Step::Geocache => covoit::jobs::Step::Geocache,
        Step::Purge => covoit::jobs::Step::Purge,
        Step::All => covoit::jobs::Step::All,
    };
    let r = covoit::jobs::run(&db, &emails, &mailer, &owner, step, chrono::Utc::now()).await;
    use covoit::jobs::Step as S;
    if matches!(step, S::Expire | S::All) {
        println!("expire: {} request(s) expired", r.expired);
    }
    if matches!(step, S::Nudges | S::All) {
        println!("nudges: {} driver(s) nudged", r.nudged);
    }
    if matches!(step, S::Reminders | S::All) {
        println!("reminders: {} ride(s) reminded", r.reminded);
    }
    if matches!(step, S::Waiting | S::All) {
        println!(
            "waiting: {} ride(s) asked \"still going?\", {} need(s) ended",
            r.asked, r.lapsed
        );
    }
    if matches!(step, S::Digests | S::All) {
        println!("digests: {} organiser email(s) queued", r.digests);
    }
    if matches!(step, S::Bounces | S::All) {
        if mailer.imap.is_none() {
            println!("bounces: no bounce mailbox is read (imap_host is not set)");
        } else {
            println!(
                "bounces: {} hard, {} soft recorded",
                r.bounces_hard, r.bounces_soft
            );
        }
    }
    if matches!(step, S::Geocache | S::All) {
        println!("geocache: {} expired answer(s) deleted", r.geocache_deleted);
    }
    if matches!(step, S::Purge | S::All) {
        println!(
            "purge: personal data of {} event(s) erased ({} email(s))",
            r.purged, r.purged_emails
        );
    }
    if matches!(step, S::Outbox | S::All) {
        if mailer.captures() {
            println!("outbox: dev mode (no smtp_host): emails are captured, nothing to send");
        } else {
            println!(
                "outbox: {} sent, {} to retry, {} failed, {} not sent (address bounces)",
                r.sent, r.retried, r.failed, r.suppressed
            );
        }
    }
    for error in &r.errors {
        eprintln!("{error}");
    }
    let ok = r.errors.is_empty();
    db.conn.close().await.ok();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
