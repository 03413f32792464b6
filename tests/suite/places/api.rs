//! `GET /api/places`: real names in, at most ten suggestions out; hostile queries get a list,
//! never an error; a per-address limit; same-origin only.
use super::common::{Backend, TestApp};
use rocket::http::{Header, Status};
use serde_json::Value;

async fn places(app: &TestApp, query: &str) -> (Status, Vec<Value>) {
    let (status, body) = app.get_json(&format!("/api/places?{query}")).await;
    let list = body["places"].as_array().cloned().unwrap_or_default();
    (status, list)
}

fn labels(list: &[Value]) -> Vec<&str> {
    list.iter().filter_map(|p| p["label"].as_str()).collect()
}

#[rocket::async_test]
async fn suggestions_for_real_names_and_postcodes() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (status, list) = places(&app, "q=saint-%C3%A9tienne&lang=fr").await;
    assert_eq!(status, Status::Ok);
    let first = &list[0];
    assert_eq!(first["label"], "Saint-Étienne (42)");
    assert_eq!(first["country"], "FR");
    assert!(
        first["postcode"]
            .as_str()
            .is_some_and(|p| p.starts_with("420"))
    );
    let (lat, lon) = (
        first["lat"].as_f64().unwrap(),
        first["lon"].as_f64().unwrap(),
    );
    assert!(
        (45.3..45.6).contains(&lat) && (4.2..4.5).contains(&lon),
        "{lat},{lon}"
    );

    let (_, homonyms) = places(&app, "q=St+Denis").await;
    let found = labels(&homonyms);
    assert!(found.contains(&"Saint-Denis (93)") && found.contains(&"Saint-Denis (974)"));
    assert!(homonyms.len() <= 10);

    let (_, by_code) = places(&app, "q=69003").await;
    assert_eq!(by_code[0]["label"], "Lyon (69)");
    assert_eq!(by_code[0]["postcode"], "69003");

    let (_, swiss) = places(&app, "q=lausanne&lang=de").await;
    assert_eq!(swiss[0]["label"], "Lausanne (VD, CH)");
    assert_eq!(swiss[0]["country"], "CH");

    let (_, many) = places(&app, "q=sa").await;
    assert_eq!(many.len(), 10, "at most ten");
    app.finish().await;
}

#[rocket::async_test]
async fn hostile_queries_get_a_list_never_an_error() {
    let app = TestApp::start(Backend::Sqlite).await;
    let long = "a".repeat(20_000);
    let long_q = format!("q={long}");
    let queries = [
        "",
        "q=",
        "q",
        "q=%20%20",
        "q=%00%01%1F%7F",
        "q=%FF%FE%FD",
        "q=%C3",
        "q=%",
        "q=%zz%",
        "q=lyon&q=paris",
        "lang=xx",
        "q=lyon&lang=%FF",
        "q=%E2%80%AEsiraP",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=%27%3B+DROP+TABLE+events%3B+--",
        "q=1e999,1e999",
        "q=%F0%9F%98%80",
        long_q.as_str(),
    ];
    for query in queries {
        let (status, body) = app.get_json(&format!("/api/places?{query}")).await;
        assert_eq!(status, Status::Ok, "{query:.60}");
        assert!(body["places"].is_array(), "{query:.60}: {body}");
        assert!(body["places"].as_array().is_some_and(|l| l.len() <= 10));
    }
    let (_, empty) = places(&app, "q=").await;
    assert!(empty.is_empty(), "an empty query suggests nothing");
    app.finish().await;
}

#[rocket::async_test]
async fn limited_per_address_and_same_origin() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("places_per_minute", 3))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let from = |ip: &'static str| {
        app.client
            .get("/api/places?q=lyon")
            .header(Header::new("X-Real-IP", ip))
            .dispatch()
    };
    for _ in 0..3 {
        assert_eq!(from("10.0.0.1").await.status(), Status::Ok);
    }
    assert_eq!(from("10.0.0.2").await.status(), Status::Ok, "per address");
    let res = from("10.0.0.1").await;
    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(res.headers().get_one("Retry-After").is_some());
    let body: Value = res.into_json().await.unwrap_or_default();
    assert_eq!(body["error"]["code"], "too_many_requests");
    app.finish().await;

    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("embed_origins", vec!["https://club.example.org"]))
    })
    .await;
    let cors = |path: &'static str| {
        let client = &app.client;
        async move {
            let res = client
                .get(path)
                .header(Header::new("Origin", "https://club.example.org"))
                .dispatch()
                .await;
            let allowed = res
                .headers()
                .get_one("Access-Control-Allow-Origin")
                .map(str::to_owned);
            (res.status(), allowed)
        }
    };
    assert_eq!(cors("/api/places?q=lyon").await, (Status::Ok, None));
    // The rest of the API still answers that origin.
    assert_eq!(
        cors("/api/events/nope").await.1.as_deref(),
        Some("https://club.example.org")
    );
    app.finish().await;
}

#[rocket::async_test]
async fn every_place_field_offers_suggestions_and_works_without_them() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (slug, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap_or_default().to_owned();
    let pages = [
        ("/events/new".to_owned(), vec!["venue"]),
        (
            format!("/e/{slug}/offers/new"),
            vec!["place", "return_place"],
        ),
        (format!("/o/{offer_id}"), vec!["pickup"]),
        (format!("/e/{slug}/needs/new"), vec!["place"]),
    ];
    for (path, fields) in pages {
        let (status, html) = app.get(&path).await;
        assert_eq!(status, Status::Ok, "{path}");
        assert!(
            html.contains(r#"<script src="/static/places.js" defer></script>"#),
            "{path}"
        );
        for field in fields {
            let tag = format!(r#"id="f-{field}" name="{field}" type="text""#);
            let at = html
                .find(&tag)
                .unwrap_or_else(|| panic!("{path}: no {field} field"));
            let rest = &html[at..at + html[at..].find('>').unwrap_or(0)];
            assert!(
                rest.contains("data-places"),
                "{path}: {field} is a place field: {rest}"
            );
        }
    }
    let res = app.client.get("/static/places.js").dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        res.content_type().map(|c| c.to_string()),
        Some("text/javascript".into())
    );
    let js = res.into_string().await.unwrap_or_default();
    assert!(js.contains("/api/places?q=") && js.contains("datalist"));
    app.finish().await;
}

/// Each suggestion carries its time zone, and an event created with no zone takes its venue's
/// (Lausanne: Europe/Zurich; Saint-Denis de La Réunion: Indian/Reunion), else the server's.
#[rocket::async_test]
async fn a_venue_tells_the_events_time_zone() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (_, list) = places(&app, "q=Lausanne").await;
    let lausanne = list
        .iter()
        .find(|p| {
            p["label"]
                .as_str()
                .is_some_and(|l| l.starts_with("Lausanne"))
        })
        .expect("Lausanne");
    assert_eq!(lausanne["zone"], "Europe/Zurich");
    let (_, list) = places(&app, "q=97400").await;
    assert_eq!(list[0]["zone"], "Indian/Reunion", "{:?}", list[0]);

    for (venue, zone) in [
        (lausanne["label"].as_str().unwrap(), "Europe/Zurich"),
        ("Salle des fêtes, Charleroi", "Europe/Brussels"),
        ("Chez nous, au fond du jardin", "Europe/Paris"),
    ] {
        let mut body = super::common::event_body();
        body.as_object_mut().unwrap().remove("timezone");
        body["venue"] = serde_json::json!(venue);
        let (status, created) = app.post_json("/api/events", &body).await;
        assert_eq!(status, Status::Created, "{created}");
        assert_eq!(created["event"]["timezone"], zone, "{venue}: {created}");
    }
    app.finish().await;
}
