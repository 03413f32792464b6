//! operations: /admin and `covoit stats`: figures, sessions, retries.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_and_stats_show_the_scripted_figures() {
    // Without a token there is no admin at all.
    let closed = TestApp::start(Backend::Sqlite).await;
    assert_eq!(closed.get("/admin").await.0, Status::NotFound);
    assert_eq!(
        closed.post_form("/admin/login", &[("token", "x")]).await.0,
        Status::NotFound
    );
    closed.finish().await;

    let app = TestApp::start_with(Backend::Sqlite, |f| f.merge(("admin_token", ADMIN))).await;
    scripted(&app).await;
    // The operator reads English (the switch's cookie keeps it for the next pages).
    let (status, page) = app.get("/admin?lang=en").await;
    assert_eq!(status, Status::Unauthorized);
    assert!(page.contains("name=\"token\""), "the login form");
    let wrong = app
        .client
        .get("/admin")
        .header(Header::new("Authorization", "Bearer nope"))
        .dispatch()
        .await;
    assert_eq!(wrong.status(), Status::Unauthorized);
    drop(wrong);
    let res = app
        .client
        .post("/admin/login")
        .header(ContentType::Form)
        .header(Header::new("Origin", "https://covoit.test"))
        .body("token=not-the-token")
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Unauthorized);
    assert!(
        res.into_string()
            .await
            .unwrap()
            .contains("not the admin token")
    );

    // Login: a private, HttpOnly, SameSite=Strict cookie.
    let res = app
        .client
        .post("/admin/login")
        .header(ContentType::Form)
        .header(Header::new("Origin", "https://covoit.test"))
        .body(format!("token={ADMIN}"))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::SeeOther);
    let set_cookie = res.headers().get_one("Set-Cookie").unwrap().to_owned();
    assert!(
        set_cookie.contains("HttpOnly")
            && set_cookie.contains("SameSite=Strict")
            && set_cookie.contains("Secure"),
        "{set_cookie}"
    );
    drop(res);
    let res = app.client.get("/admin").dispatch().await;
    assert_eq!(
        res.status(),
        Status::Ok,
        "the tracked client sends the cookie back"
    );
    let page = res.into_string().await.unwrap();
    for (key, expected) in [
        ("events", "1"),
        ("offers", "2"),
        ("seats", "6 / 2"),
        ("requests", "5"),
        ("pending", "1"),
        ("confirmed", "2"),
        ("refused", "1"),
        ("expired", "1"),
        ("cancelled", "0"),
        ("acceptance", "50.0%"),
        ("expired-share", "20.0%"),
    ] {
        assert_eq!(figure(&page, key), expected, "{key}");
    }
    let captured = outbox::Entity::find().count(&app.db.conn).await.unwrap();
    assert!(
        page.contains(&format!("captured: {captured}")),
        "emails today: {captured}"
    );
    // The bearer header works too, and a request is found by id.
    let res = app
        .client
        .get("/admin?request=1")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    let page = res.into_string().await.unwrap();
    assert!(page.contains("id=\"found\"") && page.contains("p1@example.org"));
    // In French, figures have a decimal comma.
    let res = app.client.get("/admin?lang=fr").dispatch().await;
    let page = res.into_string().await.unwrap();
    assert_eq!(figure(&page, "acceptance"), "50,0 %");
    assert!(page.contains("<h1>Exploitation</h1>"), "{page}");

    // covoit stats --json gives the same numbers.
    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_covoit"))
            .env_clear()
            .current_dir(std::env::temp_dir())
            .env("DATABASE_URL", url)
            .env("SECRET_KEY", common::TEST_KEY)
            .env("RUST_LOG", "error")
            .args(["stats", "--json"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            stats["events"].as_u64(),
            stats["offers"].as_u64(),
            stats["requests"].as_u64(),
            stats["pending"].as_u64()
        ),
        (Some(1), Some(2), Some(5), Some(1))
    );
    assert_eq!(
        (
            stats["confirmed"].as_u64(),
            stats["refused"].as_u64(),
            stats["expired"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(stats["acceptance_rate"], json!(0.5));
    assert_eq!(stats["expired_share"], json!(0.2));
    assert_eq!(stats["emails_today"]["captured"].as_u64(), Some(captured));
    assert_eq!(stats["per_event"][0]["requests"].as_u64(), Some(5));
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_email_can_be_retried_from_admin() {
    let server = SmtpServer::prepare(); // nothing listening: every send fails
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(Backend::Sqlite, move |f| {
        common::smtp::smtp_figment(f, port, &ca)
            .merge(("admin_token", ADMIN))
            .merge(("mail_max_attempts", 1))
    })
    .await;
    app.create_event().await;
    let m = app.client.rocket().state::<Mailer>().unwrap().clone();
    covoit::mail::dispatcher::dispatch_due(&app.db, &m, "a", Utc::now())
        .await
        .unwrap();
    let failed = outbox::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.status.as_str(), "failed");
    let bearer = Header::new("Authorization", format!("Bearer {ADMIN}"));
    let page = app
        .client
        .get("/admin")
        .header(bearer.clone())
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("/admin/emails/{}/retry", failed.id)),
        "listed with its retry button"
    );
    let res = app
        .client
        .post(format!("/admin/emails/{}/retry", failed.id))
        .header(bearer)
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::SeeOther);
    drop(res);
    let row = outbox::Entity::find_by_id(failed.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.status.as_str(), row.attempts), ("queued", 0));
    server.listen();
    let report = covoit::mail::dispatcher::dispatch_due(&app.db, &m, "a", Utc::now())
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    app.finish().await;
}

/// Admin sessions live on the server: logout ends them (an old cookie replayed is refused) and
/// they expire; failed logins are throttled; admin pages are never cached; a POST from another
/// site is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_sessions_end_and_logins_are_throttled() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("admin_token", ADMIN))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let ours = Header::new("Origin", "https://covoit.test");
    let login = |ip: &'static str, token: &str| {
        app.client
            .post("/admin/login")
            .header(ContentType::Form)
            .header(Header::new("Origin", "https://covoit.test"))
            .header(Header::new("X-Real-IP", ip))
            .body(format!("token={token}"))
            .dispatch()
    };
    let res = login("10.0.0.1", ADMIN).await;
    assert_eq!(res.status(), Status::SeeOther);
    let cookie = res
        .headers()
        .get_one("Set-Cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    drop(res);
    let with_cookie = |cookie: String| {
        app.client
            .get("/admin")
            .header(Header::new("Cookie", cookie))
            .dispatch()
    };
    let res = with_cookie(cookie.clone()).await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(res.headers().get_one("Cache-Control"), Some("no-store"));
    drop(res);

    // A POST from another site, with the session cookie, is refused.
    let res = app
        .client
        .post("/admin/logout")
        .header(Header::new("Cookie", cookie.clone()))
        .header(Header::new("Origin", "https://evil.example"))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Forbidden);
    drop(res);
    // Logout ends the session on the server: the same cookie, replayed, is refused.
    let res = app
        .client
        .post("/admin/logout")
        .header(Header::new("Cookie", cookie.clone()))
        .header(ours.clone())
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::SeeOther);
    drop(res);
    assert_eq!(with_cookie(cookie).await.status(), Status::Unauthorized);

    // Sessions expire on the server, whatever the browser keeps.
    let res = login("10.0.0.1", ADMIN).await;
    let cookie = res
        .headers()
        .get_one("Set-Cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    drop(res);
    covoit::entities::admin_session::Entity::update_many()
        .col_expr(
            covoit::entities::admin_session::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(with_cookie(cookie).await.status(), Status::Unauthorized);

    // Five wrong tokens from one client: the sixth attempt, even the right one, waits.
    for _ in 0..5 {
        assert_eq!(
            login("10.0.0.9", "wrong-token").await.status(),
            Status::Unauthorized
        );
    }
    let res = login("10.0.0.9", ADMIN).await;
    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(res.headers().get_one("Retry-After").is_some());
    drop(res);
    assert_eq!(
        login("10.0.0.10", ADMIN).await.status(),
        Status::SeeOther,
        "another client is not affected"
    );
    app.finish().await;
}
