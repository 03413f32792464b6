//! Email through real SMTP sessions over TCP (an SMTP server in the test process): delivery
//! with STARTTLS and AUTH, the server being down, permanent and transient refusals, two
//! dispatchers on one database, and the dev mailbox.
use crate::common;

use std::time::Duration;

use chrono::Utc;
use common::smtp::{Mode, SmtpServer, smtp_figment};
use common::{Backend, TestApp, base_figment};
use covoit::entities::outbox;
use covoit::mail::{Mailer, dispatcher};
use mail_parser::{MessageParser, MimeHeaders};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

on_both_backends!(
    delivered_over_starttls_with_auth,
    server_down_then_up_delivers_exactly_once
);

async fn app_with_smtp(
    backend: Backend,
    server: &SmtpServer,
    jobs_secs: u64,
    max_attempts: i32,
) -> TestApp {
    let (port, ca) = (server.port, server.ca_file.clone());
    TestApp::start_with(backend, move |f| {
        smtp_figment(f, port, &ca)
            .merge(("jobs_interval_secs", jobs_secs))
            .merge(("mail_max_attempts", max_attempts))
    })
    .await
}

fn mailer(app: &TestApp) -> Mailer {
    app.client.rocket().state::<Mailer>().unwrap().clone()
}

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find().all(&app.db.conn).await.unwrap()
}

/// Event, ride (with its ride back) and one booking: four emails.
async fn scenario(app: &TestApp) -> i64 {
    let (_, offer, _) = app.event_with_offer().await;
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap()),
            &json!({"passenger_name": "Zoé Dupré-Lefèvre", "passenger_email": "zoe@example.org",
                    "passenger_phone": "07 11 22 33 44", "seats": 2, "pickup": "Gare Part-Dieu",
                    "message": "J'ai un petit sac.", "locale": "en"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(body["email"]["status"], "queued");
    body["reservation"]["id"].as_i64().unwrap()
}

async fn delivered_over_starttls_with_auth(_unused: &TestApp) {
    let server = SmtpServer::start();
    // A one-hour tick: only the wake-up after the commit can send these in time.
    let app = app_with_smtp(_unused.backend, &server, 3600, 8).await;
    scenario(&app).await;
    let received = server.wait_for(4, Duration::from_secs(20)).await;
    assert_eq!(
        received.len(),
        4,
        "event, offer, request received, request sent"
    );
    // The SMTP greeting names the site (base_url's host), not the machine.
    assert!(
        received.iter().all(|r| r.helo == "covoit.test"),
        "{:?}",
        received[0].helo
    );

    let parsed: Vec<_> = received
        .iter()
        .map(|r| (r, MessageParser::default().parse(&r.data).unwrap()))
        .collect();
    let (raw, driver_mail) = parsed
        .iter()
        .find(|(r, m)| {
            // By its decoded subject: the raw bytes hold base64, where "Zo" can appear by chance.
            r.to.iter()
                .any(|t| t.contains("driver.secret@mail.example"))
                && m.subject().is_some_and(|s| s.contains("Zoé"))
        })
        .expect("the request email to the driver");
    // Headers.
    let header_block = String::from_utf8_lossy(&raw.data);
    let header_block = header_block.split("\r\n\r\n").next().unwrap();
    assert!(
        header_block.is_ascii(),
        "UTF-8 is encoded in headers: {header_block}"
    );
    assert!(
        header_block.contains("Auto-Submitted: auto-generated"),
        "{header_block}"
    );
    assert!(header_block.lines().any(|l| l.starts_with("Date: ")));
    assert!(
        driver_mail.message_id().unwrap().ends_with("@covoit.test"),
        "{:?}",
        driver_mail.message_id()
    );
    assert_eq!(
        driver_mail.subject().unwrap(),
        "Zoé Dupré-Lefèvre demande 2 places — Tournoi de printemps"
    );
    let reply_to = driver_mail.reply_to().unwrap().first().unwrap();
    assert_eq!(reply_to.address().unwrap(), "zoe@example.org");
    assert_eq!(reply_to.name().unwrap(), "Zoé Dupré-Lefèvre");
    assert_eq!(raw.from, "noreply@covoit.test");
    // multipart/alternative whose two parts say the same.
    let content_type = driver_mail.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("multipart", Some("alternative"))
    );
    let text = driver_mail.body_text(0).unwrap();
    let html = driver_mail.body_html(0).unwrap();
    for needle in [
        "Zoé Dupré-Lefèvre",
        "zoe@example.org",
        "07 11 22 33 44",
        "Gare Part-Dieu",
        "Villeurbanne",
    ] {
        assert!(text.contains(needle), "text lacks {needle}");
        assert!(html.contains(needle), "html lacks {needle}");
    }
    assert!(text.contains("J'ai un petit sac.") && html.contains("J&#39;ai un petit sac."));
    // The passenger asked in English: their email is in English, the driver's in French.
    let passenger_mail = parsed
        .iter()
        .find(|(r, _)| r.to.iter().any(|t| t == "zoe@example.org"))
        .map(|(_, m)| m)
        .unwrap();
    assert!(
        passenger_mail
            .subject()
            .unwrap()
            .starts_with("Request sent to Denise")
    );
    assert!(
        passenger_mail.reply_to().is_none(),
        "the driver's address is not given before acceptance"
    );
    assert!(
        !String::from_utf8_lossy(
            &parsed
                .iter()
                .find(|(r, _)| r.to.iter().any(|t| t == "zoe@example.org"))
                .unwrap()
                .0
                .data
        )
        .contains("driver.secret")
    );

    // Every row is sent, once; nothing more arrives.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(server.received().len(), 4);
    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter()
            .all(|r| r.status.as_str() == "sent" && r.attempts == 1 && r.sent_at.is_some()),
        "{rows:?}"
    );
    app.finish().await;
}

async fn server_down_then_up_delivers_exactly_once(base: &TestApp) {
    let server = SmtpServer::prepare();
    let app = app_with_smtp(base.backend, &server, 0, 8).await;
    scenario(&app).await;
    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter().all(|r| r.status.as_str() == "queued"),
        "saved and queued although SMTP is down"
    );

    let m = mailer(&app);
    let now = Utc::now();
    let report = dispatcher::dispatch_due(&app.db, &m, "instance-a", now)
        .await
        .unwrap();
    assert_eq!((report.sent, report.retried, report.failed), (0, 4, 0));
    for r in outbox_rows(&app).await {
        assert_eq!((r.status.as_str(), r.attempts), ("queued", 1));
        assert!(
            r.last_error
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("connect"),
            "{:?}",
            r.last_error
        );
        assert!(r.next_attempt_at > now);
    }

    server.listen();
    // Not due yet: nothing is sent before the backoff.
    let report = dispatcher::dispatch_due(&app.db, &m, "instance-a", now)
        .await
        .unwrap();
    assert_eq!(report.sent, 0);
    let later = now + chrono::Duration::minutes(5);
    let report = dispatcher::dispatch_due(&app.db, &m, "instance-a", later)
        .await
        .unwrap();
    assert_eq!(report.sent, 4);
    let report = dispatcher::dispatch_due(
        &app.db,
        &m,
        "instance-b",
        later + chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    assert_eq!(report.sent, 0);
    assert_eq!(
        server.wait_for(5, Duration::from_millis(300)).await.len(),
        4,
        "exactly once"
    );
    assert!(
        outbox_rows(&app)
            .await
            .iter()
            .all(|r| r.status.as_str() == "sent" && r.attempts == 2)
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn permanent_refusal_fails_at_once_and_transient_retries_then_fails() {
    let server = SmtpServer::start();
    let app = app_with_smtp(Backend::Sqlite, &server, 0, 3).await;
    let m = mailer(&app);
    let (_, offer, _) = app.event_with_offer().await;
    let now = Utc::now();
    dispatcher::dispatch_due(&app.db, &m, "a", now)
        .await
        .unwrap();

    server.set_mode(Mode::RefusePermanently);
    let (status, _) = app
        .book(offer["id"].as_str().unwrap(), "reject-me@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);
    let report = dispatcher::dispatch_due(&app.db, &m, "a", Utc::now())
        .await
        .unwrap();
    assert_eq!(
        (report.sent, report.failed),
        (1, 1),
        "driver's sent, passenger's refused"
    );
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("failed"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (failed.recipient_email.as_str(), failed.attempts),
        ("reject-me@example.org", 1)
    );
    assert!(failed.last_error.unwrap().contains("550"));

    server.set_mode(Mode::RefuseTemporarily);
    app.book(offer["id"].as_str().unwrap(), "later@example.org", 1)
        .await;
    let mut t = Utc::now();
    for attempt in 1..=3 {
        let report = dispatcher::dispatch_due(&app.db, &m, "a", t).await.unwrap();
        if attempt < 3 {
            assert_eq!(report.retried, 2, "attempt {attempt}");
        } else {
            assert_eq!(report.failed, 2, "given up after the last attempt");
        }
        t += chrono::Duration::hours(2);
    }
    let last = outbox::Entity::find()
        .filter(outbox::Column::RecipientEmail.eq("later@example.org"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((last.status.as_str(), last.attempts), ("failed", 3));
    assert!(last.last_error.unwrap().contains("451"));
    app.finish().await;
}

async fn two_dispatchers_deliver_each_email_once(backend: Backend) {
    let server = SmtpServer::start();
    let app = app_with_smtp(backend, &server, 0, 8).await;
    let m = mailer(&app);
    let now = Utc::now();
    app.queue_plain_emails(0..200, now).await;

    // A second instance: its own pool and its own transport.
    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let other_db = covoit::Db::connect(&url).await.unwrap();
    let (port, ca) = (server.port, server.ca_file.clone());
    let other_config =
        covoit::Config::from_figment(&smtp_figment(base_figment(&url), port, &ca), false).unwrap();
    let (_, other_mailer) = covoit::mail::from_config(&other_config).unwrap();

    let (a, b) = tokio::join!(
        dispatcher::dispatch_due(&app.db, &m, "instance-a", now),
        dispatcher::dispatch_due(&other_db, &other_mailer, "instance-b", now),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 200, "a: {a:?}, b: {b:?}");
    let received = server.wait_for(201, Duration::from_millis(500)).await;
    assert_eq!(received.len(), 200);
    let mut ids: Vec<String> = received
        .iter()
        .map(|r| {
            MessageParser::default()
                .parse(&r.data)
                .unwrap()
                .message_id()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200, "no message twice");
    assert!(
        outbox_rows(&app)
            .await
            .iter()
            .all(|r| r.status.as_str() == "sent" && r.attempts == 1)
    );
    other_db.conn.close().await.ok();
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_dispatchers_on_postgres_deliver_200_emails_once() {
    two_dispatchers_deliver_each_email_once(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_dispatchers_on_sqlite_deliver_200_emails_once() {
    two_dispatchers_deliver_each_email_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_dispatchers_on_mysql_deliver_200_emails_once() {
    two_dispatchers_deliver_each_email_once(Backend::Mysql).await;
}

/// Three instances, one SMTP connection each, a relay that takes 1.5 s per message and a lease
/// shorter than that: a row is leased only while it is being sent and its lease is renewed, so
/// every email is delivered exactly once.
async fn three_instances_and_a_slow_relay_deliver_each_email_once(backend: Backend) {
    let server = SmtpServer::start();
    let slow = |f: rocket::figment::Figment| {
        f.merge(("smtp_connections", 1))
            .merge(("mail_lease_secs", 1))
    };
    let app = app_with_smtp(backend, &server, 0, 1).await;
    let now = Utc::now();
    app.queue_plain_emails(0..12, now).await;
    server.set_delay(Duration::from_millis(1500));

    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let (port, ca) = (server.port, server.ca_file.clone());
    let mut instances = Vec::new();
    for _ in 0..3 {
        let db = covoit::Db::connect(&url).await.unwrap();
        let config =
            covoit::Config::from_figment(&slow(smtp_figment(base_figment(&url), port, &ca)), false)
                .unwrap();
        instances.push((db, covoit::mail::from_config(&config).unwrap().1));
    }
    // Each instance dispatches again and again, as its background task does on every tick and
    // wake-up, until nothing is left to send.
    let runs = instances.iter().enumerate().map(|(i, (db, m))| {
        let owner = format!("instance-{i}");
        async move {
            let mut total = dispatcher::Report::default();
            let deadline = std::time::Instant::now() + Duration::from_secs(40);
            while std::time::Instant::now() < deadline {
                let r = dispatcher::dispatch_due(db, m, &owner, Utc::now())
                    .await
                    .unwrap();
                total.sent += r.sent;
                let left = outbox::Entity::find()
                    .filter(outbox::Column::Status.ne("sent"))
                    .count(&db.conn)
                    .await
                    .unwrap();
                if left == 0 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            total
        }
    });
    let reports = futures::future::join_all(runs).await;
    let sent: u64 = reports.iter().map(|r| r.sent).sum();
    let received = server.wait_for(13, Duration::from_secs(2)).await;
    let mut ids: Vec<String> = received
        .iter()
        .map(|r| {
            MessageParser::default()
                .parse(&r.data)
                .unwrap()
                .message_id()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        (received.len(), ids.len(), sent),
        (12, 12, 12),
        "deliveries, distinct messages, reported sends: {reports:?}"
    );
    assert!(
        reports.iter().filter(|r| r.sent > 0).count() >= 2,
        "the instances shared the work: {reports:?}"
    );
    assert!(
        outbox_rows(&app)
            .await
            .iter()
            .all(|r| r.status.as_str() == "sent" && r.attempts == 1)
    );
    for (db, _) in instances {
        db.conn.close().await.ok();
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_on_postgres_and_a_slow_relay_deliver_each_email_once() {
    three_instances_and_a_slow_relay_deliver_each_email_once(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_on_sqlite_and_a_slow_relay_deliver_each_email_once() {
    three_instances_and_a_slow_relay_deliver_each_email_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_on_mysql_and_a_slow_relay_deliver_each_email_once() {
    three_instances_and_a_slow_relay_deliver_each_email_once(Backend::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crash_mid_send_is_retried_after_the_lease() {
    let server = SmtpServer::start();
    let app = app_with_smtp(Backend::Sqlite, &server, 0, 8).await;
    let m = mailer(&app);
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let _ = slug;
    // Simulate an instance that claimed the row and died: status sending, lease in the future.
    let now = Utc::now();
    let row = outbox_rows(&app).await.remove(0);
    let mut active: outbox::ActiveModel = row.into();
    active.status = sea_orm::Set(covoit::domain::EmailStatus::Sending);
    active.lease_owner = sea_orm::Set(Some("dead-instance".into()));
    active.lease_until = sea_orm::Set(Some(now + dispatcher::LEASE));
    sea_orm::ActiveModelTrait::update(active, &app.db.conn)
        .await
        .unwrap();

    let report = dispatcher::dispatch_due(&app.db, &m, "survivor", now)
        .await
        .unwrap();
    assert_eq!(report.sent, 0, "still leased by the other instance");
    let report = dispatcher::dispatch_due(
        &app.db,
        &m,
        "survivor",
        now + dispatcher::LEASE + chrono::Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(report.sent, 1, "taken over once the lease ran out");
    assert_eq!(server.received().len(), 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn dev_mailbox_exists_only_in_dev_mode() {
    let server = SmtpServer::start();
    let smtp_app = app_with_smtp(Backend::Sqlite, &server, 0, 8).await;
    for path in [
        "/dev/mail",
        "/dev/mail/1",
        "/dev/mail/1/html",
        "/dev/mail/1/text",
    ] {
        assert_eq!(smtp_app.get(path).await.0, Status::NotFound, "{path}");
    }
    smtp_app.finish().await;

    let dev = TestApp::start(Backend::Sqlite).await;
    let (_, offer, _) = dev.event_with_offer().await;
    let (status, body) = dev
        .book(offer["id"].as_str().unwrap(), "paul@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);
    assert_eq!(body["email"]["status"], "captured");
    let rows = outbox_rows(&dev).await;
    assert!(
        rows.iter().all(|r| r.status.as_str() == "captured"),
        "{rows:?}"
    );
    let driver = rows
        .iter()
        .find(|r| r.kind.as_str() == "request_received")
        .unwrap();
    let (status, list) = dev.get("/dev/mail").await;
    assert_eq!(status, Status::Ok);
    assert!(list.contains(&format!("/dev/mail/{}", driver.id)));
    assert!(list.contains("Paul Passager demande 1 place"));
    let (_, one) = dev.get(&format!("/dev/mail/{}", driver.id)).await;
    assert!(one.contains("https://covoit.test/o/"), "links are listed");
    let (status, text) = dev.get(&format!("/dev/mail/{}/text", driver.id)).await;
    assert_eq!(status, Status::Ok);
    assert!(text.contains("Paul Passager") && text.contains("07 98 76 54 32"));
    for junk in [
        "/dev/mail/abc",
        "/dev/mail/999999/text",
        "/dev/mail/-1/html",
    ] {
        assert_eq!(dev.get(junk).await.0, Status::NotFound, "{junk}");
    }
    let (_, html) = dev.get(&format!("/dev/mail/{}/html", driver.id)).await;
    assert!(html.contains("<!DOCTYPE html>") && html.contains("Paul Passager"));
    dev.finish().await;
}
