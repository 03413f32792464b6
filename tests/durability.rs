//! A database that cannot take writes (a full disk, simulated deterministically with
//! `sqlite_max_size`, i.e. SQLite's `max_page_count`): every write is either acknowledged and
//! there after a restart, or answered 503 with a message that says it was not saved; the health
//! check says writes are failing; and the app recovers by itself once space returns.
mod common;

use chrono::{Duration, Utc};
use common::{TEST_KEY, base_figment};
use covoit::entities::reservation;
use covoit::links::{Purpose, sign};
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

struct Site {
    _dir: tempfile::TempDir,
    url: String,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/covoit.db?mode=rwc", dir.path().display());
        Site { _dir: dir, url }
    }

    async fn start(&self, max_bytes: Option<u64>) -> Client {
        let mut figment = base_figment(&self.url);
        if let Some(b) = max_bytes {
            figment = figment.merge(("sqlite_max_size", b.to_string()));
        }
        Client::tracked(covoit::build(figment))
            .await
            .expect("the app starts")
    }

    /// A connection of the test's own, as another process would open the file.
    async fn raw(&self) -> DatabaseConnection {
        let mut options = sea_orm::ConnectOptions::new(self.url.clone());
        options.max_connections(1).sqlx_logging(false);
        let conn = Database::connect(options).await.expect("connect");
        conn.execute_unprepared("PRAGMA busy_timeout = 10000")
            .await
            .unwrap();
        conn
    }
}

async fn stop(client: Client) {
    let db = client.rocket().state::<covoit::Db>().unwrap().clone();
    drop(client);
    db.conn.close().await.ok();
}

async fn post_json(client: &Client, path: &str, body: &Value) -> (Status, Value) {
    let res = client
        .post(path)
        .header(ContentType::JSON)
        .body(body.to_string())
        .dispatch()
        .await;
    let status = res.status();
    let text = res.into_string().await.unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "raw": text }));
    (status, value)
}

async fn pages(conn: &DatabaseConnection, pragma: &str) -> u64 {
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!("PRAGMA {pragma}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap() as u64
}

/// Grows the file with filler rows, then returns a size cap a few pages above what it holds:
/// the next writes fill those pages, the ones after fail as on a full disk.
async fn fill_up(site: &Site, spare_pages: u64) -> u64 {
    let conn = site.raw().await;
    conn.execute_unprepared("CREATE TABLE IF NOT EXISTS filler (b BLOB)")
        .await
        .unwrap();
    for _ in 0..60 {
        conn.execute_unprepared("INSERT INTO filler VALUES (randomblob(8000))")
            .await
            .unwrap();
    }
    conn.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
        .await
        .unwrap();
    let used = pages(&conn, "page_count").await - pages(&conn, "freelist_count").await;
    conn.close().await.ok();
    (used + spare_pages) * 4096
}

/// Space comes back: the filler rows go, their pages are free inside the file again.
async fn free_space(site: &Site) {
    let conn = site.raw().await;
    conn.execute_unprepared("DELETE FROM filler").await.unwrap();
    conn.close().await.ok();
}

async fn health(client: &Client) -> (Status, Value) {
    let res = client.get("/healthz").dispatch().await;
    let status = res.status();
    (status, res.into_json::<Value>().await.unwrap())
}

async fn setup(site: &Site) -> (String, String) {
    let client = site.start(None).await;
    let (status, body) = post_json(&client, "/api/events", &common::event_body()).await;
    assert_eq!(status, Status::Created, "{body}");
    let slug = body["event"]["slug"].as_str().unwrap().to_owned();
    let (status, body) = post_json(
        &client,
        &format!("/api/events/{slug}/offers"),
        &json!({"driver_name": "Denise", "driver_email": common::DRIVER_EMAIL,
                "direction": "to_event", "place": "Villeurbanne",
                "departs_at": common::local_in_days(10, 12), "seats": 8}),
    )
    .await;
    assert_eq!(status, Status::Created, "{body}");
    let offer = body["offer"]["id"].to_string().trim_matches('"').to_owned();
    stop(client).await;
    (slug, offer)
}

async fn book(client: &Client, offer: &str, email: &str) -> (Status, Value) {
    post_json(
        client,
        &format!("/api/offers/{offer}/reservations"),
        &json!({"passenger_name": "Paul Passager", "passenger_email": email,
                "message": "x".repeat(900), "pickup": "Gare Part-Dieu"}),
    )
    .await
}

async fn reservation_of(conn: &DatabaseConnection, email: &str) -> Option<reservation::Model> {
    reservation::Entity::find()
        .filter(reservation::Column::PassengerEmail.eq(email))
        .one(conn)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_on_a_full_disk_are_saved_or_refused_never_lost() {
    let site = Site::new();
    let (_slug, offer) = setup(&site).await;
    let cap = fill_up(&site, 12).await;
    let client = site.start(Some(cap)).await;

    let (mut saved, mut refused) = (Vec::new(), Vec::new());
    for i in 0..30 {
        let email = format!("p{i}@example.org");
        let (status, body) = book(&client, &offer, &email).await;
        match status {
            Status::Created => saved.push(email),
            Status::ServiceUnavailable => {
                assert_eq!(body["error"]["code"], "unavailable", "{body}");
                let message = body["error"]["message"].as_str().unwrap();
                assert!(message.contains("pas été enregistrée"), "{message}");
                refused.push(email);
            }
            other => panic!("booking {i}: {other} {body}"),
        }
    }
    assert!(
        !saved.is_empty() && !refused.is_empty(),
        "{saved:?} {refused:?}"
    );
    let (status, h) = health(&client).await;
    assert_eq!(status, Status::ServiceUnavailable, "{h}");
    assert_eq!(h["writes"]["state"], "failing", "{h}");

    // The form says the same thing on a page.
    let res = client
        .post(format!("/o/{offer}/requests"))
        .header(ContentType::Form)
        .body(format!(
            "passenger_name=Page+Person&passenger_email=page%40example.org&message={}",
            "y".repeat(900)
        ))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::ServiceUnavailable);
    let page = res.into_string().await.unwrap();
    assert!(page.contains("pas été enregistrée"), "{page}");
    assert!(!page.contains("Nothing already saved was lost"), "{page}");

    // Space comes back: the same app takes writes again, without a restart.
    free_space(&site).await;
    for i in 30..36 {
        let email = format!("p{i}@example.org");
        let (status, body) = book(&client, &offer, &email).await;
        assert_eq!(status, Status::Created, "after space returned: {body}");
        saved.push(email);
    }
    let (status, h) = health(&client).await;
    assert_eq!(status, Status::Ok, "{h}");
    assert_eq!(h["writes"], "ok");
    stop(client).await;

    // After a restart every acknowledged booking is there and no refused one is.
    let conn = site.raw().await;
    for email in &saved {
        assert!(
            reservation_of(&conn, email).await.is_some(),
            "acknowledged booking of {email} lost ({} saved, {} refused)",
            saved.len(),
            refused.len()
        );
    }
    for email in &refused {
        assert!(reservation_of(&conn, email).await.is_none(), "{email}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accepts_and_sweeps_on_a_full_disk_are_saved_or_refused_never_lost() {
    let site = Site::new();
    let (_slug, offer) = setup(&site).await;
    let client = site.start(None).await;
    let mut ids = Vec::new();
    for i in 0..16 {
        let (status, body) = book(&client, &offer, &format!("a{i}@example.org")).await;
        assert_eq!(status, Status::Created, "{body}");
        ids.push(body["reservation"]["id"].as_i64().unwrap());
    }
    stop(client).await;

    let cap = fill_up(&site, 6).await;
    let client = site.start(Some(cap)).await;
    let (accept, expire) = ids.split_at(6);
    let (mut accepted, mut refused) = (Vec::new(), Vec::new());
    for id in accept {
        let token = sign(
            TEST_KEY.as_bytes(),
            Purpose::Accept,
            *id,
            Utc::now() + Duration::days(1),
        );
        let res = client
            .post(format!("/link/accept/{token}"))
            .dispatch()
            .await;
        match res.status() {
            Status::SeeOther => accepted.push(*id),
            Status::ServiceUnavailable => {
                let page = res.into_string().await.unwrap();
                assert!(page.contains("enregistrée") || page.contains("not saved"));
                refused.push(*id);
            }
            other => panic!("accept {id}: {other}"),
        }
    }
    assert!(!refused.is_empty(), "the disk never filled up");

    // The expiry sweep on a full disk fails and says so; nothing half-done is left.
    let db = client.rocket().state::<covoit::Db>().unwrap().clone();
    let mailer = client
        .rocket()
        .state::<covoit::mail::Mailer>()
        .unwrap()
        .clone();
    let later = Utc::now() + Duration::days(2);
    let report = covoit::jobs::run(&db, &mailer, "test", covoit::jobs::Step::Expire, later).await;
    assert!(!report.errors.is_empty(), "{report:?}");

    free_space(&site).await;
    for id in &refused {
        let token = sign(
            TEST_KEY.as_bytes(),
            Purpose::Accept,
            *id,
            Utc::now() + Duration::days(1),
        );
        let res = client
            .post(format!("/link/accept/{token}"))
            .dispatch()
            .await;
        assert_eq!(res.status(), Status::SeeOther, "after space returned");
    }
    accepted.append(&mut refused);
    let report = covoit::jobs::run(&db, &mailer, "test", covoit::jobs::Step::Expire, later).await;
    assert!(report.errors.is_empty(), "{report:?}");
    assert_eq!(report.expired, expire.len() as u64);
    stop(client).await;

    let conn = site.raw().await;
    for id in &accepted {
        let r = reservation::Entity::find_by_id(*id)
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.status, "confirmed", "accept of {id} lost");
    }
    for id in expire {
        let r = reservation::Entity::find_by_id(*id)
            .one(&conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.status, "expired", "expiry of {id} lost");
    }
}
