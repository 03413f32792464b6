//! Sharing an event: its QR code (a valid SVG document and a PNG that decodes back to the
//! page's address), link-preview tags (OpenGraph, Twitter card) that carry no personal data,
//! and a copy-link field whose button only a script shows.
use super::text;
use crate::common::{self, TestApp};
use rocket::http::{ContentType, Status};

on_sqlite!(
    the_qr_code_leads_to_the_event_page,
    the_event_page_previews_without_personal_data,
    the_organiser_page_offers_the_qr_code_to_print
);

async fn the_qr_code_leads_to_the_event_page(app: &TestApp) {
    let (slug, _, _) = app.event_with_offer().await;
    let url = format!("https://covoit.test/e/{slug}");

    let res = app.client.get(format!("/e/{slug}/qr.svg")).dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::SVG));
    let svg = res.into_string().await.unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some());

    let res = app.client.get(format!("/e/{slug}/qr.png")).dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::PNG));
    let bytes = res.into_bytes().await.unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).expect("its image");
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * info.line_size + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().expect("it decodes");
    assert_eq!(content, url);

    let (status, _) = app.get("/e/nothing-here-k3m9p2x7/qr.png").await;
    assert_eq!(status, Status::NotFound);
    let (status, _) = app.get("/e/nothing-here-k3m9p2x7/qr.svg").await;
    assert_eq!(status, Status::NotFound);
}

/// `<meta property|name="key" content="…">` of the page, if any.
fn meta<'a>(page: &'a str, key: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attr| {
        let marker = format!("<meta {attr}=\"{key}\" content=\"");
        let start = page.find(&marker)? + marker.len();
        page[start..].split('"').next()
    })
}

async fn the_event_page_previews_without_personal_data(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let (status, booked) = app
        .book(offer["id"].as_str().unwrap(), "paul@example.org", 1)
        .await;
    assert_eq!(status, Status::Created, "{booked}");
    let res = app
        .client
        .get(format!("/e/{slug}"))
        .header(rocket::http::Header::new("Accept-Language", "fr"))
        .dispatch()
        .await;
    let csp = res
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let page = res.into_string().await.unwrap();
    let url = format!("https://covoit.test/e/{slug}");

    assert_eq!(meta(&page, "og:title"), Some("Tournoi de printemps"));
    assert_eq!(meta(&page, "og:type"), Some("website"));
    assert_eq!(meta(&page, "og:url"), Some(url.as_str()));
    assert_eq!(meta(&page, "og:locale"), Some("fr_FR"));
    assert_eq!(meta(&page, "twitter:card"), Some("summary"));
    assert_eq!(meta(&page, "twitter:title"), Some("Tournoi de printemps"));
    let description = text(meta(&page, "og:description").unwrap());
    assert!(
        description.contains("Stade municipal, Lyon"),
        "{description}"
    );
    assert_eq!(
        meta(&page, "twitter:description"),
        meta(&page, "og:description")
    );

    // Nobody's name, address or phone in the head (nor anywhere on the page).
    let head = &page[..page.find("</head>").unwrap()];
    for secret in [
        common::ORGANIZER_EMAIL,
        "Odile",
        common::DRIVER_EMAIL,
        common::DRIVER_PHONE,
        "Denise",
        "paul@example.org",
        "Paul",
    ] {
        assert!(!head.contains(secret), "{secret} in the head:\n{head}");
    }
    for secret in [
        common::ORGANIZER_EMAIL,
        common::DRIVER_EMAIL,
        "paul@example.org",
    ] {
        assert!(!page.contains(secret), "{secret} on the page");
    }

    // The link to copy: a read-only field that works without scripts; the button is the
    // script's to show, from a file the policy allows.
    assert!(
        page.contains(&format!(
            "<input id=\"share-url\" type=\"text\" readonly value=\"{url}\""
        )),
        "{page}"
    );
    assert!(page.contains("data-copy=\"share-url\""));
    assert!(page.contains("hidden>Copier le lien</button>"), "{page}");
    assert!(page.contains("<script src=\"/static/share.js\" defer></script>"));
    let res = app.client.get("/static/share.js").dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::JavaScript));
    let js = res.into_string().await.unwrap();
    assert!(js.contains("navigator.clipboard") && js.contains("data-copy"));
    assert!(page.contains(&format!("href=\"/e/{slug}/qr.svg\"")));

    // The widget's page stays compact: no preview tags, no sharing box.
    let (_, embed) = app.get(&format!("/embed/{slug}")).await;
    assert!(meta(&embed, "og:title").is_none());
    assert!(!embed.contains("share-url"));
}

async fn the_organiser_page_offers_the_qr_code_to_print(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let e = super::events(app).await.remove(0);
    let now = chrono::Utc::now();
    let emails = app.emails();
    let link = emails.urls.link(
        covoit::links::Purpose::Event,
        e.id,
        now,
        now + chrono::Duration::days(1),
    );
    let (status, page) = app.get(link.trim_start_matches(emails.urls.base())).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains(&format!("<img src=\"/e/{slug}/qr.svg\"")),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/e/{slug}/qr.png\" download")));
    assert!(page.contains("id=\"share-url\""));
}

/// In a real browser: the copy button shows itself (scripts run, the policy allows the file)
/// and, pressed, puts the page's address on the clipboard and says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_copy_button_copies_the_link_in_a_browser() {
    use crate::browser::{chromium_with, post_json, served_figment, wait_until};
    use crate::common::smtp::free_port;
    use fantoccini::Locator;

    let port = free_port();
    let app = format!("http://127.0.0.1:{port}");
    let dir = tempfile::tempdir().unwrap();
    let server = tokio::spawn(covoit::server::serve(
        covoit::build(served_figment(dir.path(), port)),
        covoit::server::Limits::default(),
    ));
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
    let event =
        tokio::task::spawn_blocking(move || post_json(port, "/api/events", &common::event_body()))
            .await
            .unwrap();
    let slug = event["event"]["slug"].as_str().unwrap().to_owned();
    let url = format!("{app}/e/{slug}");

    // The test reads the clipboard back: this site may (pressing the button needs no such
    // permission).
    let site = format!("{app},*");
    let prefs = serde_json::json!({ "prefs": { "profile.content_settings.exceptions.clipboard": {
        site: { "setting": 1 }
    } } });
    let driver = chromium_with(prefs, None).await;
    let c = &driver.client;
    c.goto(&format!("{url}?lang=en")).await.unwrap();
    let button = c
        .wait()
        .for_element(Locator::Css("button[data-copy]"))
        .await
        .unwrap();
    assert!(button.is_displayed().await.unwrap(), "the script shows it");
    assert_eq!(button.text().await.unwrap(), "Copy the link");
    button.click().await.unwrap();
    let status = "return document.querySelector('[data-copy-status]').textContent";
    wait_until("the copy's answer", || async {
        !c.execute(status, vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or("")
            .is_empty()
    })
    .await;
    assert_eq!(
        c.execute(status, vec![]).await.unwrap(),
        serde_json::json!("Link copied.")
    );
    let pasted = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(pasted, serde_json::json!(url));

    let crate::browser::Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}
