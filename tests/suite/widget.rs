//! The widget over HTTP: the loader and its cache validator, framing policy per path and
//! origin, CORS on the API, and the booking and offer flows inside `/embed` keeping their
//! language and accent without cookies.
use crate::common;

use common::{Backend, TestApp, local_in_days};
use rocket::http::{ContentType, Header, Status};

const ALLOWED: &str = "https://club.example.org";

async fn app() -> TestApp {
    TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("embed_origins", vec![ALLOWED, "http://localhost:8080"]))
    })
    .await
}

#[tokio::test]
async fn the_loader_is_small_cacheable_and_revalidates() {
    let app = app().await;
    let res = app.client.get("/widget.js").dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.content_type(), Some(ContentType::JavaScript));
    let etag = res.headers().get_one("ETag").unwrap().to_owned();
    assert!(
        res.headers()
            .get_one("Cache-Control")
            .unwrap()
            .contains("max-age")
    );
    let body = res.into_string().await.unwrap();
    assert!(body.contains("covoit:height"));
    let again = app
        .client
        .get("/widget.js")
        .header(Header::new("If-None-Match", etag.clone()))
        .dispatch()
        .await;
    assert_eq!(again.status(), Status::NotModified);
    assert_eq!(again.headers().get_one("ETag"), Some(etag.as_str()));
    let stale = app
        .client
        .get("/widget.js")
        .header(Header::new("If-None-Match", "\"other\""))
        .dispatch()
        .await;
    assert_eq!(stale.status(), Status::Ok);
    drop((again, stale));
    app.finish().await;
}

#[tokio::test]
async fn only_embed_pages_may_be_framed_and_only_by_allowed_origins() {
    let app = app().await;
    let (slug, offer, _) = app.event_with_offer().await;
    let embed_paths = [
        format!("/embed/{slug}"),
        format!("/embed/o/{}", offer["id"].as_str().unwrap()),
        format!("/embed/e/{slug}/offers/new"),
    ];
    for path in &embed_paths {
        let res = app.client.get(path.as_str()).dispatch().await;
        assert_eq!(res.status(), Status::Ok, "{path}");
        let csp = res
            .headers()
            .get_one("Content-Security-Policy")
            .unwrap()
            .to_owned();
        assert!(
            csp.contains(&format!(
                "frame-ancestors 'self' {ALLOWED} http://localhost:8080"
            )),
            "{path}: {csp}"
        );
        assert!(res.headers().get_one("X-Frame-Options").is_none(), "{path}");
    }
    let others = [
        "/".to_owned(),
        format!("/e/{slug}"),
        format!("/o/{}", offer["id"].as_str().unwrap()),
        format!("/embed/demo/{slug}"),
        "/events/new".to_owned(),
    ];
    for path in &others {
        let res = app.client.get(path.as_str()).dispatch().await;
        let csp = res.headers().get_one("Content-Security-Policy").unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "strict: {csp}"
        );
        assert_eq!(
            res.headers().get_one("X-Frame-Options"),
            Some("DENY"),
            "{path}"
        );
        assert_eq!(
            res.headers().get_one("X-Content-Type-Options"),
            Some("nosniff")
        );
    }
    // The demo page frames the widget from the same origin.
    let (_, demo) = app.get(&format!("/embed/demo/{slug}")).await;
    assert!(
        demo.contains(&format!(
            "src=\"https://covoit.test/widget.js\" data-event=\"{slug}\""
        )),
        "{demo}"
    );
    app.finish().await;
}

#[tokio::test]
async fn cors_answers_allowed_origins_only() {
    let app = app().await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/events/{slug}");
    let allowed = app
        .client
        .get(path.as_str())
        .header(Header::new("Origin", ALLOWED))
        .dispatch()
        .await;
    assert_eq!(allowed.status(), Status::Ok);
    assert_eq!(
        allowed.headers().get_one("Access-Control-Allow-Origin"),
        Some(ALLOWED)
    );
    assert!(allowed.headers().get("Vary").any(|v| v.contains("Origin")));
    let other = app
        .client
        .get(path.as_str())
        .header(Header::new("Origin", "https://evil.example"))
        .dispatch()
        .await;
    assert_eq!(other.status(), Status::Ok, "the answer itself is public");
    assert!(
        other
            .headers()
            .get_one("Access-Control-Allow-Origin")
            .is_none()
    );

    let preflight = app
        .client
        .options("/api/events")
        .header(Header::new("Origin", ALLOWED))
        .header(Header::new("Access-Control-Request-Method", "POST"))
        .dispatch()
        .await;
    assert_eq!(preflight.status(), Status::NoContent);
    assert_eq!(
        preflight.headers().get_one("Access-Control-Allow-Origin"),
        Some(ALLOWED)
    );
    assert!(
        preflight
            .headers()
            .get_one("Access-Control-Allow-Methods")
            .unwrap()
            .contains("POST")
    );
    assert!(
        preflight
            .headers()
            .get_one("Access-Control-Allow-Headers")
            .unwrap()
            .contains("Content-Type")
    );
    let refused = app
        .client
        .options("/api/events")
        .header(Header::new("Origin", "https://evil.example"))
        .dispatch()
        .await;
    assert_eq!(refused.status(), Status::Forbidden);
    assert!(
        refused
            .headers()
            .get_one("Access-Control-Allow-Origin")
            .is_none()
    );
    drop((allowed, other, preflight, refused));
    app.finish().await;
}

#[tokio::test]
async fn embed_flows_keep_language_and_accent_without_cookies() {
    let app = app().await;
    let (slug, offer, _) = app.event_with_offer().await;
    let q = "?lang=en&accent=%230b5cad";
    let (status, page) = app.get(&format!("/embed/{slug}{q}")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("data-covoit-embed") && page.contains("/static/embed.js"));
    assert!(page.contains("/static/accent.css?c=%230b5cad"));
    assert!(
        page.contains(&format!(
            "href=\"/embed/o/{}?lang=en&#38;accent=%230b5cad#book\"",
            offer["id"].as_str().unwrap()
        )),
        "{page}"
    );
    assert!(!page.contains("class=\"site\""), "no site chrome");
    // A hostile accent is dropped, not echoed.
    let (_, hostile) = app
        .get(&format!(
            "/embed/{slug}?lang=en&accent=red;}}body{{display:none"
        ))
        .await;
    assert!(!hostile.contains("display:none") && !hostile.contains("accent.css"));
    let (_, css) = app.get("/static/accent.css?c=%230b5cad").await;
    assert_eq!(css.trim(), ":root{--accent:#0b5cad;--accent-fg:#ffffff;}");
    let (_, css) = app.get("/static/accent.css?c=red;}body{display:none").await;
    assert_eq!(css, "");

    // Booking inside the widget: the answer is the confirmation, still in the widget.
    let res = app
        .client
        .post(format!(
            "/embed/o/{}/requests{q}",
            offer["id"].as_str().unwrap()
        ))
        .header(ContentType::Form)
        .body("passenger_name=Ines&passenger_email=ines%40example.org&seats=1")
        .dispatch()
        .await;
    // Post/Redirect/Get, staying in the widget with its language and accent.
    assert_eq!(res.status(), Status::SeeOther);
    assert!(
        res.headers().get_one("Set-Cookie").is_none(),
        "no cookie needed"
    );
    let sent = res.headers().get_one("Location").unwrap().to_owned();
    drop(res);
    assert!(
        sent.starts_with(&format!(
            "/embed/o/{}/sent?lang=en&accent=%230b5cad&seats=1&",
            offer["id"].as_str().unwrap()
        )),
        "{sent}"
    );
    let page = app.get(&sent).await.1;
    assert!(page.contains("Request sent") && page.contains("data-covoit-embed"));
    assert!(page.contains(&format!(
        "href=\"/embed/{slug}?lang=en&#38;accent=%230b5cad\""
    )));

    // A driver offers a ride inside the widget: back to the offer, inside the widget.
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("direction", "to_event"),
            ("place", "Bron"),
            ("departs_at", local_in_days(10, 10).as_str()),
            ("seats", "2"),
            ("driver_name", "Dina"),
            ("driver_email", "dina@example.org"),
        ])
        .finish();
    let res = app
        .client
        .post(format!("/embed/e/{slug}/offers{q}"))
        .header(ContentType::Form)
        .body(form)
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::SeeOther);
    let location = res.headers().get_one("Location").unwrap();
    assert!(
        location.starts_with("/embed/o/")
            && location.contains("lang=en&accent=%230b5cad&published=1"),
        "{location}"
    );
    drop(res);
    app.finish().await;
}
