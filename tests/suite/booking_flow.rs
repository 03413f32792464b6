//! Event → offer with a ride back → booking, through the JSON API and through the HTML forms,
//! on SQLite and on PostgreSQL.
use crate::common;

use common::{TestApp, local_in_days};
use covoit::entities::reservation;
use rocket::http::Status;
use sea_orm::EntityTrait;

on_both_backends!(api_flow, form_flow, return_trip_is_linked_both_ways);

async fn api_flow(app: &TestApp) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    assert_eq!(event["timezone"], "Europe/Paris");
    assert!(
        event["starts_at"].as_str().unwrap().ends_with("+01:00")
            || event["starts_at"].as_str().unwrap().ends_with("+02:00")
    );
    assert_eq!(event["url"], format!("https://covoit.test/e/{slug}"));

    let (offer, ret) = app.create_offer(slug).await;
    assert_eq!(offer["direction"], "to_event");
    assert_eq!(offer["seats_total"], 3);
    assert_eq!(offer["seats_left"], 3);
    assert_eq!(offer["driver_first_name"], "Denise");
    assert_eq!(offer["status"], "open");
    assert_eq!(ret["direction"], "from_event");
    assert_eq!(
        ret["seats_total"], 3,
        "the ride back defaults to the same seats"
    );
    assert_eq!(ret["place"], offer["place"], "and to the same place");

    let offer_id = offer["id"].as_str().unwrap().to_owned();
    let (status, body) = app.book(&offer_id, "paul@example.org", 2).await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(body["reservation"]["status"], "pending");
    assert_eq!(body["reservation"]["seats"], 2);
    // expires_at = min(now + 24 h, departure): the departure is 10 days away.
    let expires =
        chrono::DateTime::parse_from_rfc3339(body["reservation"]["expires_at"].as_str().unwrap())
            .unwrap();
    let hours =
        (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes() as f64 / 60.0;
    assert!((23.9..=24.0).contains(&hours), "expires in {hours} h");

    // A pending request holds no seat.
    let (status, offer_now) = app.get_json(&format!("/api/offers/{offer_id}")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(offer_now["offer"]["seats_left"], 3);
    let (_, listing) = app.get_json(&format!("/api/events/{slug}")).await;
    assert_eq!(listing["offers"].as_array().unwrap().len(), 2);
    assert_eq!(listing["event"]["slug"], slug);

    // The stored request remembers its passenger's language (the API default: fr).
    let stored = reservation::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status.as_str(), "pending");
    assert_eq!(stored[0].locale, "fr");
}

async fn form_flow(app: &TestApp) {
    let (status, _, location) = app
        .post_form(
            "/events?lang=en",
            &[
                ("name", "School fair"),
                ("venue", "Lycée Ampère"),
                ("starts_at", &local_in_days(20, 10)),
                ("timezone", "Europe/Paris"),
                ("organizer_name", "Olivia"),
                ("organizer_email", "olivia@school.example"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    let location = location.expect("redirect to the event page");
    assert!(
        location.starts_with("/e/school-fair-") && location.ends_with("?created=1"),
        "{location}"
    );
    let slug = location
        .trim_start_matches("/e/")
        .trim_end_matches("?created=1")
        .to_owned();

    let (status, page) = app.get(&location).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("School fair"));
    let unescaped = page
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">");
    assert!(
        unescaped.contains(&format!(
            "<script src=\"https://covoit.test/widget.js\" data-event=\"{slug}\" async></script>"
        )),
        "the embed snippet is shown: {page}"
    );

    let (status, _, location) = app
        .post_form(
            &format!("/e/{slug}/offers"),
            &[
                ("direction", "to_event"),
                ("place", "Vénissieux"),
                ("departs_at", &local_in_days(20, 8)),
                ("seats", "4"),
                ("notes", "Room for a bike"),
                ("driver_name", "Dan Driver"),
                ("driver_email", "dan@example.org"),
                ("driver_phone", ""),
                ("return_departs_at", &local_in_days(20, 18)),
                ("return_seats", "2"),
                ("return_place", ""),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    let location = location.unwrap();
    assert!(
        location.starts_with("/o/") && location.ends_with("?published=1"),
        "{location}"
    );
    let offer_path = location.split('?').next().unwrap().to_owned();

    let (status, page) = app.get(&format!("{offer_path}?lang=en")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("4 seats left"), "{page}");
    assert!(page.contains("See the ride back"));

    let (status, _, sent) = app
        .post_form(
            &format!("{offer_path}/requests?lang=en"),
            &[
                ("passenger_name", "Pia"),
                ("passenger_email", "pia@example.org"),
                ("passenger_phone", ""),
                ("seats", "2"),
                ("pickup", "Bus stop"),
                ("message", "Thanks!"),
                ("locale", "en"),
            ],
        )
        .await;
    // Post/Redirect/Get: the confirmation is a page of its own.
    assert_eq!(status, Status::SeeOther);
    let (status, page) = app.get(&sent.expect("a redirect")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Request sent"), "{page}");
    assert!(page.contains("Answer expected before"));

    // Still 4 seats left: the request is pending.
    let (_, page) = app.get(&format!("/e/{slug}?lang=en")).await;
    assert!(page.contains("4 seats left"));
    assert!(page.contains("2 seats left"), "the ride back has 2 seats");
    let stored = reservation::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(
        (
            stored[0].status.as_str(),
            stored[0].seats,
            stored[0].locale.as_str()
        ),
        ("pending", 2, "en")
    );
}

async fn return_trip_is_linked_both_ways(app: &TestApp) {
    let event = app.create_event().await;
    let (offer, ret) = app.create_offer(event["slug"].as_str().unwrap()).await;
    let (_, outbound_page) = app
        .get(&format!("/o/{}?lang=fr", offer["id"].as_str().unwrap()))
        .await;
    assert!(outbound_page.contains(&format!("href=\"/o/{}\"", ret["id"].as_str().unwrap())));
    let (_, return_page) = app
        .get(&format!("/o/{}?lang=fr", ret["id"].as_str().unwrap()))
        .await;
    assert!(return_page.contains(&format!("href=\"/o/{}\"", offer["id"].as_str().unwrap())));
    assert!(return_page.contains("Voir le trajet aller"));
}
