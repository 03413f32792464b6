//! The event page's cache (issue 19): a write re-reads only the pages of the events it changed,
//! every page shows this instance's writes at once, and `page_cache = false` reads on every
//! view. "Behind the app's back" below is a statement run on the database directly, which no
//! cache hears of: it shows whether a page was read again or served from its copy.
use rocket::http::Status;
use sea_orm::ConnectionTrait;

use crate::common::{Backend, TestApp};

on_both_backends!(a_booking_rereads_its_own_event_only);

/// Changes an offer's place text without the app knowing.
async fn place_behind_the_back(app: &TestApp, public_id: &str, place: &str) {
    let sql = format!("UPDATE offers SET place = '{place}' WHERE public_id = '{public_id}'");
    app.db.conn.execute_unprepared(&sql).await.unwrap();
}

async fn page(app: &TestApp, slug: &str) -> String {
    let (status, body) = app.get_lang(&format!("/e/{slug}"), "en").await;
    assert_eq!(status, Status::Ok);
    body
}

async fn a_booking_rereads_its_own_event_only(app: &TestApp) {
    let (a, a_offer, _) = app.event_with_offer().await;
    let (b, b_offer, _) = app.event_with_offer().await;
    let a_id = a_offer["id"].as_str().unwrap();
    let b_id = b_offer["id"].as_str().unwrap();
    // Both pages read (and kept).
    assert!(!page(app, &a).await.contains("1 request awaiting an answer"));
    assert!(page(app, &b).await.contains("Villeurbanne"));
    place_behind_the_back(app, b_id, "Changed behind the back").await;
    place_behind_the_back(app, a_id, "A changed behind the back").await;
    let (status, body) = app.book(a_id, "paul@example.org", 1).await;
    assert_eq!(status, Status::Created, "{body}");
    // The booked event's page is read again at once: the request, and what changed meanwhile.
    let a_page = page(app, &a).await;
    assert!(a_page.contains("1 request awaiting an answer"), "{a_page}");
    assert!(a_page.contains("A changed behind the back"));
    // The other event's page was not: its copy still stands (for at most two seconds).
    let b_page = page(app, &b).await;
    assert!(!b_page.contains("Changed behind the back"));
    // The JSON answer shares the copies.
    let (_, json) = app.get_json(&format!("/api/events/{a}")).await;
    assert!(json.to_string().contains("A changed behind the back"));
    // At most two seconds later, every page is read again.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert!(page(app, &b).await.contains("Changed behind the back"));
}

/// `page_cache = false` (also `ROCKET_PAGE_CACHE=0`): every view reads the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn without_the_page_cache_every_view_reads() {
    let app = TestApp::start_with(Backend::Sqlite, |f| f.merge(("page_cache", false))).await;
    let (slug, offer, _) = app.event_with_offer().await;
    assert!(page(&app, &slug).await.contains("Villeurbanne"));
    place_behind_the_back(&app, offer["id"].as_str().unwrap(), "Read again").await;
    assert!(page(&app, &slug).await.contains("Read again"));
    let (_, json) = app.get_json(&format!("/api/events/{slug}")).await;
    assert!(json.to_string().contains("Read again"));
    app.finish().await;
}

/// The setting takes the forms environment variables give it, and names itself when wrong.
#[test]
fn the_page_cache_setting_reads_as_a_switch() {
    let read = |v: rocket::figment::value::Value| {
        let figment = crate::common::base_figment("sqlite::memory:").merge(("page_cache", v));
        covoit::Config::from_figment(&figment, false).map(|c| c.page_cache)
    };
    assert_eq!(read(false.into()).ok(), Some(false));
    assert_eq!(read(0.into()).ok(), Some(false));
    assert_eq!(read("off".into()).ok(), Some(false));
    assert_eq!(read(1.into()).ok(), Some(true));
    assert_eq!(read("true".into()).ok(), Some(true));
    let err = read("sometimes".into()).err().unwrap().to_string();
    assert!(err.contains("page_cache"), "{err}");
    let default = crate::common::base_figment("sqlite::memory:");
    assert!(
        covoit::Config::from_figment(&default, false)
            .unwrap()
            .page_cache
    );
}
