//! The retention purge, by moving time: an event with rides, seats, a pending request, the
//! waiting list, a co-organiser, an organisers' message, a bounce, a suppressed address and a
//! stopped reminder. A day before `retention_days` after its end nothing is erased; after it,
//! no name, address, phone, place, pickup or message of the event is left in any column of
//! any table, the statistics are the same, the purge happened once (raced too) and /admin
//! says so. `covoit sweep purge` does the same from cron.
use super::{ADMIN, scan, smtp_app, text};
use crate::common::{self, TestApp};
use crate::organisers::{ANNE, BRUNO, WANDA, story};
use chrono::{Duration, Utc};
use covoit::domain::{BounceKind, Lang};
use covoit::entities::{bounce, email_optout, email_suppression, event, outbox, purge};
use covoit::i18n::T;
use covoit::jobs::{Step, run};
use covoit::links::{LinkError, Purpose};
use covoit::services::{co_organisers, messages, stats};
use covoit::urls::Urls;
use rocket::http::{Header, Status};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

on_both_backends!(the_purge_erases_every_personal_string_once);
on_sqlite!(covoit_sweep_purge_erases_a_past_event);

const ZOE: &str = "zoe.secret@passagers.example";
const CORA: &str = "cora.secret@club.example";

/// Every string a person typed into this event.
const NEEDLES: &[&str] = &[
    "Anne Aubert",
    ANNE,
    "Bruno Blanc",
    BRUNO,
    "Wanda Weber",
    WANDA,
    "Denise Conductrice",
    common::DRIVER_EMAIL,
    common::DRIVER_PHONE,
    "612345678",
    "Grandclément",
    "Petit coffre",
    "Odile Organisatrice",
    common::ORGANIZER_EMAIL,
    "Zoé Quimperlé",
    ZOE,
    "06 11 22 33 44",
    "611223344",
    "Place Zébulon",
    "bonnet vert",
    "Cora Coorganisatrice",
    CORA,
    "parking Zorglub",
];

async fn the_purge_erases_every_personal_string_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let now = Utc::now();
    let emails = app.emails();
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    // One more passenger with everything a request can carry.
    let (status, zoe) = app
        .post_json(
            &format!("/api/offers/{}/reservations", s.offer),
            &json!({"passenger_name": "Zoé Quimperlé", "passenger_email": ZOE,
                    "passenger_phone": "06 11 22 33 44", "pickup": "Place Zébulon",
                    "message": "Je porte un bonnet vert", "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{zoe}");
    co_organisers::invite(
        &app.db,
        &emails,
        e.id,
        ("Cora Coorganisatrice", CORA),
        Lang::Fr,
        now,
    )
    .await
    .unwrap();
    messages::send(
        &app.db,
        &emails,
        e.id,
        "drivers",
        "Rendez-vous au parking Zorglub à 9 h.",
        now,
    )
    .await
    .unwrap();
    s.inbox.deliver().await;
    // A hard bounce of Bruno's request email, his address suppressed; Anne stopped reminders.
    let bruno_mail = outbox::Entity::find()
        .filter(outbox::Column::RecipientKey.eq(BRUNO))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    bounce::ActiveModel {
        report_key: Set("<dsn-1@mx.example>".into()),
        outbox_id: Set(Some(bruno_mail.id)),
        email_key: Set(BRUNO.into()),
        kind: Set(BounceKind::Hard),
        status: Set("5.1.1".into()),
        diagnostic: Set(format!("550 5.1.1 <{BRUNO}> Bruno Blanc: no such user")),
        source: Set("dsn".into()),
        received_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    email_suppression::ActiveModel {
        email_key: Set(BRUNO.into()),
        reason: Set(format!("5.1.1 <{BRUNO}> no such user")),
        bounced_at: Set(now),
        until: Set(now + Duration::days(30)),
        hits: Set(1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    email_optout::ActiveModel {
        email_key: Set(ANNE.into()),
        grp: Set("reminder".into()),
        scope: Set("event".into()),
        scope_id: Set(e.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();

    // Anne's data link lives exactly until the purge.
    let anne = super::data_link::data_link_of(&app, ANNE).await;
    let token = anne.rsplit('/').next().unwrap();
    let urls = app.client.rocket().state::<Urls>().unwrap();
    let due = urls.purge_due(e.starts_at);
    assert_eq!(
        due,
        e.starts_at + Duration::days(15) + Duration::days(30),
        "30 days after the event's end (rides back included)"
    );
    assert!(
        urls.verify(Purpose::Data, token, due - Duration::minutes(1))
            .is_ok()
    );
    assert!(matches!(
        urls.verify(Purpose::Data, token, due),
        Err(LinkError::Expired { .. })
    ));

    let before = stats::compute(&app.db, now).await.unwrap();
    let everything = scan(&app, NEEDLES).await;
    for needle in NEEDLES {
        assert!(
            everything.iter().any(|(_, _, n)| n == needle),
            "the scan finds {needle} before the purge"
        );
    }

    // A day early: nothing.
    let mailer = app.mailer();
    let r = run(
        &app.db,
        &emails,
        &mailer,
        "t",
        Step::Purge,
        due - Duration::days(1),
    )
    .await;
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.purged, 0);
    assert_eq!(scan(&app, NEEDLES).await, everything);

    // Due: two instances at once, one purge.
    let at = due + Duration::minutes(1);
    let (a, b) = futures::join!(
        run(&app.db, &emails, &mailer, "a", Step::Purge, at),
        run(&app.db, &emails, &mailer, "b", Step::Purge, at)
    );
    assert!(a.errors.is_empty() && b.errors.is_empty(), "{a:?} {b:?}");
    assert_eq!(a.purged + b.purged, 1);
    let again = run(
        &app.db,
        &emails,
        &mailer,
        "t",
        Step::Purge,
        at + Duration::hours(1),
    )
    .await;
    assert_eq!(again.purged, 0, "each event once");

    let left = scan(&app, NEEDLES).await;
    assert!(left.is_empty(), "left after the purge: {left:?}");
    assert_eq!(stats::compute(&app.db, now).await.unwrap(), before);
    let purges = purge::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(purges.len(), 1);
    assert_eq!(purges[0].reason, "retention");
    assert!(purges[0].people >= 7, "{purges:?}");
    assert!(purges[0].emails > 10, "{purges:?}");
    let e = event::Entity::find_by_id(e.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.purged_at, Some(at));
    assert_eq!(e.name, "Tournoi de printemps", "the event itself stays");

    // /admin says what the purge did.
    let res = app
        .client
        .get("/admin?lang=en")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    let page = text(&res.into_string().await.unwrap());
    let en = T::get(Lang::En);
    assert!(page.contains(en.t("admin-purges")), "{page}");
    assert!(
        page.contains(&format!("Tournoi de printemps ({})", s.slug)),
        "{page}"
    );
    assert!(
        page.contains(en.t("admin-purge-reason-retention")),
        "{page}"
    );
    drop(s);
    app.finish().await;
}

async fn covoit_sweep_purge_erases_a_past_event(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let (status, _) = app
        .book(offer["id"].as_str().unwrap(), "paula.secret@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);
    // The event took place 50 days ago.
    let e = event::Entity::find()
        .filter(event::Column::Slug.eq(slug.as_str()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let mut past: event::ActiveModel = e.into();
    past.starts_at = Set(Utc::now() - Duration::days(50));
    past.update(&app.db.conn).await.unwrap();
    let needles = ["paula.secret@example.org", common::DRIVER_EMAIL, "Odile"];
    assert!(scan(app, &needles).await.len() >= 3);

    let dir = tempfile::tempdir().unwrap();
    let sweep = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_covoit"))
            .env_clear()
            .current_dir(dir.path())
            .env("RUST_LOG", "warn")
            .env("DATABASE_URL", &app.url)
            .args(["sweep", "purge"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let out = sweep();
    assert!(
        out.contains("purge: personal data of 1 event(s) erased"),
        "{out}"
    );
    assert_eq!(scan(app, &needles).await, Vec::new());
    let out = sweep();
    assert!(
        out.contains("purge: personal data of 0 event(s) erased"),
        "{out}"
    );
}
