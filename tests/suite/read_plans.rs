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
    // The count and the seats of each ride's pending requests.
    assert_eq!(reads.len(), 2, "{plan:#?}");
    for line in reads {
        assert!(
            line.contains("INDEX idx_reservations_offer_status (offer_id=? AND status=?)"),
            "{plan:#?}"
        );
    }
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
