//! The HTTP geocoders failing: a timeout, a 429 (its Retry-After honoured), garbage, a server
//! error and hostile queries are all answered by the gazetteer instead, never by an error.
use std::time::{Duration, Instant};

use super::common::{Backend, TestApp, local_in_days};
use super::fake_geocoder::{FakeGeocoder, Reply, ban_answer, labels, suggest, with_geocoder};
use covoit::entities::{event, geocode_cache};
use rocket::http::Status;
use sea_orm::EntityTrait;
use serde_json::json;

#[rocket::async_test]
async fn a_slow_geocoder_gives_way_to_the_gazetteer() {
    let fake = FakeGeocoder::start(|_| Reply {
        delay: Duration::from_secs(5),
        ..Reply::json(ban_answer("Somewhere", 2.0, 48.0, 0.9))
    })
    .await;
    let app = TestApp::start_with(Backend::Sqlite, with_geocoder("ban", &fake.url, 300)).await;
    let started = Instant::now();
    let found = suggest(&app, "q=Villeurbanne").await;
    assert_eq!(labels(&found)[0], "Villeurbanne (69)", "the gazetteer's");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(fake.targets().len(), 1);
    // Right after a timeout the service is left alone: nothing waits on it.
    let started = Instant::now();
    assert_eq!(labels(&suggest(&app, "q=Bron").await)[0], "Bron (69)");
    assert!(started.elapsed() < Duration::from_millis(250));
    assert_eq!(fake.targets().len(), 1, "not asked while it is left alone");
    assert!(
        geocode_cache::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()
            .is_empty(),
        "a failure is not cached"
    );
    app.finish().await;
}

#[rocket::async_test]
async fn a_429_gives_way_to_the_gazetteer_and_retry_after_is_honoured() {
    let fake = FakeGeocoder::start(|_| Reply {
        headers: vec![("Retry-After", "120".into())],
        ..Reply::status(429, r#"{"code": 429, "message": "Too many requests"}"#)
    })
    .await;
    let app = TestApp::start_with(Backend::Sqlite, with_geocoder("photon", &fake.url, 2000)).await;
    assert_eq!(labels(&suggest(&app, "q=Bron").await)[0], "Bron (69)");
    assert_eq!(fake.targets().len(), 1);
    for query in ["q=Lyon", "q=Lausanne", "q=Bron"] {
        assert!(!suggest(&app, query).await.is_empty(), "{query}");
    }
    assert_eq!(fake.targets().len(), 1, "left alone for the 120 s it asked");
    // Forms too: the venue takes the gazetteer's point meanwhile.
    let (status, body) = app
        .post_json(
            "/api/events",
            &json!({"name": "Fête", "venue": "Villeurbanne", "starts_at": local_in_days(10, 14),
                    "organizer_name": "Odile O", "organizer_email": "odile@club.example"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let e = &event::Entity::find().all(&app.db.conn).await.unwrap()[0];
    assert_eq!((e.venue_lat, e.venue_lon), (Some(45.76601), Some(4.8795)));
    assert_eq!(e.timezone, "Europe/Paris", "the venue's zone");
    assert_eq!(fake.targets().len(), 1);
    app.finish().await;
}

#[rocket::async_test]
async fn garbage_and_server_errors_give_way_to_the_gazetteer() {
    let bodies: [(u16, &str); 5] = [
        (200, "<html><body>Bad gateway</body></html>"),
        (
            200,
            r#"{"type": "FeatureCollection", "features": {"oops": 1}}"#,
        ),
        (
            200,
            r#"{"type": "FeatureCollection", "features": [{"geometry": {"coordinates": ["x"]}}]}"#,
        ),
        (
            200,
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [400, 95]}, "properties": {"label": "Nowhere"}}]}"#,
        ),
        (502, "Bad gateway"),
    ];
    for (status, body) in bodies {
        let fake = FakeGeocoder::start(move |_| Reply::status(status, body)).await;
        let app = TestApp::start_with(Backend::Sqlite, with_geocoder("ban", &fake.url, 2000)).await;
        let found = suggest(&app, "q=villeurbanne").await;
        assert_eq!(labels(&found)[0], "Villeurbanne (69)", "{status} {body}");
        assert_eq!(fake.targets().len(), 1, "{body}");
        app.finish().await;
    }
}

#[test]
fn odd_answers_of_every_format_are_errors_or_nothing() {
    use covoit::config::GeocoderKind;
    use covoit::services::places::parse_answer;
    let odd = [
        "",
        "null",
        "[]",
        "{}",
        "[null, 1, \"x\"]",
        r#"{"features": null}"#,
        r#"{"features": [null, 1, {"geometry": null}]}"#,
        r#"[{"lat": "north", "lon": "6", "display_name": "x"}]"#,
        r#"[{"lat": "91", "lon": "6", "display_name": "x"}]"#,
        r#"{"type": "FeatureCollection", "features": [{"geometry": {"coordinates": [1e999, 1]}, "properties": {"label": "x"}}]}"#,
    ];
    for kind in [
        GeocoderKind::Ban,
        GeocoderKind::Photon,
        GeocoderKind::Nominatim,
    ] {
        for body in odd {
            // An error, or no place: never a panic, never a made-up place.
            if let Ok(found) = parse_answer(kind, body.as_bytes()) {
                assert!(found.is_empty(), "{kind:?} {body}: {found:?}");
            }
        }
    }
}

#[rocket::async_test]
async fn hostile_queries_with_an_http_source_never_fail() {
    for answer in [
        Reply::json(ban_answer("12 Rue X 69001 Lyon", 4.8, 45.7, 0.9)),
        Reply::status(500, "boom"),
    ] {
        let (status, body) = (answer.status, answer.body.clone());
        let fake = FakeGeocoder::start(move |_| Reply::status(status, body.clone())).await;
        let app = TestApp::start_with(Backend::Sqlite, with_geocoder("ban", &fake.url, 1000)).await;
        let long = format!("q={}", "%C3%A9".repeat(5_000));
        let queries = [
            "q=%00%01%1F%7F",
            "q=%FF%FE%FD",
            "q=%",
            "q=%zz%",
            "q=lyon&lang=%FF",
            "q=%E2%80%AEsiraP",
            "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "q=%27%3B+DROP+TABLE+geocode_cache%3B+--",
            "q=a%26limit%3D1000%23",
            "q=%0D%0AX-Injected:+1",
            "q=%F0%9F%98%80",
            long.as_str(),
        ];
        for query in queries {
            let (status, body) = app.get_json(&format!("/api/places?{query}")).await;
            assert_eq!(status, Status::Ok, "{query:.60}");
            assert!(
                body["places"].as_array().is_some_and(|l| l.len() <= 10),
                "{body}"
            );
        }
        for head in fake.requests() {
            let line = head.lines().next().unwrap_or("");
            assert!(
                line.starts_with("GET /search?q=") && line.ends_with(" HTTP/1.1"),
                "one clean request line: {line:.120}"
            );
            assert!(
                !head
                    .lines()
                    .any(|l| l.to_ascii_lowercase().starts_with("x-injected")),
                "no header smuggled in: {head:.300}"
            );
        }
        app.finish().await;
    }
}

#[rocket::async_test]
async fn lookups_leave_no_faster_than_the_configured_rate() {
    let fake = FakeGeocoder::start(|_| {
        Reply::json(json!({"type": "FeatureCollection", "features": []}).to_string())
    })
    .await;
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        with_geocoder("ban", &fake.url, 600)(f).merge(("geocoder_rate_per_sec", 1))
    })
    .await;
    // One lookup a second: the next ones in that second would wait past half their time, so
    // the gazetteer answers them at once.
    let started = Instant::now();
    for town in ["Villeurbanne", "Vénissieux", "Vaulx-en-Velin"] {
        let query = format!("q={}", town.replace('é', "%C3%A9"));
        assert_eq!(
            labels(&suggest(&app, &query).await)[0],
            format!("{town} (69)")
        );
    }
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "nobody waited"
    );
    assert_eq!(fake.targets().len(), 1, "one lookup in that second");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    suggest(&app, "q=Bron").await;
    assert_eq!(fake.targets().len(), 2, "the next second, the next lookup");
    app.finish().await;
}
