//! operations: what leaves the server: security headers, the organiser's CSV, the logs.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_kind_of_answer() {
    let app = TestApp::start(Backend::Sqlite).await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        1,
        Utc::now() + chrono::Duration::days(1),
    );
    for (path, referrer, framing) in [
        (
            format!("/e/{slug}"),
            "strict-origin-when-cross-origin",
            "frame-ancestors 'none'",
        ),
        (
            format!("/link/event/{token}"),
            "no-referrer",
            "frame-ancestors 'none'",
        ),
        (
            format!("/embed/{slug}"),
            "strict-origin-when-cross-origin",
            "frame-ancestors 'self'",
        ),
        (
            format!("/api/events/{slug}"),
            "strict-origin-when-cross-origin",
            "frame-ancestors 'none'",
        ),
    ] {
        let res = app.client.get(path.as_str()).dispatch().await;
        assert_eq!(res.status(), Status::Ok, "{path}");
        let h = res.headers();
        assert!(
            h.get_one("Content-Security-Policy")
                .unwrap()
                .contains(framing),
            "{path}"
        );
        assert_eq!(
            h.get_one("X-Content-Type-Options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(h.get_one("Referrer-Policy"), Some(referrer), "{path}");
        assert!(
            h.get_one("Strict-Transport-Security")
                .unwrap()
                .contains("max-age="),
            "https base_url: {path}"
        );
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_csv_has_names_not_contacts() {
    let app = TestApp::start(Backend::Sqlite).await;
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    let m = app.emails();
    let (_, b) = app
        .post_json(
            &format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap()),
            &json!({"passenger_name": "=cmd|' /C calc'!A0", "passenger_email": "x@example.org", "passenger_phone": "07 55 44 33 22", "pickup": "Gare"}),
        )
        .await;
    decisions::accept(
        &app.db,
        &m,
        b["reservation"]["id"].as_i64().unwrap(),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let created = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("event_created"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let start = created
        .text_body
        .find("https://covoit.test/link/event/")
        .unwrap();
    let link: String = created.text_body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '?')
        .collect();
    let path = format!(
        "{}/csv?lang=en",
        link.trim_start_matches("https://covoit.test")
    );
    let res = app.client.get(path.as_str()).dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert!(
        res.headers()
            .get_one("Content-Disposition")
            .unwrap()
            .contains(&format!("covoit-{slug}.csv"))
    );
    assert_eq!(res.headers().get_one("Cache-Control"), Some("no-store"));
    let csv = res.into_string().await.unwrap();
    // A byte-order mark (spreadsheets read UTF-8 right), then headers in the reader's language.
    assert!(
        csv.starts_with("\u{feff}\"ride\",\"direction\",\"departure\""),
        "{csv}"
    );
    assert!(csv.contains("\"to the event\""), "{csv}");
    assert!(csv.contains("\"Denise Conductrice\"") && csv.contains("\"Gare\""));
    assert!(
        csv.contains("\"'=cmd|' /C calc'!A0\""),
        "formula neutralised: {csv}"
    );
    for secret in [
        "x@example.org",
        "07 55 44 33 22",
        common::DRIVER_EMAIL,
        common::DRIVER_PHONE,
        "@",
    ] {
        assert!(!csv.contains(secret), "{secret} in {csv}");
    }
    app.finish().await;
}

/// The server as operators run it, with SMTP configured; a whole scenario over TCP; then
/// its log is searched for tokens, addresses and phone numbers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_carry_no_token_email_or_phone() {
    let smtp = SmtpServer::start();
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_covoit"))
        .env_clear()
        .current_dir(dir.path())
        .env("RUST_LOG", "info")
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("DATABASE_URL", "sqlite://covoit.db?mode=rwc")
        .env("SECRET_KEY", common::TEST_KEY)
        .env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("SMTP_HOST", "localhost")
        .env("SMTP_PORT", smtp.port.to_string())
        .env("SMTP_USER", common::smtp::SMTP_USER)
        .env("SMTP_PASSWORD", common::smtp::SMTP_PASSWORD)
        .env("ROCKET_SMTP_CA_FILE", &smtp.ca_file)
        .env("ROCKET_JOBS_INTERVAL_SECS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let http = move |method: &str, path: &str, body: Option<String>| -> (u16, String) {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let body = body.unwrap_or_default();
        let kind = if body.starts_with('{') {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        write!(s, "{method} {path} HTTP/1.0\r\nHost: x\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        let status = reply.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
        (
            status,
            reply.split("\r\n\r\n").nth(1).unwrap_or("").to_owned(),
        )
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let scenario = tokio::task::spawn_blocking(move || {
        let (_, e) = http("POST", "/api/events", Some(common::event_body().to_string()));
        let e: Value = serde_json::from_str(&e).unwrap();
        let slug = e["event"]["slug"].as_str().unwrap().to_owned();
        let (_, o) = http("POST", &format!("/api/events/{slug}/offers"), Some(common::offer_body().to_string()));
        let o: Value = serde_json::from_str(&o).unwrap();
        let id = o["offer"]["id"].as_str().unwrap().to_owned();
        let body = json!({"passenger_name": "Lou Logs", "passenger_email": "lou.logs@example.org", "passenger_phone": "07 12 12 12 12"});
        assert_eq!(http("POST", &format!("/api/offers/{id}/reservations"), Some(body.to_string())).0, 201);
        let form = "passenger_name=Form&passenger_email=form.user%40example.org&passenger_phone=0699887766&seats=1";
        assert_eq!(http("POST", &format!("/o/{id}/requests"), Some(form.into())).0, 303);
        (http, slug)
    })
    .await
    .unwrap();
    let (http, slug) = scenario;
    // Follow the links the driver and a passenger received.
    let received = smtp.wait_for(6, Duration::from_secs(20)).await;
    let texts: Vec<String> = received
        .iter()
        .map(|r| String::from_utf8_lossy(&r.data).replace("=\r\n", ""))
        .collect();
    let mut tokens = Vec::new();
    for t in &texts {
        for (i, _) in t.match_indices("/link/") {
            let rest = &t[i + 6..];
            let purpose: String = rest.chars().take_while(|c| *c != '/').collect();
            let token: String = rest[purpose.len() + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
                .collect();
            tokens.push((purpose, token));
        }
    }
    tokens.sort();
    tokens.dedup();
    assert!(tokens.iter().any(|(p, _)| p == "accept"), "links were sent");
    let follow = tokens.clone();
    tokio::task::spawn_blocking(move || {
        for (purpose, token) in &follow {
            http("GET", &format!("/link/{purpose}/{token}"), None);
        }
        if let Some((_, token)) = follow.iter().find(|(p, _)| p == "accept") {
            assert_eq!(http("POST", &format!("/link/accept/{token}"), None).0, 303);
        }
        http("GET", &format!("/link/nope/{}", follow[0].1), None);
        http("GET", &format!("/e/{slug}"), None);
    })
    .await
    .unwrap();
    smtp.wait_for(8, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().ok();
    let mut log = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    server.wait().ok();

    assert!(
        log.contains("route=/link/<purpose>/<token>")
            || log.contains("route=\"/link/<purpose>/<token>\""),
        "one line per request: {log}"
    );
    assert!(log.contains("email sent"), "one line per email sent");
    for (_, token) in &tokens {
        assert!(!log.contains(token.as_str()), "a token in the log");
    }
    for secret in [
        "lou.logs",
        "form.user",
        "07 12 12 12 12",
        "0712121212",
        "0699887766",
        common::DRIVER_PHONE,
        "driver.secret",
        "orga.secret",
    ] {
        assert!(!log.contains(secret), "{secret} in the log");
    }
    let email_like = log
        .split(|c: char| c.is_whitespace() || "\"'<>()[]{},;=".contains(c))
        .filter(|w| {
            let parts: Vec<&str> = w.split('@').collect();
            parts.len() == 2 && !parts[0].is_empty() && parts[1].contains('.')
        });
    assert_eq!(email_like.collect::<Vec<_>>(), Vec::<&str>::new());
}
