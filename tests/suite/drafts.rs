//! Emails written when they are sent: the expiry sweep, when emails are sent over SMTP, queues
//! what to say instead of rendered text; the dispatcher writes each email from its records once
//! it has claimed the row, saves the text on the row and sends it. The emails received over a
//! real SMTP session are the ones the sweep would have rendered.
use crate::common;

use chrono::Utc;
use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp};
use covoit::entities::{outbox, reservation};
use covoit::mail::dispatcher;
use covoit::services::sweeps;
use mail_parser::MessageParser;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::Duration;

on_both_backends!(
    expiry_emails_are_written_when_sent,
    a_draft_whose_records_are_gone_is_not_sent,
    a_draft_refused_for_now_keeps_its_text_and_is_retried_as_written,
    a_sweeps_batch_insert_writes_what_one_by_one_does
);

/// An app sending over SMTP to `server`, with no background task: the test dispatches.
async fn app_with_smtp(backend: Backend, server: &SmtpServer) -> TestApp {
    let (port, ca) = (server.port, server.ca_file.clone());
    TestApp::start_with(backend, move |f| smtp_figment(f, port, &ca)).await
}

async fn expiry_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("request_expired"))
        .all(&app.db.conn)
        .await
        .unwrap()
}

/// A pending request, expired by the sweep: returns the request.
async fn expired_request(app: &TestApp) -> reservation::Model {
    let (_, offer, _) = app.event_with_offer().await;
    let (status, body) = app
        .book(offer["id"].as_str().unwrap(), "paul@example.org", 1)
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let id = body["reservation"]["id"].as_i64().unwrap();
    // The emails of the booking leave first.
    let earlier = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", Utc::now())
        .await
        .unwrap();
    assert_eq!(earlier.failed, 0, "{earlier:?}");
    let r = reservation::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let expired = sweeps::expire_due(&app.db, &app.emails(), r.expires_at)
        .await
        .unwrap();
    assert_eq!(expired, 1);
    r
}

async fn expiry_emails_are_written_when_sent(base: &TestApp) {
    let server = SmtpServer::start();
    let app = app_with_smtp(base.backend, &server).await;
    let r = expired_request(&app).await;

    // Queued as drafts: what to say, no text yet.
    let queued = expiry_rows(&app).await;
    assert_eq!(queued.len(), 2);
    for row in &queued {
        let draft = row.draft.as_deref().expect("queued as a draft");
        assert!(
            draft.contains(&format!("\"reservation\":{}", r.id)),
            "{draft}"
        );
        assert_eq!((row.subject.as_str(), row.text_body.as_str()), ("", ""));
        assert!(
            !draft.contains("paul@example.org") && !draft.contains("Paul"),
            "a draft names records, not people: {draft}"
        );
    }

    let report = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", r.expires_at)
        .await
        .unwrap();
    assert_eq!((report.sent, report.failed), (2, 0), "{report:?}");
    let received: Vec<_> = server
        .received()
        .into_iter()
        .filter(|m| {
            MessageParser::default()
                .parse(&m.data)
                .and_then(|p| p.message_id().map(|id| id.starts_with("request-expired.")))
                .unwrap_or(false)
        })
        .collect();
    assert_eq!(received.len(), 2);

    // Each email is the one the sweep would have rendered, and its text is kept on its row.
    let sent = expiry_rows(&app).await;
    for row in &sent {
        assert_eq!(row.status.to_string(), "sent");
        assert!(row.draft.is_none(), "the draft is replaced by the text");
        let got = received
            .iter()
            .find(|m| m.to.iter().any(|t| t == &row.recipient_email))
            .expect("an email to each recipient");
        let parsed = MessageParser::default().parse(&got.data).unwrap();
        assert_eq!(parsed.subject(), Some(row.subject.as_str()));
        assert!(!row.subject.is_empty());
        let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        assert_eq!(text.trim_end(), row.text_body.trim_end());
        assert!(text.contains("Paul Passager"), "{text}");
        assert!(parsed.body_html(0).unwrap().contains("Paul Passager"));
        if row.recipient_email == common::DRIVER_EMAIL {
            assert!(
                text.contains("https://covoit.test/link/manage/"),
                "the driver's page: {text}"
            );
        } else {
            assert_eq!(row.recipient_email, "paul@example.org");
            assert!(
                text.contains("https://covoit.test/e/"),
                "the other rides: {text}"
            );
        }
        assert!(row.links.contains("https://covoit.test/"), "{}", row.links);
    }
    // Sent once: a second dispatch finds nothing due.
    let again = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", r.expires_at)
        .await
        .unwrap();
    assert_eq!(again.sent, 0);
}

async fn a_draft_whose_records_are_gone_is_not_sent(base: &TestApp) {
    let server = SmtpServer::start();
    let app = app_with_smtp(base.backend, &server).await;
    let r = expired_request(&app).await;
    // The request is erased before its emails leave.
    reservation::Entity::delete_by_id(r.id)
        .exec(&app.db.conn)
        .await
        .unwrap();

    let report = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", r.expires_at)
        .await
        .unwrap();
    assert_eq!((report.sent, report.failed), (0, 2), "{report:?}");
    let before = server.received().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(server.received().len(), before, "nothing more is sent");
    for row in expiry_rows(&app).await {
        assert_eq!(row.status.to_string(), "failed");
        assert!(
            row.last_error
                .as_deref()
                .is_some_and(|e| e.contains("records it was about are gone")),
            "{:?}",
            row.last_error
        );
    }
}

/// The relay refuses for now: the text written for the try is saved with its outcome (the draft
/// cleared), and the retry sends that same text, even though the records changed in between.
async fn a_draft_refused_for_now_keeps_its_text_and_is_retried_as_written(base: &TestApp) {
    let server = SmtpServer::start();
    let app = app_with_smtp(base.backend, &server).await;
    let r = expired_request(&app).await;
    server.set_mode(common::smtp::Mode::RefuseTemporarily);
    let report = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", r.expires_at)
        .await
        .unwrap();
    assert_eq!((report.sent, report.retried), (0, 2), "{report:?}");
    let tried = expiry_rows(&app).await;
    for row in &tried {
        assert_eq!(row.status.to_string(), "queued");
        assert!(row.draft.is_none(), "written once: {:?}", row.draft);
        assert!(row.text_body.contains("Paul Passager"), "{}", row.text_body);
    }
    // The passenger's name changes (e.g. corrected) before the retry.
    reservation::Entity::update_many()
        .col_expr(
            reservation::Column::PassengerName,
            sea_orm::sea_query::Expr::value("Renamed Later"),
        )
        .filter(reservation::Column::Id.eq(r.id))
        .exec(&app.db.conn)
        .await
        .unwrap();
    server.set_mode(common::smtp::Mode::Accept);
    let later = tried.iter().map(|t| t.next_attempt_at).max().unwrap();
    let report = dispatcher::dispatch_due(&app.db, &app.mailer(), "test", later)
        .await
        .unwrap();
    assert_eq!(report.sent, 2, "{report:?}");
    for row in &tried {
        let got = server
            .received()
            .into_iter()
            .find(|m| {
                m.to.iter().any(|t| t == &row.recipient_email)
                    && MessageParser::default()
                        .parse(&m.data)
                        .and_then(|p| p.subject().map(|s| s == row.subject))
                        .unwrap_or(false)
            })
            .expect("the retry sends the text written for the first try");
        let text = MessageParser::default()
            .parse(&got.data)
            .unwrap()
            .body_text(0)
            .unwrap()
            .replace("\r\n", "\n");
        assert_eq!(text.trim_end(), row.text_body.trim_end());
        assert!(!text.contains("Renamed Later"), "{text}");
    }
}

/// A sweep's emails are inserted in one statement from one JSON parameter (SQLite and
/// PostgreSQL; MariaDB binds each value): every column reads back as the one-by-one insert
/// writes it (names, NULLs, numbers, dates, text).
async fn a_sweeps_batch_insert_writes_what_one_by_one_does(app: &TestApp) {
    use covoit::domain::{EmailKind, Lang, OptOut, OptOutGroup, OptOutScope};
    use covoit::mail::outbox::{Attachment, Outgoing, Person, Unsubscribe, queue, queue_many};
    let email = |record_id: i64, event_id: Option<i64>, draft: Option<&str>| Outgoing {
        kind: EmailKind::ReminderPassenger,
        record_id,
        version: 3,
        to: Person {
            name: "Zoé \"Z\" Dupré".into(),
            email: "Zoe@Example.org".into(),
        },
        reply_to: event_id.map(|_| Person {
            name: "Léa".into(),
            email: "lea@example.org".into(),
        }),
        lang: Lang::De,
        subject: "Übermorgen — 'x' \\ y".into(),
        text: "Hallo\n\thttps://covoit.test/a?b=1&c=2\n".into(),
        html: "<p>Hallo &amp; \u{1F697}</p>".into(),
        attachments: vec![Attachment {
            filename: "trip.ics".into(),
            content_type: "text/calendar".into(),
            content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
        }],
        unsubscribe: event_id.map(|e| Unsubscribe {
            optout: OptOut {
                group: OptOutGroup::Reminder,
                scope: OptOutScope::Event(e),
            },
            url: "https://covoit.test/u/x".into(),
        }),
        event_id,
        draft: draft.map(str::to_owned),
    };
    let event = app.create_event().await;
    let event_id = covoit::entities::event::Entity::find()
        .filter(covoit::entities::event::Column::Slug.eq(event["slug"].as_str().unwrap()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .id;
    let now = Utc::now();
    let emails = app.emails();
    for (one, many, event, draft) in [
        (1, 2, Some(event_id), None),
        (3, 4, None, Some(r#"{"say":"x"}"#)),
    ] {
        let tx = app.db.begin_write().await.unwrap();
        queue(&tx, &emails, email(one, event, draft), now)
            .await
            .unwrap();
        queue_many(&tx, &emails, vec![email(many, event, draft)], now)
            .await
            .unwrap();
        // Queued again: nothing more (the dedupe key).
        queue_many(&tx, &emails, vec![email(many, event, draft)], now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let row = |record_id: i64| {
            let db = app.db.conn.clone();
            async move {
                outbox::Entity::find()
                    .filter(outbox::Column::RecordId.eq(record_id))
                    .filter(outbox::Column::Kind.eq("reminder_passenger"))
                    .all(&db)
                    .await
                    .unwrap()
            }
        };
        let (mut a, mut b) = (row(one).await, row(many).await);
        assert_eq!((a.len(), b.len()), (1, 1), "each queued once");
        let (mut a, mut b) = (a.remove(0), b.remove(0));
        assert_ne!(a.message_id, b.message_id);
        assert_eq!(
            b.dedupe_key,
            a.dedupe_key
                .replace(&format!(":{one}:"), &format!(":{many}:"))
        );
        for r in [&mut a, &mut b] {
            r.id = 0;
            r.record_id = 0;
            r.message_id.clear();
            r.dedupe_key.clear();
        }
        assert_eq!(a, b);
        assert!(
            (b.created_at - now).num_milliseconds().abs() < 1,
            "{}",
            b.created_at
        );
        assert_eq!(b.recipient_key.as_deref(), Some("zoe@example.org"));
    }
}
