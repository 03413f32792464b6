//! matching: 5. One-click unsubscribe (RFC 8058) over SMTP and HTTP. Reminders and alerts carry
//! `List-Unsubscribe` and `List-Unsubscribe-Post`; the link's GET only shows what it stops; the
//! one-click POST (as a mail provider sends it: no cookie, a form body) stops that family of
//! emails for that person and that trip or event, and nothing else; a ride without passengers
//! gets no reminder.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use std::cell::RefCell;

use common::inbox::{Inbox, one};
use common::smtp::{SmtpServer, smtp_figment};
use covoit::entities::outbox;
use covoit::jobs::Step;
use rocket::http::ContentType;

/// The path of the one-click address a header gives.
fn one_click_path(header: &str) -> String {
    let url = header.trim_start_matches('<').trim_end_matches('>');
    assert!(
        url.starts_with("https://covoit.test/link/unsubscribe/"),
        "{url}"
    );
    assert!(url.ends_with("?lang=fr"), "in the reader's language: {url}");
    url.trim_start_matches("https://covoit.test")
        .trim_end_matches("?lang=fr")
        .to_owned()
}

async fn one_click(app: &TestApp, path: &str) -> (Status, String) {
    // As RFC 8058 has mail providers send it: a bare form POST, no cookie, no Origin.
    let res = app
        .client
        .post(path)
        .header(ContentType::Form)
        .body("List-Unsubscribe=One-Click")
        .dispatch()
        .await;
    (res.status(), res.into_string().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reminders_and_alerts_stop_with_one_click() {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app =
        TestApp::start_with(common::Backend::Sqlite, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();

    // Wanda waits for a ride there; Ann drives, with one seat, taken by Paul.
    let (status, body) = need(
        &app,
        &slug,
        "Wanda Waiting",
        "wanda@example.org",
        "to_event",
    )
    .await;
    assert_eq!(status, Status::Created, "{body}");
    inbox.deliver().await;
    let ann = offer(&app, &slug, "ann@example.org", "to_event", 1, true).await;
    let mails = inbox.deliver().await;
    let alert = one(&mails, "wanda@example.org");
    let header = alert
        .list_unsubscribe
        .clone()
        .expect("an alert carries List-Unsubscribe");
    assert_eq!(
        alert.list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(alert.html.contains("/link/unsubscribe/") && alert.text.contains("/link/unsubscribe/"));
    let stop_alerts = one_click_path(&header);
    // Paul (not Wanda) takes the seat; the ride is full.
    book(&app, &ann, "Paul Passenger", "paul@example.org").await;
    inbox.deliver().await;

    // Opening the link changes nothing: it says what it would stop.
    let (status, page) = app.get(&format!("{stop_alerts}?lang=en")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("the emails about seats freed on rides") && page.contains("method=\"post\""),
        "{page}"
    );
    let (_, again) = app.get(&format!("{stop_alerts}?lang=en")).await;
    assert!(again.contains("method=\"post\""), "a GET stops nothing");

    // The one-click POST stops the alerts for this event.
    let (status, page) = one_click(&app, &format!("{stop_alerts}?lang=en")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Done: you will no longer receive"), "{page}");
    let (status, _) = one_click(&app, &stop_alerts).await;
    assert_eq!(status, Status::Ok, "a second stop is harmless");

    // Bob publishes a ride that fits Wanda: she hears nothing now.
    offer(&app, &slug, "bob@example.org", "to_event", 2, false).await;
    let mails = inbox.deliver().await;
    assert!(
        mails.iter().all(|m| m.to != "wanda@example.org"),
        "{:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );

    // The day before: Paul and Ann are reminded (with the header); Bob's ride has nobody in
    // it, so Bob gets no reminder.
    let departs = offer_of(&app, &ann).await.departs_at;
    let (emails, mailer) = (app.emails(), app.mailer());
    let t = departs - Duration::hours(20);
    covoit::jobs::run(&app.db, &emails, &mailer, "test", Step::Reminders, t).await;
    let mails = inbox.deliver_at(t).await;
    assert!(
        mails.iter().all(|m| m.to != "bob@example.org"),
        "no reminder for an empty ride"
    );
    let paul = one(&mails, "paul@example.org");
    let ann_mail = one(&mails, "ann@example.org");
    assert!(ann_mail.list_unsubscribe.is_some());
    let stop_reminders = one_click_path(paul.list_unsubscribe.as_deref().unwrap());
    let (status, page) = app.get(&format!("{stop_reminders}?lang=en")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("the reminders the day before"), "{page}");
    let (status, _) = one_click(&app, &stop_reminders).await;
    assert_eq!(status, Status::Ok);

    // Stored as one stop per person, family and scope; the other emails still go.
    let stops = covoit::entities::email_optout::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    let mut seen: Vec<_> = stops
        .iter()
        .map(|s| (s.email_key.as_str(), s.grp.as_str(), s.scope.as_str()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("paul@example.org", "reminder", "offer"),
            ("wanda@example.org", "alert", "event")
        ]
    );
    // A request or an acceptance is never "stoppable".
    let rows = outbox::Entity::find().all(&app.db.conn).await.unwrap();
    for r in &rows {
        let stoppable = matches!(
            r.kind.as_str(),
            "reminder_driver"
                | "reminder_passenger"
                | "driver_nudge"
                | "still_going"
                | "seat_freed"
        );
        assert_eq!(r.list_unsubscribe.is_some(), stoppable, "{}", r.kind);
    }
    drop(inbox);
    app.finish().await;
}
