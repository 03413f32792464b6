//! Full flows driven only by the links in the emails the app really sent over SMTP: accept,
//! refuse, full, passenger cancel, removal, edit, offer cancelled; and the races for the last
//! seats, on SQLite and on PostgreSQL.
use crate::common;

use std::cell::RefCell;

use common::inbox::{Inbox, link, one};
use common::smtp::{SmtpServer, smtp_figment};
use common::{TestApp, local_in_days};
use covoit::entities::{offer, outbox, reservation};
use futures::future::join_all;
use rocket::http::{ContentType, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

on_both_backends!(email_driven_flow, last_seats_race, accept_races_cancel);

async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> (Status, String, Option<String>) {
    app.post_form(path, form).await
}

async fn book(app: &TestApp, offer_id: &str, name: &str, email: &str, seats: i64) -> i64 {
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": name, "passenger_email": email, "seats": seats,
                    "passenger_phone": "07 00 00 00 01", "pickup": "Place Bellecour", "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    body["reservation"]["id"].as_i64().unwrap()
}

async fn seats_left(app: &TestApp, offer_id: &str) -> i64 {
    app.get_json(&format!("/api/offers/{offer_id}")).await.1["offer"]["seats_left"]
        .as_i64()
        .unwrap()
}

async fn email_driven_flow(base: &TestApp) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(base.backend, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };

    // The organiser's email leads to the organiser page.
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let mails = inbox.deliver().await;
    let organiser = one(&mails, common::ORGANIZER_EMAIL);
    let (status, page) = app.get(&link(&organiser.text, "event")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("widget.js"));

    // The driver publishes 3 seats (and a ride back); the email has the management link.
    let (offer, _) = app.create_offer(&slug).await;
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    let mails = inbox.deliver().await;
    let manage = link(&one(&mails, common::DRIVER_EMAIL).text, "manage");

    // Anne asks for 2 seats: the driver gets Accept/Refuse, Anne gets her status link.
    let anne = book(&app, &offer_id, "Anne Aubert", "anne@example.org", 2).await;
    let mails = inbox.deliver().await;
    let request = one(&mails, common::DRIVER_EMAIL);
    assert!(request.subject.contains("Anne Aubert demande 2 places"));
    let anne_status = link(&one(&mails, "anne@example.org").text, "booking");
    let accept = link(&request.text, "accept");
    assert!(
        request.html.contains(&accept.replace('&', "&amp;")),
        "the same link in the HTML part"
    );

    // The driver opens the link (a scanner would too): nothing happens until the button.
    let (status, page) = app.get(&accept).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("method=\"post\""));
    assert_eq!(seats_left(&app, &offer_id).await, 3);
    let (status, _, location) = post(&app, &accept, &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=1"));
    assert_eq!(seats_left(&app, &offer_id).await, 1);
    let mails = inbox.deliver().await;
    let accepted = one(&mails, "anne@example.org");
    assert!(accepted.subject.starts_with("C'est accepté"));
    assert!(
        accepted.text.contains(common::DRIVER_EMAIL)
            && accepted.text.contains(common::DRIVER_PHONE)
    );
    let (_, ics) = accepted
        .attachments
        .iter()
        .find(|(name, _)| name == "covoit.ics")
        .expect("the trip attached for the calendar");
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("DTSTART:"),
        "{ics}"
    );
    let list = one(&mails, common::DRIVER_EMAIL);
    assert!(
        list.text.contains("Anne Aubert") && list.text.contains("Places libres\u{202f}: 1."),
        "{}",
        list.text
    );

    // Bruno and Chloé ask for one seat each; the driver accepts Bruno from the management
    // page, which fills the car: Chloé is refused as "full".
    let bruno = book(&app, &offer_id, "Bruno Blanc", "bruno@example.org", 1).await;
    let _chloe = book(&app, &offer_id, "Chloé Chevalier", "chloe@example.org", 1).await;
    inbox.deliver().await;
    let (status, page) = app.get(&manage).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Bruno Blanc") && page.contains("Chloé Chevalier"));
    let (status, _, location) = post(&app, &format!("{manage}/accept/{bruno}"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=accepted"));
    assert_eq!(seats_left(&app, &offer_id).await, 0);
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "bruno@example.org")
            .subject
            .starts_with("C'est accepté")
    );
    let full = one(&mails, "chloe@example.org");
    assert!(
        full.subject.starts_with("Trajet complet"),
        "{}",
        full.subject
    );
    assert!(
        full.text.contains(&format!("https://covoit.test/e/{slug}")),
        "a link to the other rides"
    );

    // Anne cancels from her status link: her 2 seats come back; both sides are told.
    let (status, page) = app.get(&anne_status).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains(common::DRIVER_PHONE),
        "a confirmed passenger sees the driver's contact"
    );
    let (status, _, _) = post(&app, &anne_status, &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &offer_id).await, 2);
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "anne@example.org")
            .subject
            .starts_with("Annulation confirmée")
    );
    assert!(
        one(&mails, common::DRIVER_EMAIL)
            .subject
            .starts_with("Anne Aubert a annulé")
    );
    let stored = reservation::Entity::find_by_id(anne)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status.as_str(), "cancelled");

    // The driver removes Bruno.
    let (status, _, _) = post(&app, &format!("{manage}/remove/{bruno}"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &offer_id).await, 3);
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "bruno@example.org")
            .subject
            .contains("a retiré votre place")
    );
    assert!(
        one(&mails, common::DRIVER_EMAIL)
            .text
            .contains("Vous avez retiré Bruno Blanc")
    );

    // Dora is refused, with a word.
    book(&app, &offer_id, "Dora Dupont", "dora@example.org", 1).await;
    let mails = inbox.deliver().await;
    let refuse = link(&one(&mails, common::DRIVER_EMAIL).text, "refuse");
    let (status, _, _) = post(&app, &refuse, &[("note", "Désolée, mon coffre est plein.")]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    let refused = one(&mails, "dora@example.org");
    assert!(refused.subject.starts_with("Demande non retenue"));
    assert!(refused.text.contains("Désolée, mon coffre est plein."));

    // Emile is accepted, then the driver moves the departure and the place.
    let emile = book(&app, &offer_id, "Emile Martin", "emile@example.org", 1).await;
    inbox.deliver().await;
    post(&app, &format!("{manage}/accept/{emile}"), &[]).await;
    inbox.deliver().await;
    let (status, _, location) = post(
        &app,
        &format!("{manage}/edit"),
        &[
            ("departs_at", &local_in_days(10, 11)),
            ("place", "Vaulx-en-Velin"),
            ("seats", "4"),
            ("notes", ""),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther, "{location:?}");
    let mails = inbox.deliver().await;
    let changed = one(&mails, "emile@example.org");
    assert!(changed.subject.starts_with("Changement d'horaire"));
    assert!(
        changed.text.contains("Vaulx-en-Velin") && changed.text.contains("Villeurbanne"),
        "old and new: {}",
        changed.text
    );
    let flat = changed
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("à 11:00") && flat.contains("à 12:00"),
        "{}",
        changed.text
    );
    assert_eq!(seats_left(&app, &offer_id).await, 3, "4 seats, 1 taken");
    // Seats below those taken are refused, with the field named.
    let (status, page, _) = post(
        &app,
        &format!("{manage}/edit"),
        &[
            ("departs_at", &local_in_days(10, 11)),
            ("place", "Bron"),
            ("seats", "0"),
            ("notes", ""),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"e-seats\""));

    // Finally the driver cancels the ride: Emile (confirmed) and Fanny (pending) are told.
    book(&app, &offer_id, "Fanny Faure", "fanny@example.org", 1).await;
    inbox.deliver().await;
    let (status, _, _) = post(&app, &format!("{manage}/cancel"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "emile@example.org")
            .subject
            .starts_with("Trajet annulé")
    );
    assert!(
        one(&mails, "fanny@example.org")
            .subject
            .starts_with("Trajet annulé")
    );
    assert_eq!(mails.len(), 2);
    let (_, api) = app.get_json(&format!("/api/offers/{offer_id}")).await;
    assert_eq!(api["offer"]["status"], "cancelled");
    // Cancelling again changes nothing and sends nothing.
    let (status, _, _) = post(&app, &format!("{manage}/cancel"), &[]).await;
    assert_eq!(status, Status::Conflict);
    assert!(inbox.deliver().await.is_empty());
    app.finish().await;
}

async fn accept_link(app: &TestApp, reservation_id: i64) -> String {
    let row = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("request_received"))
        .filter(outbox::Column::RecordId.eq(reservation_id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    link(&row.text_body, "accept")
}

/// 50 pending requests, 5 seats, 50 accepts at once.
async fn last_seats_race(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = common::offer_body();
    body["seats"] = json!(5);
    let (status, created) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created);
    let offer_id = created["offer"]["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for i in 0..50 {
        ids.push(
            book(
                app,
                &offer_id,
                &format!("P{i}"),
                &format!("p{i}@example.org"),
                1,
            )
            .await,
        );
    }
    let mut links = Vec::new();
    for id in &ids {
        links.push(accept_link(app, *id).await);
    }
    let answers = join_all(links.iter().map(|l| async move {
        app.client
            .post(l.as_str())
            .header(ContentType::Form)
            .dispatch()
            .await
            .status()
    }))
    .await;
    let accepted = answers.iter().filter(|s| **s == Status::SeeOther).count();
    assert_eq!(accepted, 5, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|s| *s == Status::SeeOther || *s == Status::Conflict),
        "{answers:?}"
    );

    let o = offer::Entity::find_by_id(app.offer_row(&offer_id).await.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((o.seats_taken, o.seats_total), (5, 5));
    let rows = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(o.id))
        .all(&app.db.conn)
        .await
        .unwrap();
    let confirmed: Vec<_> = rows
        .iter()
        .filter(|r| r.status.as_str() == "confirmed")
        .collect();
    assert_eq!(confirmed.len(), 5);
    assert!(
        rows.iter()
            .filter(|r| r.status.as_str() != "confirmed")
            .all(|r| r.status.as_str() == "refused" && r.reason.map(|r| r.as_str()) == Some("full"))
    );
    // Each passenger got exactly one outcome email: accepted or full.
    let outcomes = outbox::Entity::find()
        .filter(outbox::Column::Kind.is_in(["request_accepted", "offer_full"]))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 50);
    for id in &ids {
        let mine: Vec<_> = outcomes.iter().filter(|m| m.record_id == *id).collect();
        assert_eq!(mine.len(), 1, "reservation {id}");
        let expected = if confirmed.iter().any(|r| r.id == *id) {
            "request_accepted"
        } else {
            "offer_full"
        };
        assert_eq!(mine[0].kind.as_str(), expected);
    }
}

/// The driver accepts while the passenger cancels, twenty times over: whichever wins, the
/// request ends cancelled and no seat stays taken.
async fn accept_races_cancel(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = common::offer_body();
    body["seats"] = json!(8);
    let (_, created) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    let offer_id = created["offer"]["id"].as_str().unwrap().to_owned();
    for i in 0..20 {
        let id = book(app, &offer_id, "Racer", &format!("racer{i}@example.org"), 2).await;
        let accept = accept_link(app, id).await;
        let sent = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("request_sent"))
            .filter(outbox::Column::RecordId.eq(id))
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        let cancel = link(&sent.text_body, "booking");
        let (a, c) = futures::join!(
            app.client
                .post(accept.as_str())
                .header(ContentType::Form)
                .dispatch(),
            app.client
                .post(cancel.as_str())
                .header(ContentType::Form)
                .dispatch(),
        );
        assert!(
            matches!(a.status(), Status::SeeOther | Status::Conflict),
            "{}",
            a.status()
        );
        assert_eq!(
            c.status(),
            Status::SeeOther,
            "the passenger can always cancel before departure"
        );
        let r = reservation::Entity::find_by_id(id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.status.as_str(), "cancelled");
        let o = offer::Entity::find_by_id(app.offer_row(&offer_id).await.id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(o.seats_taken, 0, "round {i}");
        let accepted = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("request_accepted"))
            .filter(outbox::Column::RecordId.eq(id))
            .all(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(accepted.len(), usize::from(a.status() == Status::SeeOther));
    }
}
