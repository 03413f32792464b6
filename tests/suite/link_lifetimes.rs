//! Links never outlive what they grant: a link shown on a link page expires no later than the
//! link that was opened (no chain of pages renewing each other forever), emailed links end with
//! the request, the trip or the event, and the private pages of a trip long over are gone.
use crate::common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use common::{Backend, TEST_KEY, TestApp, local_in_days};
use covoit::entities::{event, offer, outbox, reservation};
use covoit::links::{Purpose, sign};
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

/// Every `/link/{purpose}/{token}` in a text, with the token's expiry (read from its payload).
fn links_in(text: &str) -> Vec<(String, String, DateTime<Utc>)> {
    let re = regex::Regex::new(r"/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)").unwrap();
    re.captures_iter(text)
        .map(|c| {
            let payload = URL_SAFE_NO_PAD
                .decode(c[2].split('.').next().unwrap())
                .unwrap();
            let secs = i64::from_be_bytes(payload[10..18].try_into().unwrap());
            (
                c[1].to_owned(),
                c[2].to_owned(),
                DateTime::from_timestamp(secs, 0).unwrap(),
            )
        })
        .collect()
}

fn token(purpose: Purpose, id: i64, expires: DateTime<Utc>) -> String {
    sign(TEST_KEY.as_bytes(), purpose, id, expires)
}

async fn booked(app: &TestApp) -> (String, i64, i64) {
    let (slug, offer, _) = app.event_with_offer().await;
    let public_id = offer["id"].as_str().unwrap().to_owned();
    let (status, body) = app.book(&public_id, "paul@example.org", 1).await;
    assert_eq!(status, Status::Created, "{body}");
    let offer_id = app.offer_row(&public_id).await.id;
    (slug, offer_id, body["reservation"]["id"].as_i64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_link_page_never_shows_a_link_that_outlives_it() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (_, _, rid) = booked(&app).await;
    let soon = Utc::now() + Duration::hours(1);

    // The accept page links to the driver's page: no later than the accept link itself.
    let (status, page) = app
        .get(&format!(
            "/link/accept/{}",
            token(Purpose::Accept, rid, soon)
        ))
        .await;
    assert_eq!(status, Status::Ok);
    let manage: Vec<_> = links_in(&page)
        .into_iter()
        .filter(|(p, _, _)| p == "manage")
        .collect();
    assert_eq!(manage.len(), 1, "{page}");
    assert!(manage[0].2 <= soon, "manage link until {}", manage[0].2);

    // The driver's page links to the ride back: no later than the page's own link either, so
    // opening one from the other never gives a longer life.
    let (status, page) = app.get(&format!("/link/manage/{}", manage[0].1)).await;
    assert_eq!(status, Status::Ok);
    let other_leg: Vec<_> = links_in(&page)
        .into_iter()
        .filter(|(p, t, _)| p == "manage" && *t != manage[0].1)
        .collect();
    assert!(!other_leg.is_empty(), "the ride back is linked: {page}");
    for (_, _, until) in other_leg {
        assert!(until <= soon, "the other leg's link lives until {until}");
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn emailed_links_end_with_the_request_and_the_trip() {
    let app = TestApp::start(Backend::Sqlite).await;
    let mut event = common::event_body();
    event["starts_at"] = json!(local_in_days(1, 14));
    let (status, body) = app.post_json("/api/events", &event).await;
    assert_eq!(status, Status::Created, "{body}");
    let slug = body["event"]["slug"].as_str().unwrap().to_owned();
    let mut ride = common::offer_body();
    ride["departs_at"] = json!(local_in_days(1, 12));
    ride.as_object_mut().unwrap().remove("return");
    let (status, body) = app
        .post_json(&format!("/api/events/{slug}/offers"), &ride)
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let offer_id = body["offer"]["id"].as_str().unwrap().to_owned();
    let (status, _) = app.book(&offer_id, "paul@example.org", 1).await;
    assert_eq!(status, Status::Created);

    let o = offer::Entity::find_by_id(app.offer_row(&offer_id).await.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let r = reservation::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let trip_end = o.departs_at + Duration::days(2);
    let mut seen = 0;
    for email in outbox::Entity::find().all(&app.db.conn).await.unwrap() {
        for (purpose, _, until) in links_in(&email.text_body) {
            let bound = match purpose.as_str() {
                "accept" | "refuse" => r.expires_at,
                "manage" | "booking" => trip_end,
                "event" => e.starts_at + Duration::days(15),
                // What it grants (the person's data) lasts until the purge, 30 days later.
                "data" => e.starts_at + Duration::days(15 + 30),
                other => panic!("unexpected purpose {other}"),
            };
            assert!(
                until <= bound,
                "{purpose} link in {} until {until}, past {bound}",
                email.kind
            );
            if purpose != "event" && purpose != "data" {
                assert!(until < Utc::now() + Duration::days(7) - Duration::hours(1));
            }
            seen += 1;
        }
    }
    assert!(seen >= 5, "{seen} links checked");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_private_pages_of_a_trip_long_over_are_gone() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (_, offer_id, rid) = booked(&app).await;
    let tomorrow = Utc::now() + Duration::days(1);
    let manage = format!(
        "/link/manage/{}",
        token(Purpose::Manage, offer_id, tomorrow)
    );
    let booking = format!("/link/booking/{}", token(Purpose::Booking, rid, tomorrow));
    let event = format!("/link/event/{}", token(Purpose::Event, 1, tomorrow));
    for path in [&manage, &booking, &event] {
        assert_eq!(app.get(path).await.0, Status::Ok, "{path}");
    }

    // Three days after the ride left, and sixteen after the event started.
    let mut o = offer::Entity::find_by_id(offer_id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    o.departs_at = Set(Utc::now() - Duration::days(3));
    o.update(&app.db.conn).await.unwrap();
    let mut e = event::Entity::find_by_id(1)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    e.starts_at = Set(Utc::now() - Duration::days(16));
    e.update(&app.db.conn).await.unwrap();

    for path in [&manage, &booking, &event] {
        let (status, page) = app.get(path).await;
        assert_eq!(status, Status::Gone, "{path}");
        assert!(!page.contains(common::DRIVER_EMAIL) && !page.contains("paul@example.org"));
    }
    app.finish().await;
}
