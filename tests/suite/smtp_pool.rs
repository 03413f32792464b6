//! The dispatcher's own SMTP connections (`mail::smtp_pool`): kept open and used again from
//! one email to the next, also after a pause long enough to be checked with `NOOP` first, over
//! STARTTLS with AUTH, against a real SMTP server over TCP.
use crate::common;

use std::time::Duration;

use chrono::Utc;
use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp};
use covoit::mail::{Mailer, dispatcher};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_connections_carry_every_email_and_are_used_again_after_a_pause() {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    // No background dispatch (jobs off): this test alone sends, through the app's mailer.
    let app = TestApp::start_with(Backend::Sqlite, move |f| {
        smtp_figment(f, port, &ca)
            .merge(("jobs_interval_secs", 0))
            .merge(("smtp_connections", 2))
    })
    .await;
    let mailer = app.client.rocket().state::<Mailer>().unwrap().clone();

    app.queue_plain_emails(0..30, Utc::now()).await;
    let report = dispatcher::dispatch_due(&app.db, &mailer, "instance-a", Utc::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 30, "{report:?}");
    let received = server.wait_for(30, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 30);
    let mut subjects: Vec<String> = received
        .iter()
        .map(|r| {
            let m = mail_parser::MessageParser::default()
                .parse(&r.data)
                .unwrap();
            m.subject().unwrap().to_owned()
        })
        .collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 30, "each email once");
    // A STARTTLS session greets twice (EHLO before and after TLS): 30 emails went over at most
    // the two connections allowed, not one connection each.
    let greetings = server.greetings();
    assert!(
        (2..=4).contains(&greetings),
        "{greetings} greetings for 30 emails on 2 connections"
    );

    // After a pause longer than the pool trusts an idle connection unchecked (2 s), the
    // connections are checked with NOOP and used again.
    tokio::time::sleep(Duration::from_millis(2300)).await;
    app.queue_plain_emails(30..36, Utc::now()).await;
    let report = dispatcher::dispatch_due(&app.db, &mailer, "instance-a", Utc::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 6, "{report:?}");
    assert_eq!(server.wait_for(36, Duration::from_secs(10)).await.len(), 36);
    assert_eq!(
        server.greetings(),
        greetings,
        "the open connections carried the later emails"
    );
}
