//! Issue 15's "done means", as one season told through HTTP and the emails sent over SMTP: a
//! weekly series of three trainings, a driver repeating a ride over the three, an edit of the
//! second date (everyone concerned told), a co-organiser cancelling the third (everyone told),
//! a message to all drivers, the CSV read by a spreadsheet parser with `;`, a passenger
//! exporting then deleting her data, and the purge 30 days after the first training.
use super::*;

use chrono::Duration;
use covoit::domain::{EventStatus, Lang};
use covoit::entities::event;
use covoit::i18n::T;
use covoit::services::{purge, stats};
use covoit::urls::Urls;
use sea_orm::QueryOrder;

on_both_backends!(a_season_of_trainings);

const CORA: &str = "cora@example.org";
const CARLA: &str = "carla@example.org";
const DORA: &str = "dora@example.org";
const BEA: &str = "bea@example.org";
const DRIVER: &str = common::DRIVER_EMAIL;

/// The email to `to` among `mails` that says `words`.
fn says<'m>(mails: &'m [common::inbox::Mail], to: &str, words: &str) -> &'m common::inbox::Mail {
    mails
        .iter()
        .find(|m| m.to == to && m.text.contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no email to {to} saying {words:?}: {:?}",
                mails
                    .iter()
                    .map(|m| (&m.to, &m.subject))
                    .collect::<Vec<_>>()
            )
        })
}

/// A confirmed seat for `who` on `offer` (the driver accepts from the link in the email).
async fn seat(app: &TestApp, inbox: &Inbox<'_>, offer: &str, name: &str, who: &str) {
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer}/reservations"),
            &json!({"passenger_name": name, "passenger_email": who,
                    "passenger_phone": "06 11 22 33 44", "pickup": format!("Quai {name}"),
                    "share_contact": true, "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let mails = inbox.deliver().await;
    let accept = link(&says(&mails, DRIVER, name).text, "accept");
    let (status, _, _) = app.post_form(&accept, &[]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    assert!(
        mails.iter().any(|m| m.to == who),
        "{who} is told her seat is confirmed"
    );
}

async fn a_season_of_trainings(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let inbox = crate::series::inbox(&app, server);
    let t = T::get(Lang::Fr);

    // A weekly series of three trainings (10, 17 and 24 days ahead): one email, one link.
    let slugs = crate::series::weekly_three(&app).await;
    assert_eq!(slugs.len(), 3);
    let dates: Vec<event::Model> = crate::series::events(&app).await;
    let mails = inbox.deliver().await;
    let organiser = link(&one(&mails, common::ORGANIZER_EMAIL).text, "event");

    // The driver offers a ride on the first date and repeats it over the other two.
    let mut body = common::offer_body();
    body["repeat_on"] = json!([slugs[1], slugs[2]]);
    let (status, answer) = app
        .post_json(&format!("/api/events/{}/offers", slugs[0]), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    let repeated = answer["repeated"].as_array().expect("the other dates");
    assert_eq!(repeated.len(), 2);
    let rides = [
        answer["offer"]["id"].as_str().unwrap().to_owned(),
        repeated[0]["offer"]["id"].as_str().unwrap().to_owned(),
        repeated[1]["offer"]["id"].as_str().unwrap().to_owned(),
    ];
    for (ride, slug) in rides.iter().zip(&slugs) {
        let (status, page) = app.get_json(&format!("/api/offers/{ride}")).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(page["offer"]["event_slug"], slug.as_str());
    }
    let mails = inbox.deliver().await;
    let published = one(&mails, DRIVER);
    assert_eq!(
        published.text.matches("/link/manage/").count(),
        3,
        "one email with a manage link per date"
    );

    // Passengers: Carla and Dora on the first date, Anne on the second, Bea on the third.
    seat(&app, &inbox, &rides[0], "Carla Carpool", CARLA).await;
    seat(&app, &inbox, &rides[0], "Dora Dupuis", DORA).await;
    seat(&app, &inbox, &rides[1], "Anne Aubert", ANNE).await;
    seat(&app, &inbox, &rides[2], "Bea Berger", BEA).await;

    // The second date moves a day later, to another venue, through the series' one link:
    // its driver and its passenger are told; nobody of the other dates is.
    let second = format!("{organiser}~{}", dates[1].id);
    let (status, _, location) = post(
        &app,
        &format!("{second}/edit"),
        &edit_form("Gymnase Jean Jaurès, Villeurbanne", 18),
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=saved"));
    let mails = inbox.deliver().await;
    let mut told: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    told.sort();
    assert_eq!(told, [ANNE, DRIVER], "the second date's people, once each");
    for m in &mails {
        assert!(m.text.contains("Gymnase Jean Jaurès"), "{}", m.text);
    }

    // A co-organiser, invited from the organiser page, cancels the third date with her own
    // link: its ride ends, its passenger and driver are told once.
    let (status, _, _) = post(
        &app,
        &format!("{organiser}/co-organisers"),
        &[
            ("co_name", "Cora Coorganisatrice".to_owned()),
            ("co_email", CORA.to_owned()),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    let cora = link(&one(&mails, CORA).text, "event");
    assert_ne!(cora, organiser);
    let third = format!("{cora}~{}", dates[2].id);
    let note = vec![("note", "Terrain indisponible ce jour-là.".to_owned())];
    let (status, _, location) = post(&app, &format!("{third}/cancel"), &note).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=cancelled"));
    // A second click says the event is cancelled, and sends nothing more (below: once each).
    let (status, again, _) = post(&app, &format!("{third}/cancel"), &note).await;
    assert_eq!(status, Status::Gone);
    assert!(
        text(&again).contains(t.t("org-event-cancelled-body")),
        "{again}"
    );
    let mails = inbox.deliver().await;
    let mut told: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    told.sort();
    assert_eq!(told, [BEA, DRIVER], "the third date's people, once each");
    for m in &mails {
        assert!(m.text.contains("Terrain indisponible"), "{}", m.text);
    }
    let (_, page) = app.get(&format!("/e/{}", slugs[2])).await;
    assert!(text(&page).contains(t.t("org-public-cancelled")), "{page}");
    let statuses: Vec<EventStatus> = crate::series::events(&app)
        .await
        .iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(
        statuses,
        [EventStatus::Open, EventStatus::Open, EventStatus::Cancelled]
    );

    // One message to all drivers of the first date.
    let words = "Rendez-vous au parking nord, portail B.";
    let (status, _, _) = post(
        &app,
        &format!("{organiser}/messages"),
        &[
            ("audience", "drivers".to_owned()),
            ("message", words.to_owned()),
        ],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    assert_eq!(says(&mails, DRIVER, words).to, DRIVER);
    assert_eq!(mails.len(), 1, "drivers only");

    // The CSV, as a French spreadsheet opens it: `;`, a byte-order mark, a row per seat, and
    // contacts only for those who agreed (here, all of them).
    let (status, csv) = app
        .get(&format!("{organiser}/csv?sep=semicolon&lang=fr"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(csv.starts_with('\u{feff}'));
    let rows = super::csv::parse(&csv, ";");
    let names: Vec<&str> = rows.iter().skip(1).map(|r| r[8].as_str()).collect();
    assert!(
        names.contains(&"Carla Carpool") && names.contains(&"Dora Dupuis"),
        "{rows:?}"
    );
    assert!(!names.contains(&"Anne Aubert"), "one date's CSV: {rows:?}");
    assert!(rows.iter().any(|r| r.iter().any(|c| c == DORA)), "{rows:?}");

    // Carla exports what covoit holds about her, then deletes it: her seat is freed and the
    // driver is told.
    let carla_mails = inbox.deliver().await;
    assert!(carla_mails.is_empty());
    let carla_data = {
        let row = covoit::entities::outbox::Entity::find()
            .filter(covoit::entities::outbox::Column::RecipientKey.eq(CARLA))
            .order_by_desc(covoit::entities::outbox::Column::Id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        link(&row.text_body, "data")
    };
    let res = app
        .client
        .get(format!("{carla_data}/export"))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Ok);
    let export: serde_json::Value =
        serde_json::from_str(&res.into_string().await.unwrap()).unwrap();
    let exported = export.to_string();
    assert!(exported.contains("Carla Carpool") && exported.contains(CARLA));
    assert!(
        !exported.contains("Dora") && !exported.contains(DRIVER),
        "hers only"
    );
    let (status, _, _) = app.post_form(&carla_data, &[("confirm", "yes")]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    assert!(
        mails.iter().any(|m| m.to == DRIVER),
        "the driver learns the seat is free: {:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
    let (_, page) = app.get(&carla_data).await;
    assert!(
        !text(&page).contains("Carla Carpool"),
        "nothing left of her"
    );

    // 30 days after the first training's end, its personal data goes; the statistics stay,
    // and the second date, not due yet, keeps Anne.
    let urls = app.client.rocket().state::<Urls>().unwrap();
    let due = urls.purge_due(dates[0].starts_at);
    let before = stats::compute(&app.db, due).await.unwrap();
    let needles = [
        "Dora Dupuis",
        DORA,
        "Quai Dora",
        "parking nord",
        "Carla",
        CARLA,
    ];
    assert!(
        !crate::privacy_data::scan(&app, &needles[..4])
            .await
            .is_empty(),
        "Dora is there before the purge"
    );
    let early = purge::purge_due(&app.db, 30, due - Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(early.events, 0, "not a day early");
    let done = purge::purge_due(&app.db, 30, due).await.unwrap();
    assert_eq!(done.events, 1, "the first training only");
    let left = crate::privacy_data::scan(&app, &needles).await;
    assert!(left.is_empty(), "personal data left: {left:?}");
    assert!(
        !crate::privacy_data::scan(&app, &["Anne Aubert"])
            .await
            .is_empty(),
        "the second date is not due"
    );
    let after = stats::compute(&app.db, due).await.unwrap();
    assert_eq!(
        serde_json::to_value(&before).unwrap(),
        serde_json::to_value(&after).unwrap(),
        "the statistics are unchanged"
    );
    let first = event::Entity::find()
        .filter(event::Column::Slug.eq(slugs[0].as_str()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(first.purged_at.is_some());
    assert_eq!(
        first.name, dates[0].name,
        "the event itself is public and stays"
    );
}
