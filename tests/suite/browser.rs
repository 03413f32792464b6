//! The widget in a real browser (Debian's Chromium, headless, through chromedriver): a host
//! page on another site embeds it, a passenger books inside the iframe with third-party
//! cookies blocked, and the driver's email arrives over SMTP; a site not in `embed_origins`
//! is refused framing. A screenshot of the booked state is saved in `test-artifacts/`.
use crate::common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::smtp::{SmtpServer, free_port, smtp_figment};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// A host page that could be any organiser's site: it serves whatever page it is given, on
/// `localhost`, which is another site than the app's `127.0.0.1`.
struct HostSite {
    port: u16,
    page: Arc<Mutex<String>>,
}

impl HostSite {
    fn start() -> HostSite {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let page = Arc::new(Mutex::new(String::new()));
        let shared = page.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let html = shared.lock().unwrap().clone();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                    html.len(),
                    html
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        HostSite { port, page }
    }

    fn serve(&self, html: String) {
        *self.page.lock().unwrap() = html;
    }

    fn origin(&self) -> String {
        format!("http://localhost:{}", self.port)
    }
}

/// A plain HTTP/1.0 JSON POST, as any client would send it.
pub(crate) fn post_json(port: u16, path: &str, body: &serde_json::Value) -> serde_json::Value {
    let body = body.to_string();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let json = reply.split("\r\n\r\n").nth(1).unwrap_or("null");
    serde_json::from_str(json).unwrap()
}

fn host_page(app: &str, slug: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Club</title><style>body{{background:rgb(250, 240, 230);font-family:serif}}</style></head>\
         <body><h1 id=host-title>Club de foot</h1><p>Come with us!</p>\
         <script src=\"{app}/widget.js\" data-event=\"{slug}\" data-lang=\"en\" data-accent=\"#1a7f37\" data-height=\"300\" async></script>\
         <p id=between>Second widget:</p>\
         <script src=\"{app}/widget.js\" data-event=\"{slug}\" data-lang=\"fr\" async></script>\
         </body></html>"
    )
}

pub(crate) struct Driver {
    pub(crate) process: Child,
    _profile: tempfile::TempDir,
    pub(crate) client: Client,
}

async fn chromium() -> Driver {
    chromium_with(json!({}), None).await
}

/// Chromium with extra `goog:chromeOptions` (a phone's screen, say) and, if given, the time
/// zone the browser believes it is in.
pub(crate) async fn chromium_with(extra: serde_json::Value, zone: Option<&str>) -> Driver {
    // fantoccini's TLS stack needs a process-wide crypto provider (whichever test comes first).
    let _ = rustls::crypto::ring::default_provider().install_default();
    for bin in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
        assert!(
            std::path::Path::new(bin).exists(),
            "{bin} is missing: run the tests with ./scripts/test.sh, which installs chromium and chromium-driver"
        );
    }
    let port = free_port();
    let mut command = Command::new("/usr/bin/chromedriver");
    if let Some(zone) = zone {
        command.env("TZ", zone);
    }
    let process = command
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=900,1400",
                "--test-third-party-cookie-phaseout",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            // Third-party cookies blocked, as Safari and Firefox do by default.
            "prefs": { "profile.block_third_party_cookies": true, "profile.cookie_controls_mode": 1 }
        }
    });
    let mut caps = caps;
    if let (Some(options), Some(extra)) = (
        caps["goog:chromeOptions"].as_object_mut(),
        extra.as_object(),
    ) {
        options.extend(extra.clone());
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        let mut builder = ClientBuilder::rustls().unwrap();
        builder.capabilities(caps.as_object().unwrap().clone());
        match builder.connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(client) => break client,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("chromedriver did not start: {e}"),
        }
    };
    Driver {
        process,
        _profile: profile,
        client,
    }
}

/// The settings of an app served on 127.0.0.1:`port` with its SQLite file in `db_dir` (the
/// browser tests' own server).
pub(crate) fn served_figment(db_dir: &std::path::Path, port: u16) -> rocket::figment::Figment {
    let db_url = format!("sqlite://{}/covoit.db?mode=rwc", db_dir.display());
    common::base_figment(&db_url)
        .merge(("port", port))
        .merge(("address", "127.0.0.1"))
        .merge(("base_url", format!("http://127.0.0.1:{port}")))
        .merge(("jobs_interval_secs", 3600))
}

pub(crate) async fn wait_until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_passenger_books_inside_the_widget_on_another_site() {
    let smtp = SmtpServer::start();
    let app_port = free_port();
    let app = format!("http://127.0.0.1:{app_port}");
    // The organiser's site is allowed to frame the widget; another site is not.
    let allowed = HostSite::start();
    let refused = HostSite::start();
    let dir = tempfile::tempdir().unwrap();
    let (sp, ca) = (smtp.port, smtp.ca_file.clone());
    let figment = smtp_figment(served_figment(dir.path(), app_port), sp, &ca)
        .merge(("embed_origins", vec![allowed.origin()]));
    let server = tokio::spawn(covoit::build(figment).launch());
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", app_port)).is_ok()
    })
    .await;

    // An event with a ride, through the public API.
    let event = tokio::task::spawn_blocking(move || {
        post_json(app_port, "/api/events", &common::event_body())
    })
    .await
    .unwrap();
    let slug = event["event"]["slug"].as_str().unwrap().to_owned();
    let offers = format!("/api/events/{slug}/offers");
    let offer =
        tokio::task::spawn_blocking(move || post_json(app_port, &offers, &common::offer_body()))
            .await
            .unwrap();
    assert!(offer["offer"]["id"].is_string(), "{offer}");
    allowed.serve(host_page(&app, &slug));
    refused.serve(host_page(&app, &slug));

    let driver = chromium().await;
    let c = &driver.client;
    c.goto(&allowed.origin()).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    // Two widgets, each right after its script.
    wait_until("both iframes", || async {
        c.execute("return document.querySelectorAll('iframe').length", vec![])
            .await
            .unwrap()
            == json!(2)
    })
    .await;
    let order = c
        .execute(
            "var f = document.querySelectorAll('iframe'); return [f[0].previousElementSibling.tagName, f[1].previousElementSibling.tagName, f[0].nextElementSibling.id];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(order, json!(["SCRIPT", "SCRIPT", "between"]));
    // Each frame is titled in its widget's language, from the catalogue.
    let titles = c
        .execute(
            "var f = document.querySelectorAll('iframe'); return [f[0].title, f[1].title];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        titles,
        json!([
            covoit::i18n::T::get(covoit::domain::Lang::En).t("widget-title"),
            covoit::i18n::T::get(covoit::domain::Lang::Fr).t("widget-title"),
        ])
    );
    // The iframe grows to its content (postMessage), from the 300 px it started with.
    wait_until("the iframe to resize", || async {
        let h = c
            .execute(
                "return document.querySelector('iframe').getBoundingClientRect().height",
                vec![],
            )
            .await
            .unwrap();
        h.as_f64().unwrap_or(0.0) > 320.0
    })
    .await;
    // Nothing leaks into the host page: no new globals, its styles untouched.
    let leaked = c
        .execute("return Object.keys(window).filter(function (k) { return /covoit|options|embedUrl/i.test(k) || /^(SLUG|ACCENT|LANG|TITLES)$/.test(k); })", vec![])
        .await
        .unwrap();
    assert_eq!(leaked, json!([]));
    let host_style = c
        .execute("return [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.getElementById('host-title')).fontFamily]", vec![])
        .await
        .unwrap();
    assert_eq!(host_style, json!(["rgb(250, 240, 230)", "serif"]));

    // Inside the first widget (English, green accent): choose the ride, book.
    c.enter_frame(0).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-covoit-embed]"))
        .await
        .unwrap();
    let accent = c
        .execute(
            "return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(accent, json!("#1a7f37"));
    c.find(Locator::LinkText("Request a seat"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("f-passenger_name"))
        .await
        .unwrap();
    c.find(Locator::Id("f-passenger_name"))
        .await
        .unwrap()
        .send_keys("Iris Iframe")
        .await
        .unwrap();
    c.find(Locator::Id("f-passenger_email"))
        .await
        .unwrap()
        .send_keys("iris@example.org")
        .await
        .unwrap();
    let seats = c.find(Locator::Id("f-seats")).await.unwrap();
    seats.clear().await.unwrap();
    seats.send_keys("2").await.unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let heading = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("h1"))
        .await
        .unwrap();
    wait_until("the confirmation", || async {
        heading
            .text()
            .await
            .map(|t| t == "Request sent")
            .unwrap_or(false)
    })
    .await;
    let url = c.execute("return location.href", vec![]).await.unwrap();
    assert!(
        url.as_str()
            .unwrap()
            .starts_with(&format!("{app}/embed/o/")),
        "still inside the widget: {url}"
    );
    assert_eq!(
        c.execute("return document.cookie", vec![]).await.unwrap(),
        json!(""),
        "no cookie in the flow"
    );
    c.enter_parent_frame().await.unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::create_dir_all("test-artifacts").unwrap();
    std::fs::write("test-artifacts/widget-booked.png", &png).unwrap();
    assert!(png.starts_with(b"\x89PNG"));

    // The driver's email arrives, sent by the app's own background task.
    let received = smtp.wait_for(4, Duration::from_secs(20)).await;
    let to_driver = received
        .iter()
        .filter(|r| r.to.iter().any(|t| t == common::DRIVER_EMAIL))
        .any(|r| String::from_utf8_lossy(&r.data).contains("Iris Iframe"));
    assert!(to_driver, "the driver's request email");

    // A site that is not in embed_origins gets no widget: the browser refuses the frame.
    c.goto(&refused.origin()).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    c.enter_frame(0).await.unwrap();
    let inside = c
        .execute(
            "return document.querySelector('[data-covoit-embed]') !== null",
            vec![],
        )
        .await;
    assert!(
        !matches!(inside, Ok(serde_json::Value::Bool(true))),
        "framed although not allowed"
    );
    c.enter_parent_frame().await.unwrap();

    let Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}

/// The event page in a real browser follows a booking made by another client, through
/// covoit's own listener: its seat count changes within 2 seconds, with no reload.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_event_page_follows_bookings_live() {
    let app_port = free_port();
    let app = format!("http://127.0.0.1:{app_port}");
    let dir = tempfile::tempdir().unwrap();
    let figment = served_figment(dir.path(), app_port);
    let server = tokio::spawn(covoit::server::serve(
        covoit::build(figment),
        covoit::server::Limits::default(),
    ));
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", app_port)).is_ok()
    })
    .await;
    let event = tokio::task::spawn_blocking(move || {
        post_json(app_port, "/api/events", &common::event_body())
    })
    .await
    .unwrap();
    let slug = event["event"]["slug"].as_str().unwrap().to_owned();
    let mut body = common::offer_body();
    body["auto_accept"] = json!(true);
    body["seats"] = json!(4);
    let offers = format!("/api/events/{slug}/offers");
    let offer = tokio::task::spawn_blocking(move || post_json(app_port, &offers, &body))
        .await
        .unwrap();
    let offer_id = offer["offer"]["id"].as_str().unwrap().to_owned();

    let driver = chromium().await;
    let c = &driver.client;
    c.goto(&format!("{app}/e/{slug}?lang=en")).await.unwrap();
    let counts =
        "return document.querySelector('[data-live=\"section-to_event\"] .counts').textContent";
    let before = c.execute(counts, vec![]).await.unwrap();
    assert!(
        before.as_str().unwrap().contains("4 seats left"),
        "{before}"
    );
    // A mark on this page: it survives only if the page is not reloaded.
    c.execute("window.covoitMark = 42; return 1", vec![])
        .await
        .unwrap();
    // The stream is open before the change (the page subscribed on load).
    tokio::time::sleep(Duration::from_millis(500)).await;

    let booking = format!("/api/offers/{offer_id}/reservations");
    tokio::task::spawn_blocking(move || {
        post_json(
            app_port,
            &booking,
            &json!({"passenger_name": "Lou", "passenger_email": "lou@example.org", "seats": 1}),
        )
    })
    .await
    .unwrap();
    let booked = Instant::now();
    let mut updated = None;
    while booked.elapsed() < Duration::from_secs(2) {
        let now = c.execute(counts, vec![]).await.unwrap();
        if now.as_str().unwrap_or("").contains("3 seats left") {
            updated = Some(booked.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let updated = updated.expect("the seat count changed within 2 seconds");
    println!("live update after {} ms", updated.as_millis());
    let mark = c
        .execute("return window.covoitMark || 0", vec![])
        .await
        .unwrap();
    assert_eq!(mark, json!(42), "the page was not reloaded");

    let Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}

/// Every kind of email in every language, laid out by Chromium at a phone's width (375 px, an
/// iPhone SE or mini): nothing is wider than the screen, so nothing scrolls sideways. Each
/// email is rendered in a 375 px frame of its own, as a mail app shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_email_fits_a_phone_screen() {
    let driver = chromium().await;
    let client = &driver.client;
    client.goto("about:blank").await.unwrap();
    let mut widths = Vec::new();
    for lang in covoit::domain::Lang::ALL {
        for email in crate::email_templates::kinds::all_emails(lang) {
            let width = client
                .execute_async(
                    "const [html, done] = arguments;
                     const f = document.createElement('iframe');
                     f.style.cssText = 'width:375px;height:6000px;border:0';
                     f.onload = () => {
                       const d = f.contentDocument;
                       const w = Math.max(d.documentElement.scrollWidth, d.body.scrollWidth);
                       const screen = d.documentElement.clientWidth;
                       f.remove();
                       done([w, screen]);
                     };
                     f.srcdoc = html;
                     document.body.appendChild(f);",
                    vec![json!(email.html)],
                )
                .await
                .unwrap();
            let (w, screen) = (width[0].as_i64().unwrap(), width[1].as_i64().unwrap());
            // The screen really is a phone's (no scroll bar took part of it).
            assert_eq!(screen, 375, "{} in {lang:?}", email.kind);
            widths.push((format!("{} in {lang:?}", email.kind), w));
        }
    }
    assert!(widths.len() >= 6 * 21, "{} emails measured", widths.len());
    let too_wide: Vec<_> = widths.iter().filter(|(_, w)| *w > 375).collect();
    assert!(
        too_wide.is_empty(),
        "wider than a 375 px screen: {too_wide:?}"
    );
    let Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
}
