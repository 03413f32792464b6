//! The interactive map: off by default (the SVG schematic alone, no tile host in the policy, no
//! Leaflet served); with `map_tile_url`, Leaflet (read from `map_assets_dir`) and `map.js`
//! served by covoit itself, the tile host added to `img-src` only, and the map fed the same
//! public points as the SVG, which stays for readers without scripts.
use super::common::html::unescape;
use super::common::{Backend, TestApp};
use covoit::entities::event;
use rocket::http::{ContentType, Status};
use sea_orm::EntityTrait;
use serde_json::Value;

const TILES: &str = "https://{s}.tiles.example.org/{z}/{x}/{y}.png";
const LEAFLET_JS: &str =
    "/* a stand-in for Leaflet's dist/leaflet.js */ window.L = window.L || {};";

async fn csp_of(app: &TestApp, path: &str) -> (String, String) {
    let res = app.client.get(path).dispatch().await;
    assert_eq!(res.status(), Status::Ok, "{path}");
    let csp = res
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap_or("")
        .to_owned();
    (csp, res.into_string().await.unwrap_or_default())
}

#[rocket::async_test]
async fn without_tiles_the_schematic_alone() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (slug, _, _) = app.event_with_offer().await;
    let (csp, page) = csp_of(&app, &format!("/e/{slug}")).await;
    assert!(page.contains("class=\"ride-map\""), "the SVG map is there");
    assert!(!page.contains("tile-map") && !page.contains("/static/leaflet/"));
    assert!(csp.contains("img-src 'self' data:; "), "{csp}");
    for path in [
        "/static/leaflet/leaflet.js",
        "/static/leaflet/leaflet.css",
        "/static/map.js",
    ] {
        let (status, _) = app.get(path).await;
        assert_eq!(status, Status::NotFound, "{path}");
    }
    app.finish().await;
}

#[rocket::async_test]
async fn with_tiles_leaflet_is_served_here_and_fed_public_points() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leaflet.js"), LEAFLET_JS).unwrap();
    std::fs::write(
        dir.path().join("leaflet.css"),
        ".leaflet-container { overflow: hidden; }",
    )
    .unwrap();
    let assets = dir.path().display().to_string();
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("map_tile_url", TILES))
            .merge(("map_tile_attribution", "© OpenStreetMap contributors"))
            .merge(("map_assets_dir", assets))
    })
    .await;
    let (slug, _, _) = app.event_with_offer().await;
    let (csp, page) = csp_of(&app, &format!("/e/{slug}")).await;

    // Only images may come from the tile host; scripts and styles stay our own.
    assert!(
        csp.contains("img-src 'self' data: https://*.tiles.example.org; "),
        "{csp}"
    );
    assert!(
        csp.contains("script-src 'self';") && csp.contains("style-src 'self';"),
        "{csp}"
    );
    assert!(
        page.contains("class=\"ride-map\""),
        "the SVG stays for readers without scripts"
    );
    assert!(page.contains("<script src=\"/static/leaflet/leaflet.js\" defer></script>"));
    assert!(page.contains("<script src=\"/static/map.js\" defer></script>"));
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/static/leaflet/leaflet.css\">"));
    assert!(!page.contains("unpkg") && !page.contains("cdn"), "no CDN");

    let attr = |name: &str| {
        let start = page.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        let end = start + page[start..].find('"').unwrap();
        unescape(&page[start..end])
    };
    assert_eq!(attr("data-tiles"), TILES);
    assert_eq!(attr("data-attribution"), "© OpenStreetMap contributors");
    let points: Value = serde_json::from_str(&attr("data-points")).unwrap();
    let e = &event::Entity::find().all(&app.db.conn).await.unwrap()[0];
    assert_eq!(points["venue"]["lat"].as_f64(), e.venue_lat);
    assert_eq!(points["venue"]["name"], "Stade municipal, Lyon");
    let towns = points["towns"].as_array().unwrap();
    assert_eq!(towns.len(), 1, "{points}");
    for key in ["lat", "lon"] {
        let x = towns[0][key].as_f64().unwrap();
        assert_eq!(
            x,
            (x * 100.0).round() / 100.0,
            "only the rounded point: {x}"
        );
    }
    assert!(towns[0]["words"].as_str().unwrap().contains("Villeurbanne"));

    let res = app
        .client
        .get("/static/leaflet/leaflet.js")
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::JavaScript));
    assert_eq!(res.into_string().await.unwrap(), LEAFLET_JS);
    let (status, css) = app.get("/static/leaflet/leaflet.css").await;
    assert_eq!(
        (status, css.contains(".leaflet-container")),
        (Status::Ok, true)
    );
    let (status, script) = app.get("/static/map.js").await;
    assert_eq!(status, Status::Ok);
    assert!(script.contains("L.tileLayer") && !script.contains("innerHTML"));
    app.finish().await;
}
