//! The interactive map: off by default (the SVG schematic alone, no tile host in the policy, no
//! Leaflet served); with `map_tile_url`, Leaflet (read from `map_assets_dir`) and `map.js`
//! served by covoit itself, the tile host added to `img-src` only, and the map fed the same
//! public points as the SVG, which stays for readers without scripts.
use super::common::html::unescape;
use super::common::{Backend, TestApp};
use super::fake_geocoder::{FakeGeocoder, Reply};
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

    // The organiser page has the same map, with the same tiles.
    let token = covoit::links::sign(
        super::common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        e.id,
        chrono::Utc::now() + chrono::Duration::days(30),
    );
    let (csp, organiser) = csp_of(&app, &format!("/link/event/{token}")).await;
    assert!(csp.contains("https://*.tiles.example.org"), "{csp}");
    assert!(organiser.contains("class=\"tile-map\""));
    assert!(organiser.contains("class=\"ride-map\""));

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

/// A plain tile: the browser draws whatever the tile server sends.
const TILE_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\">\
                        <rect width=\"256\" height=\"256\" fill=\"#dde3ea\"/></svg>";

/// Leaflet as `scripts/install_map.sh` installs it (`scripts/test.sh` runs it).
fn installed_leaflet() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/leaflet");
    assert!(
        dir.join("leaflet.js").exists(),
        "Leaflet is missing: run the tests with ./scripts/test.sh, which installs it \
         (scripts/install_map.sh)"
    );
    dir.display().to_string()
}

/// The real Leaflet in Chromium, under the page's own policy: tiles come from the tile server
/// on loopback, the venue and the town are marked, the credit is shown as text, and the SVG
/// schematic gives way to the map.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_tiles_map_draws_in_a_browser_under_the_strict_policy() {
    use crate::browser::{chromium_with, post_json, served_figment, wait_until};
    use serde_json::json;

    let tiles = FakeGeocoder::start(|_| Reply {
        content_type: "image/svg+xml",
        ..Reply::json(TILE_SVG)
    })
    .await;
    let port = super::common::smtp::free_port();
    let dir = tempfile::tempdir().unwrap();
    let figment = served_figment(dir.path(), port)
        .merge((
            "map_tile_url",
            format!("{}/{{z}}/{{x}}/{{y}}.png", tiles.url),
        ))
        .merge(("map_tile_attribution", "Test tiles <b>bold</b>"))
        .merge(("map_assets_dir", installed_leaflet()));
    let server = tokio::spawn(covoit::build(figment).launch());
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
    let slug = tokio::task::spawn_blocking(move || {
        let event = post_json(port, "/api/events", &super::common::event_body());
        let slug = event["event"]["slug"].as_str().unwrap().to_owned();
        let offers = format!("/api/events/{slug}/offers");
        let offer = post_json(port, &offers, &super::common::offer_body());
        assert!(offer["offer"]["id"].is_string(), "{offer}");
        slug
    })
    .await
    .unwrap();

    let driver = chromium_with(json!({}), None).await;
    let c = &driver.client;
    c.goto(&format!("http://127.0.0.1:{port}/e/{slug}"))
        .await
        .unwrap();
    let count = |script: &'static str| async move {
        c.execute(script, vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0)
    };
    wait_until("tiles drawn", || async {
        count("return document.querySelectorAll('.tile-map img.leaflet-tile-loaded').length").await
            > 0
    })
    .await;
    let state = c
        .execute(
            "var m = document.querySelector('.tile-map'); \
             var s = document.querySelector('svg.ride-map'); \
             return [m.hidden, getComputedStyle(s).display, \
                     document.querySelectorAll('.tile-map path.leaflet-interactive').length, \
                     document.querySelector('.leaflet-control-attribution').textContent, \
                     Math.round(m.getBoundingClientRect().height), \
                     document.querySelectorAll('.tile-map b').length, \
                     document.querySelector('.map-list') !== null];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state[0], json!(false), "the map is shown: {state}");
    assert_eq!(state[1], json!("none"), "the schematic gives way: {state}");
    assert_eq!(state[2], json!(2), "the venue and one town: {state}");
    assert!(
        state[3]
            .as_str()
            .unwrap()
            .contains("Test tiles <b>bold</b>"),
        "the credit, as text: {state}"
    );
    assert!(
        state[4].as_u64().unwrap() > 200,
        "laid out by the stylesheets: {state}"
    );
    assert_eq!(state[5], json!(0), "no markup from the settings: {state}");
    assert_eq!(state[6], json!(true), "the list in words stays: {state}");
    let asked = tiles.targets();
    assert!(
        asked.iter().all(|t| t.ends_with(".png")) && !asked.is_empty(),
        "{asked:?}"
    );
    let crate::browser::Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}
