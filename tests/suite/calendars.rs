//! Calendar entries that follow the trip, read by two independent parsers (Python's icalendar
//! and vobject): a REQUEST with the acceptance, an updated REQUEST (higher SEQUENCE, new time)
//! when the driver changes the trip, a CANCEL when the seat is cancelled, taken back or the
//! ride cancelled; the "add to calendar" downloads carry the same UID. Driven over HTTP, with
//! the emails the app really sent over SMTP.
use crate::common;

use std::cell::RefCell;
use std::collections::BTreeMap;

use common::inbox::{Inbox, Mail, link, one};
use common::smtp::{SmtpServer, smtp_figment};
use common::{TestApp, local_in_days};
use rocket::http::Status;
use serde_json::{Value, json};

on_both_backends!(calendars_follow_the_trip);

async fn book(app: &TestApp, offer_id: &str, name: &str, email: &str) -> i64 {
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": name, "passenger_email": email, "seats": 1, "locale": "en"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    body["reservation"]["id"].as_i64().unwrap()
}

/// What both parsers understood of each calendar, after checking that they agree.
fn parse(calendars: &[String]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = calendars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = dir.path().join(format!("{i}.ics"));
            std::fs::write(&path, c).unwrap();
            path.display().to_string()
        })
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/calendar_check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(&files)
        .output()
        .expect("python3 (./scripts/test.sh installs icalendar and vobject)");
    assert!(
        out.status.success(),
        "a parser refused a calendar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter()
        .map(|f| {
            assert_eq!(f["icalendar"], f["vobject"], "the two parsers agree");
            f["icalendar"].clone()
        })
        .collect()
}

/// The inline calendar of an email, checked against its attached copy.
fn calendar_of(mail: &Mail, method: &str) -> String {
    assert_eq!(
        mail.calendars.len(),
        1,
        "{}: one inline calendar",
        mail.subject
    );
    let (m, inline) = &mail.calendars[0];
    assert_eq!(m, method, "{}", mail.subject);
    assert!(
        mail.attachments
            .iter()
            .any(|(name, ics)| name == "covoit.ics" && ics == inline),
        "{}: the same entry attached",
        mail.subject
    );
    inline.clone()
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

async fn calendars_follow_the_trip(base: &TestApp) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(base.backend, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    let manage = link(
        &one(&inbox.deliver().await, common::DRIVER_EMAIL).text,
        "manage",
    );

    let people = [
        ("Anne Aubert", "anne@example.org"),
        ("Bruno Blanc", "bruno@example.org"),
        ("Carla Costa", "carla@example.org"),
    ];
    let mut ids = Vec::new();
    let mut status_links = BTreeMap::new();
    for (name, email) in people {
        ids.push(book(&app, &offer_id, name, email).await);
        let mails = inbox.deliver().await;
        status_links.insert(email, link(&one(&mails, email).text, "booking"));
    }
    // Every calendar each person received, in order, with what it is about.
    let mut received: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for id in &ids {
        let (status, _, _) = app.post_form(&format!("{manage}/accept/{id}"), &[]).await;
        assert_eq!(status, Status::SeeOther);
    }
    let mails = inbox.deliver().await;
    for (_, email) in people {
        received
            .entry(email)
            .or_default()
            .push(calendar_of(one(&mails, email), "REQUEST"));
    }
    let before = app.offer_row(&offer_id).await;

    // The passenger's download and the driver's: the same entries, to import.
    let (status, carla_file) = app
        .get(&format!(
            "{}/calendar.ics",
            status_links["carla@example.org"]
        ))
        .await;
    assert_eq!(status, Status::Ok);
    let (status, driver_file) = app.get(&format!("{manage}/calendar.ics")).await;
    assert_eq!(status, Status::Ok);
    let files = parse(&[carla_file, driver_file]);
    assert_eq!(files[0]["method"], "PUBLISH");
    assert_eq!(files[0]["start"], utc(before.departs_at));
    assert_eq!(files[1]["attendees"].as_array().unwrap().len(), 3);
    assert_eq!(
        files[1]["organizer"],
        format!("mailto:{}", common::DRIVER_EMAIL)
    );

    // The driver moves the departure: everyone's entry is updated.
    let (status, _, _) = app
        .post_form(
            &format!("{manage}/edit"),
            &[
                ("departs_at", &local_in_days(10, 7)),
                ("place", "Vaulx-en-Velin"),
                ("seats", "3"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    let after = app.offer_row(&offer_id).await;
    assert_ne!(after.departs_at, before.departs_at);
    let mails = inbox.deliver().await;
    for (_, email) in people {
        received
            .entry(email)
            .or_default()
            .push(calendar_of(one(&mails, email), "REQUEST"));
    }

    // Anne cancels, Bruno is taken back, the ride is cancelled for Carla.
    let (status, _, _) = app.post_form(&status_links["anne@example.org"], &[]).await;
    assert_eq!(status, Status::SeeOther);
    let (status, _, _) = app
        .post_form(&format!("{manage}/remove/{}", ids[1]), &[])
        .await;
    assert_eq!(status, Status::SeeOther);
    let (status, _, _) = app.post_form(&format!("{manage}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    for (_, email) in people {
        received
            .entry(email)
            .or_default()
            .push(calendar_of(one(&mails, email), "CANCEL"));
    }

    for (email, calendars) in &received {
        let parsed = parse(calendars);
        let uid = &parsed[0]["uid"];
        assert!(uid.as_str().unwrap().starts_with("reservation-"), "{uid}");
        let expected = [
            ("REQUEST", "CONFIRMED", utc(before.departs_at)),
            ("REQUEST", "CONFIRMED", utc(after.departs_at)),
            ("CANCEL", "CANCELLED", utc(after.departs_at)),
        ];
        let mut last_sequence = -1;
        for (entry, (method, status, start)) in parsed.iter().zip(expected) {
            assert_eq!(&entry["uid"], uid, "{email}: one entry, updated");
            assert_eq!(entry["method"], method, "{email}");
            assert_eq!(entry["status"], status, "{email}");
            assert_eq!(entry["start"], start.as_str(), "{email}");
            assert_eq!(
                entry["organizer"],
                format!("mailto:{}", common::DRIVER_EMAIL)
            );
            assert_eq!(entry["attendees"], json!([format!("mailto:{email}")]));
            let sequence = entry["sequence"].as_i64().unwrap();
            assert!(sequence > last_sequence, "{email}: SEQUENCE rises");
            last_sequence = sequence;
        }
        if *email == "carla@example.org" {
            assert_eq!(files[0]["uid"], *uid, "the download updates the same entry");
        }
    }
    drop(inbox);
    app.finish().await;
}
