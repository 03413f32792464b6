//! How SQLite finds a ride's requests awaiting an answer (issue 19, the event page's read).
//! Without statistics (no `ANALYZE` has run, as in every new database), SQLite chose the
//! `(status, expires_at)` index for `offer_id = ? AND status = 'pending' AND expires_at > ?`,
//! and so read every pending request of every event for each ride of the page: 20 rides and
//! 8,000 requests pending on other events made 320,000 index reads per uncached view. An
//! event's open rides were found the same way, through `(status, reminder_at)`. These tests
//! read the plans SQLite makes for the statements as the app builds them.
use chrono::Utc;
use covoit::services::{event_page, offers, series};
use rocket::http::Status;
use sea_orm::{DbBackend, QueryTrait};

use crate::common::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_the_event_page_counts_each_rides_requests_through_the_ride() {
    let app = TestApp::start(Backend::Sqlite).await;
    let stmt = event_page::statement(&app.db.conn, "some-event", Utc::now());
    let plan = app.sqlite_plan(DbBackend::Sqlite.build(&stmt)).await;
    let reads: Vec<&String> = plan
        .iter()
        .filter(|l| l.contains(" reservations "))
        .collect();
    // The count and the seats of each ride's pending requests: the ride's requests, their
    // state and expiry only checked.
    assert_eq!(reads.len(), 2, "{plan:#?}");
    for line in reads {
        assert!(
            line.contains("INDEX idx_reservations_offer_status (offer_id=?)"),
            "{plan:#?}"
        );
    }
    app.finish().await;
}

/// The same read on PostgreSQL, whose statistics lag: analysed while a ride's requests were
/// all answered, they tell it that pending requests are rare, and with thousands pending (a
/// busy hour of bookings, the bench's mixed workload) it counted each ride's requests through
/// `(status, expires_at)`, every pending request of every event, for each ride of the page.
/// The mixed workload on PostgreSQL went from 807-914 to 5,004 req/s once the expiry was
/// only checked (`portable::checked` on every database).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_the_event_page_counts_each_rides_requests_through_the_ride_whatever_the_statistics()
 {
    let app = TestApp::start(Backend::Postgres).await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    app.create_offer_as(&slug, "driver@example.org").await;
    // Another event, with 40 rides that get the requests: 500 each, all answered when the
    // statistics are taken, then all pending.
    let mut other = crate::common::event_body();
    other["organizer_email"] = serde_json::json!("other.club@example.org");
    let (_, other) = app.post_json("/api/events", &other).await;
    let other = other["event"]["slug"].as_str().unwrap().to_owned();
    for i in 0..20 {
        app.create_offer_as(&other, &format!("d{i}@example.org"))
            .await;
    }
    let insert = format!(
        "INSERT INTO reservations (offer_id, status, seats, passenger_name, passenger_email, \
         pickup, message, locale, created_at, expires_at, updated_at, share_contact) \
         SELECT o.id, 'expired', 1, 'P', 'p' || g || '@example.org', '', '', 'en', now(), \
         now() + interval '1 day', now(), false \
         FROM offers o JOIN events e ON e.id = o.event_id CROSS JOIN generate_series(1, 500) AS g \
         WHERE e.slug = '{other}'"
    );
    // The statistics are those of requests all answered.
    app.with_lagging_statistics(
        "reservations",
        &insert,
        "UPDATE reservations SET status = 'pending'",
    )
    .await;
    let stmt = event_page::statement(&app.db.conn, &slug, Utc::now());
    let plan = app.postgres_plan(DbBackend::Postgres.build(&stmt)).await;
    let uses = |index: &str| plan.iter().filter(|l| l.contains(index)).count();
    // Each ride's count and seats from its own requests; each waiting count from the event's
    // needs; no read from an index that starts with a state.
    assert_eq!(uses("Index Cond: (offer_id = offers.id)"), 2, "{plan:#?}");
    assert_eq!(uses("using idx_needs_event_status"), 2, "{plan:#?}");
    assert!(
        !plan
            .iter()
            .any(|l| l.contains("idx_reservations_status") || l.contains("idx_needs_status")),
        "{plan:#?}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_series_pending_requests_are_found_through_its_rides() {
    let app = TestApp::start(Backend::Sqlite).await;
    let stmt = series::pending_of_events(DbBackend::Sqlite, vec![1, 2, 3], Utc::now())
        .build(DbBackend::Sqlite);
    let sql = stmt.sql.clone();
    let plan = app.sqlite_plan(stmt).await;
    assert!(
        plan.iter()
            .any(|l| l.starts_with("SEARCH offers USING INDEX idx_offers_event_departs")),
        "{sql}: {plan:#?}"
    );
    assert!(
        plan.iter().any(|l| l.starts_with(
            "SEARCH reservations USING INDEX idx_reservations_offer_status (offer_id=?"
        )),
        "{plan:#?}"
    );
    assert!(
        !plan.iter().any(|l| l.contains("idx_reservations_status_")),
        "{plan:#?}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_an_events_open_rides_are_found_through_the_event() {
    let app = TestApp::start(Backend::Sqlite).await;
    for ids in [vec![7], vec![7, 8, 9]] {
        let stmt = offers::open_of(DbBackend::Sqlite, ids).build(DbBackend::Sqlite);
        let plan = app.sqlite_plan(stmt).await;
        assert_eq!(
            plan,
            ["SEARCH offers USING INDEX idx_offers_event_departs (event_id=?)"],
            "{plan:#?}"
        );
    }
    app.finish().await;
}

on_both_backends!(each_ride_counts_only_its_own_pending_requests);

/// Requests pending on another event's ride, and more on this one: the page counts its own.
async fn each_ride_counts_only_its_own_pending_requests(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let (_, elsewhere, _) = app.event_with_offer().await;
    for (ride, who, n) in [(&elsewhere, "o", 3), (&offer, "p", 2)] {
        for i in 0..n {
            let email = format!("{who}{i}@example.org");
            let (status, body) = app.book(ride["id"].as_str().unwrap(), &email, 1).await;
            assert_eq!(status, Status::Created, "{body}");
        }
    }
    let (status, page) = app.get_lang(&format!("/e/{slug}"), "en").await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("2 requests awaiting an answer"), "{page}");
    assert!(!page.contains("3 requests awaiting an answer"), "{page}");
}
