//! The schematic SVG map on the event page and the organiser page: valid SVG, every point and
//! label inside the frame, towns at their true bearing, a text alternative, for 0, 1 and 50
//! rides.
use super::common::html::visible_text;
use super::common::{TEST_KEY, TestApp, offer_body};
use chrono::{Duration, Utc};
use covoit::entities::event;
use covoit::links::{Purpose, sign};
use covoit::services::places::Gazetteer;
use rocket::http::Status;
use sea_orm::EntityTrait;
use serde_json::json;

on_sqlite!(maps_of_0_1_and_50_rides);

/// The page's map, parsed: its viewBox size and every drawn (x, y), with the SVG text.
fn map_of(page: &str) -> (f64, Vec<(f64, f64)>, String) {
    let start = page.find("<svg").expect("a map");
    let end = page[start..].find("</svg>").expect("a closed map") + start + "</svg>".len();
    let svg = &page[start..end];
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("valid SVG: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view[..2], [0.0, 0.0]);
    let size = view[2];
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    let desc = root.children().find(|n| n.has_tag_name("desc"));
    assert!(!title.is_empty() && desc.is_some(), "title and desc");
    let num = |n: &roxmltree::Node, a: &str| n.attribute(a).map(|v| v.parse::<f64>().unwrap());
    let mut points = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let pairs = [("cx", "cy"), ("x", "y"), ("x1", "y1"), ("x2", "y2")];
        for (a, b) in pairs {
            if let (Some(x), Some(y)) = (num(&n, a), num(&n, b)) {
                points.push((x, y));
            }
        }
        if n.has_tag_name("circle") {
            let (cx, cy, r) = (
                num(&n, "cx").unwrap(),
                num(&n, "cy").unwrap(),
                num(&n, "r").unwrap(),
            );
            points.push((cx - r, cy - r));
            points.push((cx + r, cy + r));
        }
    }
    (size, points, svg.to_owned())
}

fn all_inside(size: f64, points: &[(f64, f64)]) {
    for (x, y) in points {
        assert!(
            (0.0..=size).contains(x) && (0.0..=size).contains(y),
            "({x}, {y}) outside {size}"
        );
    }
}

async fn ride_from(app: &TestApp, slug: &str, place: &str, n: usize) {
    let mut body = offer_body();
    body["place"] = json!(place);
    body["driver_email"] = json!(format!("d{n}@example.org"));
    body.as_object_mut().unwrap().remove("return");
    let (status, answer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{place}: {answer}");
}

async fn maps_of_0_1_and_50_rides(app: &TestApp) {
    let created = app.create_event().await;
    let slug = created["slug"].as_str().unwrap().to_owned();

    // No ride: the venue alone, in the middle.
    let (_, page) = app.get(&format!("/e/{slug}?lang=en")).await;
    let (size, points, svg) = map_of(&page);
    all_inside(size, &points);
    assert!(svg.contains(r#"class="map-venue""#));
    assert!(!svg.contains("map-town"));
    assert!(visible_text(&page).contains("Map of the rides"));

    // One ride from Villeurbanne, east of Lyon: right of the centre, named, in the list.
    ride_from(app, &slug, "Villeurbanne", 0).await;
    let (_, page) = app.get(&format!("/e/{slug}?lang=en")).await;
    let (size, points, svg) = map_of(&page);
    all_inside(size, &points);
    assert!(svg.contains(">Villeurbanne</text>"));
    let dot = svg.find(r#"class="map-dot""#).unwrap();
    let cx: f64 = svg[..dot]
        .rsplit("cx=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(cx > size / 2.0, "Villeurbanne is east of the venue: {cx}");
    let text = visible_text(&page);
    assert!(
        text.contains("Villeurbanne: 4 km away, 1 ride to the north-east"),
        "{text}"
    );

    // Fifty rides from all over (overseas too): still all inside, each town once.
    let g = Gazetteer::embedded();
    let mut towns: Vec<String> = Vec::new();
    for q in [
        "bron",
        "vienne",
        "sa",
        "ch",
        "ma",
        "ge",
        "bruxelles",
        "lu",
        "ro",
        "po",
        "974",
    ] {
        for p in g.suggest(q, 10) {
            if towns.len() < 49 && !towns.contains(&p.label) && p.label != "Villeurbanne (69)" {
                towns.push(p.label);
            }
        }
    }
    assert_eq!(towns.len(), 49);
    for (i, town) in towns.iter().enumerate() {
        ride_from(app, &slug, town, i + 1).await;
    }
    let (_, page) = app.get(&format!("/e/{slug}?lang=fr")).await;
    let (size, points, svg) = map_of(&page);
    all_inside(size, &points);
    let marks = svg.matches(r#"class="map-dot""#).count();
    assert!((40..=50).contains(&marks), "{marks} towns");
    assert!(page.contains(r#"<ul class="map-list">"#));
    assert!(!svg.contains("45.766"), "rounded points only");

    // The organiser page has the same map.
    let id = event::Entity::find().all(&app.db.conn).await.unwrap()[0].id;
    let token = sign(
        TEST_KEY.as_bytes(),
        Purpose::Event,
        id,
        Utc::now() + Duration::days(30),
    );
    let (status, page) = app.get(&format!("/link/event/{token}?lang=de")).await;
    assert_eq!(status, Status::Ok);
    let (size, points, _) = map_of(&page);
    all_inside(size, &points);
    assert!(visible_text(&page).contains("Karte der Fahrten"));
}
