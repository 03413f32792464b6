//! matching: 4. Live pages across instances: two instances share one PostgreSQL database; a
//! booking made through one reaches the event stream of the other (NOTIFY/LISTEN), and the
//! other's event page shows it at once (its read cache counts the other's changes).
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use rocket::local::asynchronous::Client;
use tokio::io::AsyncReadExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_change_through_one_instance_reaches_the_live_pages_of_another() {
    let first = TestApp::start(common::Backend::Postgres).await;
    let second = Client::untracked(covoit::build(common::base_figment(&first.url)))
        .await
        .expect("a second instance on the same database");
    let ride = {
        let (slug, _, _) = first.event_with_offer().await;
        let id = offer(&first, &slug, "auto@example.org", "to_event", 3, true).await;
        (slug, id)
    };
    let (slug, offer_id) = ride;
    // The second instance has read the page (and cached it).
    let page = second
        .get(format!("/e/{slug}?lang=en"))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert!(page.contains("6 seats left"), "{page}");
    // Its live stream is open.
    let mut stream = second.get(format!("/live/{slug}")).dispatch().await;
    assert_eq!(
        stream.content_type(),
        Some(rocket::http::ContentType::EventStream)
    );
    let mut buf = vec![0u8; 4096];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(
        String::from_utf8_lossy(&buf[..n]).contains("covoit live"),
        "the stream's greeting"
    );

    // A booking through the first instance.
    book(&first, &offer_id, "Lou", "lou@example.org").await;

    let mut seen = String::new();
    let heard = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let n = stream.read(&mut buf).await.unwrap();
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            if seen.contains("event:changed") {
                break;
            }
        }
    })
    .await;
    assert!(heard.is_ok(), "the other instance heard of it: {seen:?}");
    // And its page shows it now, cache or not.
    let page = second
        .get(format!("/e/{slug}?lang=en"))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert!(page.contains("5 seats left"), "{page}");
    drop(stream);
    drop(second);
    first.finish().await;
}
