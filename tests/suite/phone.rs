//! The main story on a phone (390×844, Chromium's mobile emulation) and on a desktop
//! (1280×800), in English: the organiser
//! creates an event (the browser's own time zone preselected, the error summary focused), a
//! driver publishes a ride (told it is theirs), a passenger books (the confirmation page),
//! the organiser's and the driver's private pages, a confirmation step, and the embed demo.
//! Each page: axe-core finds no violation of any impact, nothing scrolls sideways, and a
//! screenshot is kept in `test-artifacts/phone/` (or `desktop/`); at the end the Nu HTML checker (vnu) finds
//! no error in any of their markups.
use crate::browser::{Driver, chromium_with, served_figment, wait_until};
use crate::common;

use std::time::Duration;

use chrono::Utc;
use common::TEST_KEY;
use common::smtp::free_port;
use covoit::links::{Purpose, sign};
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const ADMIN: &str = "operator-token-0123456789";

/// Installed by `scripts/test.sh` (npm, into `tests/js/node_modules`).
const AXE: &str = "tests/js/node_modules/axe-core/axe.min.js";
const VNU: &str = "tests/js/node_modules/vnu-jar/build/dist/vnu.jar";

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// The page as a person gets it: checked by axe-core, no sideways scrolling, and
/// a screenshot.
pub(crate) async fn check(c: &Client, dir: &str, step: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::create_dir_all(format!("{dir}/html")).unwrap();
    std::fs::write(format!("{dir}/{step}.png"), png).unwrap();
    // The markup as served, for the HTML checker at the end (before axe-core adds its own).
    let source = c.source().await.unwrap();
    std::fs::write(
        format!("{dir}/html/{step}.html"),
        format!("<!doctype html>\n{source}"),
    )
    .unwrap();
    let widths = js(
        c,
        "return [document.documentElement.scrollWidth, window.innerWidth]",
    )
    .await;
    assert!(
        widths[0].as_i64() <= widths[1].as_i64(),
        "{step}: the page scrolls sideways: {widths}"
    );
    let axe = std::fs::read_to_string(AXE).unwrap_or_else(|_| {
        panic!("{AXE} is missing: run the tests with ./scripts/test.sh, which installs axe-core")
    });
    js(c, &format!("{axe}\nreturn 1;")).await;
    let violations = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '
                 + v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(violations, json!([]), "{step}: axe-core violations");
}

/// Sets the form fields by id (a phone's date picker is not typed into) and sends the form.
async fn fill_and_send(c: &Client, fields: &[(&str, &str)]) {
    for (id, value) in fields {
        c.execute(
            "document.getElementById(arguments[0]).value = arguments[1]; return 1",
            vec![json!(id), json!(value)],
        )
        .await
        .unwrap();
    }
    let url = c.current_url().await.unwrap();
    c.find(Locator::Css("main form[novalidate] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until("the answer", || async {
        c.current_url().await.is_ok_and(|u| u != url)
            && js(c, "return document.readyState").await == json!("complete")
    })
    .await;
}

pub(crate) async fn text(c: &Client) -> String {
    js(c, "return document.body.innerText")
        .await
        .as_str()
        .unwrap_or("")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_main_story_on_a_phone() {
    let phone =
        json!({ "width": 390, "height": 844, "pixelRatio": 2, "touch": true, "mobile": true });
    story("phone", phone).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_main_story_on_a_desktop() {
    let desktop =
        json!({ "width": 1280, "height": 800, "pixelRatio": 1, "touch": false, "mobile": false });
    story("desktop", desktop).await;
}

/// The story on a screen of these metrics; artifacts in `test-artifacts/<device>/`.
async fn story(device: &str, metrics: Value) {
    let dir = format!("test-artifacts/{device}");
    let dir = dir.as_str();
    let _ = std::fs::remove_dir_all(dir);
    let app_port = free_port();
    let app = format!("http://127.0.0.1:{app_port}");
    let db_dir = tempfile::tempdir().unwrap();
    let figment = served_figment(db_dir.path(), app_port).merge(("admin_token", ADMIN));
    let server = tokio::spawn(covoit::build(figment).launch());
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", app_port)).is_ok()
    })
    .await;
    let screen = json!({ "mobileEmulation": { "deviceMetrics": metrics } });
    let driver = chromium_with(screen, Some("Asia/Tokyo")).await;
    let c = &driver.client;

    // The organiser: the browser's zone is preselected; a form sent half-filled is answered
    // by a summary that takes the focus and names each field.
    c.goto(&format!("{app}/?lang=en")).await.unwrap();
    check(c, dir, "00-home").await;
    c.goto(&format!("{app}/events/new?lang=en")).await.unwrap();
    let zone = js(c, "return document.getElementById('f-timezone').value").await;
    assert_eq!(zone, json!("Asia/Tokyo"));
    // A venue the places know replaces that guess with its own zone (Lausanne: Zurich's).
    c.execute_async(
        "const done = arguments[arguments.length - 1];
         fetch('/api/places?q=Lausanne').then(r => r.json()).then(d => {
           const v = document.getElementById('f-venue');
           v.value = d.places[0].label;
           v.dispatchEvent(new Event('change'));
           done(1);
         });",
        vec![],
    )
    .await
    .unwrap();
    wait_until("the venue's zone", || async {
        js(c, "return document.getElementById('f-timezone').value").await == json!("Europe/Zurich")
    })
    .await;
    check(c, dir, "01-new-event").await;
    fill_and_send(c, &[("f-name", "Spring fair"), ("f-timezone", "paris")]).await;
    let focused = js(
        c,
        "return document.activeElement && document.activeElement.id",
    )
    .await;
    assert_eq!(focused, json!("problems"), "the summary has the focus");
    let seen = text(c).await;
    assert!(
        seen.contains("Starts (local date and time): This field is required."),
        "{seen}"
    );
    check(c, dir, "02-new-event-errors").await;
    let starts = common::local_in_days(12, 14);
    fill_and_send(
        c,
        &[
            ("f-venue", "Town hall, Lyon"),
            ("f-starts_at", &starts),
            ("f-organizer_name", "Olivia"),
            ("f-organizer_email", "olivia@example.org"),
        ],
    )
    .await;
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().contains("?created=1"), "{url}");
    let slug = url.path().trim_start_matches("/e/").to_owned();
    let seen = text(c).await;
    assert!(
        seen.contains("Times shown in the time zone Europe/Paris."),
        "{seen}"
    );
    assert!(
        seen.contains("We have emailed you your private organiser link"),
        "{seen}"
    );
    check(c, dir, "03-event-created").await;

    // The driver: the form opens on the event's day; "from the event" hides the ride back.
    c.goto(&format!("{app}/e/{slug}/offers/new?lang=en"))
        .await
        .unwrap();
    let departs = js(c, "return document.getElementById('f-departs_at').value").await;
    assert_eq!(departs, json!(common::local_in_days(12, 13)));
    let shown = "return getComputedStyle(document.querySelector('fieldset.return')).display";
    assert_ne!(js(c, shown).await, json!("none"));
    c.find(Locator::Css("input[name=direction][value=from_event]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        js(c, shown).await,
        json!("none"),
        "no ride back for a ride back"
    );
    c.find(Locator::Css("input[name=direction][value=to_event]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    check(c, dir, "04-offer-form").await;
    fill_and_send(
        c,
        &[
            ("f-place", "Villeurbanne"),
            ("f-seats", "3"),
            ("f-driver_name", "Dan Driver"),
            ("f-driver_email", "dan@example.org"),
        ],
    )
    .await;
    let seen = text(c).await;
    assert!(seen.contains("Your ride is published."), "{seen}");
    assert!(
        seen.contains("use the private link we have just emailed you"),
        "{seen}"
    );
    check(c, dir, "05-offer-published").await;
    let offer_path = c.current_url().await.unwrap().path().to_owned();
    c.goto(&format!("{app}/e/{slug}?lang=en")).await.unwrap();
    check(c, dir, "05b-event-with-a-ride").await;

    // The passenger: too many seats says how many are left; then the booking.
    c.goto(&format!("{app}{offer_path}?lang=en")).await.unwrap();
    fill_and_send(
        c,
        &[
            ("f-passenger_name", "Pia"),
            ("f-passenger_email", "pia@example.org"),
            ("f-seats", "5"),
        ],
    )
    .await;
    let seen = text(c).await;
    assert!(
        seen.contains("Number of seats: Only 3 seats are left on this ride."),
        "{seen}"
    );
    check(c, dir, "06-booking-too-many").await;
    fill_and_send(c, &[("f-seats", "2")]).await;
    let url = c.current_url().await.unwrap();
    assert!(url.path().ends_with("/sent"), "{url}");
    let sent_path = url.path().to_owned();
    assert!(text(c).await.contains("Request sent"));
    check(c, dir, "07-request-sent").await;

    // The organiser's and the driver's private pages (their links were emailed).
    let until = Utc::now() + chrono::Duration::days(30);
    let event_link = format!(
        "{app}/link/event/{}",
        sign(TEST_KEY.as_bytes(), Purpose::Event, 1, until)
    );
    c.goto(&format!("{event_link}?lang=en")).await.unwrap();
    let region = js(c, "const r = document.querySelector('.table-wrap'); return [r.getAttribute('role'), r.tabIndex]").await;
    assert_eq!(region, json!(["region", 0]));
    check(c, dir, "08-organiser").await;
    let manage = format!(
        "{app}/link/manage/{}",
        sign(TEST_KEY.as_bytes(), Purpose::Manage, 1, until)
    );
    c.goto(&format!("{manage}?lang=en")).await.unwrap();
    check(c, dir, "09-manage").await;
    c.find(Locator::LinkText("Refuse"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until("the confirmation", || async {
        text(c).await.contains("This cannot be undone.")
    })
    .await;
    check(c, dir, "10-confirm-refuse").await;

    // Every page of the story in every other language, the private ones too (a person opens
    // their link in the language of their email): long words must not push the page sideways.
    let link = |purpose, id| {
        format!(
            "/link/{}/{}",
            match purpose {
                Purpose::Booking => "booking",
                Purpose::Accept => "accept",
                _ => "manage",
            },
            sign(TEST_KEY.as_bytes(), purpose, id, until)
        )
    };
    let event_path = event_link.trim_start_matches(&app).to_owned();
    let manage_path = manage.trim_start_matches(&app).to_owned();
    for lang in ["fr", "de", "nl", "it", "es"] {
        for (name, path) in [
            ("home", "/".to_owned()),
            ("new-event", "/events/new".to_owned()),
            ("event", format!("/e/{slug}")),
            ("offer-form", format!("/e/{slug}/offers/new")),
            ("offer", offer_path.clone()),
            ("request-sent", sent_path.clone()),
            ("organiser", event_path.clone()),
            ("manage", manage_path.clone()),
            ("confirm-refuse", format!("{manage_path}/refuse/1")),
            ("request", link(Purpose::Accept, 1)),
            ("booking", link(Purpose::Booking, 1)),
            ("lost-links", "/links".to_owned()),
        ] {
            c.goto(&format!("{app}{path}?lang={lang}")).await.unwrap();
            assert_eq!(
                js(c, "return document.documentElement.lang").await,
                json!(lang),
                "{lang}-{name}"
            );
            check(c, dir, &format!("{lang}-{name}")).await;
        }
    }

    // The operator's dashboard: wide tables scroll in their own region, not the page.
    c.goto(&format!("{app}/admin?lang=en")).await.unwrap();
    c.execute(
        "document.getElementById('f-token').value = arguments[0]; document.querySelector('main form').submit(); return 1",
        vec![json!(ADMIN)],
    )
    .await
    .unwrap();
    wait_until("the dashboard", || async {
        c.current_url().await.is_ok_and(|u| u.path() == "/admin")
            && js(
                c,
                "return document.querySelectorAll('.table-wrap[role=region]').length",
            )
            .await
                == json!(1)
    })
    .await;
    check(c, dir, "12-admin").await;

    // The embed demo: the loader's frame fills its box, with no border, under a strict CSP.
    c.goto(&format!("{app}/embed/demo/{slug}?lang=en"))
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".demo-host iframe"))
        .await
        .unwrap();
    let frame = js(
        c,
        "const f = document.querySelector('.demo-host iframe'), s = getComputedStyle(f);
         return [s.borderTopWidth, Math.round(f.getBoundingClientRect().width), f.parentElement.clientWidth
           - parseFloat(getComputedStyle(f.parentElement).paddingLeft) - parseFloat(getComputedStyle(f.parentElement).paddingRight)]",
    )
    .await;
    assert_eq!(frame[0], json!("0px"), "{frame}");
    assert_eq!(
        frame[1].as_f64().map(f64::round),
        frame[2].as_f64().map(f64::round),
        "the frame is as wide as its box: {frame}"
    );
    let png = c.screenshot().await.unwrap();
    std::fs::write(format!("{dir}/11-embed-demo.png"), png).unwrap();

    // The Nu HTML checker on every page seen above, at once (one JVM start).
    assert!(
        std::path::Path::new(VNU).exists(),
        "{VNU} is missing: run the tests with ./scripts/test.sh, which installs it"
    );
    let pages: Vec<_> = std::fs::read_dir(format!("{dir}/html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let checked = std::process::Command::new("java")
        .args(["-jar", VNU, "--errors-only"])
        .args(&pages)
        .output()
        .expect("java runs the Nu HTML checker");
    assert!(
        checked.status.success(),
        "HTML errors:\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    let Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}
