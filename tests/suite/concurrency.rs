//! Races: identical requests at once create one request; many writers at once (also from two
//! app instances on one database) never fail with "database is locked".
use crate::common;

use common::{Backend, TestApp, base_figment};
use covoit::entities::reservation;
use futures::future::join_all;
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

on_both_backends!(
    identical_requests_at_once_make_one,
    many_passengers_at_once_all_succeed
);

async fn identical_requests_at_once_make_one(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let id = offer["id"].as_str().unwrap().to_owned();
    let attempts = (0..20).map(|_| app.book(&id, "same@example.org", 1));
    let results = join_all(attempts).await;
    let created = results
        .iter()
        .filter(|(s, _)| *s == Status::Created)
        .count();
    let duplicates = results
        .iter()
        .filter(|(s, b)| *s == Status::Conflict && b["error"]["code"] == "duplicate_request")
        .count();
    assert_eq!((created, duplicates), (1, 19), "{results:?}");
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        1
    );
}

async fn many_passengers_at_once_all_succeed(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let id = offer["id"].as_str().unwrap().to_owned();
    let emails: Vec<String> = (0..60).map(|i| format!("p{i}@example.org")).collect();
    let results = join_all(emails.iter().map(|e| app.book(&id, e, 1))).await;
    for (status, body) in &results {
        assert_eq!(*status, Status::Created, "{body}");
    }
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        60
    );
}

/// Two app instances (two pools, as two processes would have) on one SQLite file, writing at
/// the same time: the busy timeout and `BEGIN IMMEDIATE` make them wait for each other.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_sqlite_file() {
    let first = TestApp::start(Backend::Sqlite).await;
    let url = first
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let second = Client::tracked(covoit::build(base_figment(&url)))
        .await
        .unwrap();

    let (_, offer, _) = first.event_with_offer().await;
    let path = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    let requests = (0..80).map(|i| {
        let client = if i % 2 == 0 { &first.client } else { &second };
        let body = json!({"passenger_name": "P", "passenger_email": format!("p{i}@example.org")})
            .to_string();
        let path = path.clone();
        async move {
            let res = client
                .post(path)
                .header(ContentType::JSON)
                .body(body)
                .dispatch()
                .await;
            (res.status(), res.into_string().await.unwrap_or_default())
        }
    });
    let results = join_all(requests).await;
    for (status, body) in &results {
        assert_eq!(*status, Status::Created, "{body}");
    }
    assert_eq!(
        reservation::Entity::find()
            .count(&first.db.conn)
            .await
            .unwrap(),
        80
    );
    drop(second);
    first.finish().await;
}

/// The event page's short cache: an instance sees its own writes at once, and another
/// instance's within the cache's two seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_event_page_cache_never_hides_writes_for_long() {
    let first = TestApp::start(Backend::Sqlite).await;
    let url = first
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let second = Client::tracked(covoit::build(base_figment(&url)))
        .await
        .unwrap();
    let slug = first.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let count = |json: serde_json::Value| json["offers"].as_array().map_or(0, Vec::len);
    let path = format!("/api/events/{slug}");
    assert_eq!(count(first.get_json(&path).await.1), 0);
    // Its own write: visible at once, although the page was just read (and cached).
    first.create_offer(&slug).await;
    assert_eq!(count(first.get_json(&path).await.1), 2);
    // Another instance's write: visible within the freshness bound.
    let body = common::offer_body();
    let res = second
        .post(format!("/api/events/{slug}/offers"))
        .header(ContentType::JSON)
        .body(body.to_string())
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Created);
    drop(res);
    let started = std::time::Instant::now();
    loop {
        if count(first.get_json(&path).await.1) == 4 {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_millis(2500),
            "stale for too long"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    drop(second);
    first.finish().await;
}
