//! Consent: a driver or a passenger may tick a box (form) or send `share_contact` (API) to
//! share their email and phone with the organisers; the CSV (parsed as a spreadsheet would)
//! and the roster show them for those people only, the columns empty for everyone else.
use super::csv::parse;
use super::text;
use crate::common::{self, Backend, TestApp, local_in_days};
use chrono::Utc;
use covoit::domain::Lang;
use covoit::i18n::T;
use rocket::http::Status;
use serde_json::json;

const CHLOE: &str = "chloe@example.org";
const CHLOE_PHONE: &str = "06 11 22 33 44";
const PAUL: &str = "paul@example.org";
const PAUL_PHONE: &str = "07 55 66 77 88";
const DORA: &str = "dora@example.org";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn contacts_reach_the_organisers_only_with_consent() {
    let app = TestApp::start(Backend::Sqlite).await;
    let fr = T::get(Lang::Fr);
    // Ride 1 (the fixture's): its driver did not tick the box.
    let (slug, offer, _) = app.event_with_offer().await;
    let offer = offer["id"].as_str().unwrap().to_owned();
    // Ride 2, offered from the form with the box ticked (the form shows it, unticked).
    let (_, form) = app.get(&format!("/e/{slug}/offers/new")).await;
    assert!(text(&form).contains(fr.t("share-contact")), "{form}");
    assert!(form.contains("name=\"share_contact\""));
    let (status, body, location) = app
        .post_form(
            &format!("/e/{slug}/offers"),
            &[
                ("direction", "to_event"),
                ("place", "Vénissieux"),
                ("departs_at", &local_in_days(10, 11)),
                ("seats", "2"),
                ("driver_name", "Dora Driver"),
                ("driver_email", DORA),
                ("driver_phone", "06 99 88 77 66"),
                ("share_contact", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let dora_ride = location.unwrap().split('?').next().unwrap().to_owned();
    let dora_ride = dora_ride.trim_start_matches("/o/").to_owned();

    // Chloé books from the page with the box ticked; Paul through the API without it.
    let (_, page) = app.get(&format!("/o/{offer}")).await;
    assert!(
        text(&page).contains(fr.t("share-contact")),
        "the booking form"
    );
    let (status, body, _) = app
        .post_form(
            &format!("/o/{offer}/requests"),
            &[
                ("passenger_name", "Chloé Durand"),
                ("passenger_email", CHLOE),
                ("passenger_phone", CHLOE_PHONE),
                ("seats", "1"),
                ("share_contact", "on"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let (status, paul) = app
        .post_json(
            &format!("/api/offers/{offer}/reservations"),
            &json!({"passenger_name": "Paul Passager", "passenger_email": PAUL,
                    "passenger_phone": PAUL_PHONE, "share_contact": false}),
        )
        .await;
    assert_eq!(status, Status::Created, "{paul}");
    // And Ivan on Dora's ride through the API, agreeing.
    let (status, ivan) = app
        .post_json(
            &format!("/api/offers/{dora_ride}/reservations"),
            &json!({"passenger_name": "Ivan Ivanov", "passenger_email": "ivan@example.org",
                    "share_contact": true}),
        )
        .await;
    assert_eq!(status, Status::Created, "{ivan}");
    let rows: Vec<covoit::entities::reservation::Model> = {
        use sea_orm::EntityTrait;
        covoit::entities::reservation::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()
    };
    assert_eq!(rows.len(), 3);
    for r in &rows {
        covoit::services::decisions::accept(&app.db, &app.emails(), r.id, None, Utc::now())
            .await
            .unwrap();
    }

    let e = covoit::services::events::by_slug(&app.db, &slug)
        .await
        .unwrap();
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        e.id,
        Utc::now() + chrono::Duration::days(1),
    );
    let (status, csv) = app
        .get(&format!("/link/event/{token}/csv?sep=semicolon&lang=fr"))
        .await;
    assert_eq!(status, Status::Ok);
    let rows = parse(&csv, ";");
    assert_eq!(
        &rows[0][11..],
        [
            "e-mail du conducteur",
            "téléphone du conducteur",
            "e-mail du passager",
            "téléphone du passager"
        ],
        "{:?}",
        rows[0]
    );
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[8] == name)
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
            .clone()
    };
    let chloe = row("Chloé Durand");
    assert_eq!(&chloe[11..], ["", "", CHLOE, CHLOE_PHONE], "hers only");
    let paul = row("Paul Passager");
    assert_eq!(&paul[11..], ["", "", "", ""], "no consent, no contact");
    let ivan = row("Ivan Ivanov");
    assert_eq!(
        &ivan[11..],
        [DORA, "06 99 88 77 66", "ivan@example.org", ""],
        "Dora and Ivan agreed"
    );
    assert!(!csv.contains(PAUL) && !csv.contains(PAUL_PHONE));
    assert!(!csv.contains(common::DRIVER_EMAIL) && !csv.contains(common::DRIVER_PHONE));

    // The roster likewise: Chloé's, Ivan's and Dora's contacts, nobody else's.
    let (_, page) = app.get(&format!("/link/event/{token}")).await;
    let page = text(&page);
    for shown in [CHLOE, CHLOE_PHONE, "ivan@example.org", DORA] {
        assert!(page.contains(shown), "{shown} in the roster");
    }
    for hidden in [PAUL, PAUL_PHONE, common::DRIVER_EMAIL, common::DRIVER_PHONE] {
        assert!(!page.contains(hidden), "{hidden} is not in the roster");
    }
    app.finish().await;
}
