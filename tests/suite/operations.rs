//! Operating covoit: /admin and `covoit stats` on a scripted scenario, /healthz and /metrics,
//! rate limits and the honeypot, security headers, the organiser's CSV, and logs that carry
//! no token, email address or phone number.
use crate::common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use common::smtp::{SmtpServer, free_port};
use common::{Backend, TestApp};
use covoit::entities::{outbox, reservation};
use covoit::mail::Mailer;
use covoit::services::{decisions, sweeps};
use rocket::http::{ContentType, Header, Status};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const ADMIN: &str = "operator-token-0123456789";

/// Event, a ride (3 seats) and its ride back; five requests: 2 accepted, 1 refused,
/// 1 expired, 1 pending.
async fn scripted(app: &TestApp) {
    let m = app.emails();
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    let id = offer["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for i in 1..=5 {
        let (status, body) = app.book(&id, &format!("p{i}@example.org"), 1).await;
        assert_eq!(status, Status::Created);
        ids.push(body["reservation"]["id"].as_i64().unwrap());
    }
    let now = Utc::now();
    decisions::accept(&app.db, &m, ids[0], None, now)
        .await
        .unwrap();
    decisions::accept(&app.db, &m, ids[1], None, now)
        .await
        .unwrap();
    decisions::refuse(&app.db, &m, ids[2], None, "", now)
        .await
        .unwrap();
    let r4 = reservation::Entity::find_by_id(ids[3])
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    // Expire only the fourth: move its deadline, then sweep at that moment.
    let mut r4m: reservation::ActiveModel = r4.into();
    r4m.expires_at = sea_orm::Set(now - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(r4m, &app.db.conn)
        .await
        .unwrap();
    assert_eq!(sweeps::expire_due(&app.db, &m, now).await.unwrap(), 1);
}

fn figure(page: &str, key: &str) -> String {
    let marker = format!("data-k=\"{key}\">");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {key}")) + marker.len();
    page[start..].split('<').next().unwrap().to_owned()
}

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
    let (status, page) = app.get("/admin").await;
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
        ("acceptance", "50.0 %"),
        ("expired-share", "20.0 %"),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_and_metrics() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (status, health) = app.get_json("/healthz").await;
    assert_eq!(status, Status::Ok);
    assert_eq!(
        (
            health["status"].as_str(),
            health["database"].as_str(),
            health["jobs"].as_str()
        ),
        (Some("ok"), Some("ok"), Some("disabled"))
    );
    assert_eq!(health["outbox"]["queued"], 0);

    let before = app.get("/metrics").await.1;
    let bookings = |text: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix("covoit_bookings_total "))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    app.book(offer["id"].as_str().unwrap(), "m@example.org", 1)
        .await;
    let (status, after) = app.get("/metrics").await;
    assert_eq!(status, Status::Ok);
    assert_eq!(bookings(&after), bookings(&before) + 1);
    assert!(after.contains("covoit_http_requests_total{method=\"POST\",route=\"/api/offers/<id>/reservations\",status=\"201\"} 1"), "{after}");
    assert!(after.contains("covoit_emails{state=\"captured\"}"));
    assert!(after.contains("# TYPE covoit_outbox_backlog gauge"));
    assert!(!after.contains("m@example.org"));

    // An unreachable database makes the instance unhealthy.
    app.db.conn.clone().close().await.ok();
    let (status, health) = app.get_json("/healthz").await;
    assert_eq!(status, Status::ServiceUnavailable);
    assert_eq!(health["database"], "unreachable");
    drop(app);

    // With an admin token, /metrics needs it; the background task's ticks show in /healthz.
    let guarded = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("admin_token", ADMIN))
            .merge(("jobs_interval_secs", 1))
    })
    .await;
    assert_eq!(guarded.get("/metrics").await.0, Status::Unauthorized);
    let ok = guarded
        .client
        .get("/metrics")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    assert_eq!(ok.status(), Status::Ok);
    drop(ok);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, health) = guarded.get_json("/healthz").await;
        if health["jobs"] == "running" {
            assert!(health["last_tick"].is_string());
            break;
        }
        assert!(Instant::now() < deadline, "{health}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    guarded.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_answer_429_with_retry_after() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("rate_limit_per_ip", 3))
            .merge(("rate_limit_per_email", 2))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    let path = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    let from = |ip: &'static str, email: String| {
        app.client
            .post(path.clone())
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .body(json!({"passenger_name": "R", "passenger_email": email}).to_string())
            .dispatch()
    };
    for i in 0..3 {
        assert_eq!(
            from("10.0.0.1", format!("r{i}@example.org")).await.status(),
            Status::Created
        );
    }
    let third = from("10.0.0.1", "r3@example.org".into()).await;
    assert_eq!(third.status(), Status::TooManyRequests, "the per-IP limit");
    let retry: u64 = third
        .headers()
        .get_one("Retry-After")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry));
    let body: Value = serde_json::from_str(&third.into_string().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    // Another address is not affected. The per-email limit holds within one client network
    // (two addresses of 10.0.1.0/24 share it); a refused duplicate is not saved and not counted.
    let (second, _) = app
        .create_offer_as(&slug, "second.driver@example.org")
        .await;
    let paths = [
        path.clone(),
        format!(
            "/api/offers/{}/reservations",
            second["id"].as_str().unwrap()
        ),
    ];
    let to = |path: String, ip: &'static str, email: &'static str| {
        app.client
            .post(path)
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .body(json!({"passenger_name": "R", "passenger_email": email}).to_string())
            .dispatch()
    };
    let status = |res: rocket::local::asynchronous::LocalResponse<'_>| res.status();
    assert_eq!(
        status(to(paths[0].clone(), "10.0.1.1", "same@example.org").await),
        Status::Created
    );
    assert_eq!(
        status(to(paths[0].clone(), "10.0.1.2", "SAME@example.org").await),
        Status::Conflict,
        "a duplicate"
    );
    assert_eq!(
        status(to(paths[1].clone(), "10.0.1.3", "same@example.org").await),
        Status::Created
    );
    let (third, _) = app.create_offer_as(&slug, "third.driver@example.org").await;
    let third_path = format!("/api/offers/{}/reservations", third["id"].as_str().unwrap());
    assert_eq!(
        status(to(third_path.clone(), "10.0.1.4", "same@example.org").await),
        Status::TooManyRequests,
        "two saved from this network with this address"
    );
    assert_eq!(
        status(to(third_path, "10.0.7.7", "same@example.org").await),
        Status::Created,
        "the address's owner, elsewhere, is not locked out"
    );
    // Pages answer a clear page.
    let res = app
        .client
        .post(format!(
            "/o/{}/requests?lang=en",
            offer["id"].as_str().unwrap()
        ))
        .header(ContentType::Form)
        .header(Header::new("X-Real-IP", "10.0.0.1"))
        .body("passenger_name=P&passenger_email=page%40example.org")
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(res.headers().get_one("Retry-After").is_some());
    assert!(
        res.into_string()
            .await
            .unwrap()
            .contains("Too many requests in a short time.")
    );
    app.finish().await;

    // Without trusted_ip_header the header is ignored: the peer address counts.
    let app = TestApp::start_with(Backend::Sqlite, |f| f.merge(("rate_limit_per_ip", 1))).await;
    let event = |ip: &'static str| {
        app.client
            .post("/api/events")
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .remote("192.0.2.7:4000".parse().unwrap())
            .body(common::event_body().to_string())
            .dispatch()
    };
    assert_eq!(event("10.0.0.1").await.status(), Status::Created);
    assert_eq!(
        event("10.0.0.2").await.status(),
        Status::TooManyRequests,
        "a spoofed header changes nothing"
    );
    app.finish().await;
}

/// Nobody can stop another person from booking by sending requests with their address: invalid
/// submissions never count, and the per-email limit is kept per client network. What keeps covoit
/// from flooding an address is the hourly cap on acknowledgements: past it the booking is still
/// saved and the passenger gets their link on the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_can_lock_a_person_out_nor_flood_their_address() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("rate_limit_per_ip", 2))
            .merge(("rate_limit_per_email", 1))
            .merge(("ack_emails_per_hour", 2))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut offers = Vec::new();
    for i in 0..3 {
        let (a, b) = app
            .create_offer_as(&slug, &format!("driver{i}@example.org"))
            .await;
        offers.push(a["id"].as_str().unwrap().to_owned());
        offers.push(b["id"].as_str().unwrap().to_owned());
    }
    {
        let victim = "victim@example.org";
        let book = |offer: &str, ip: String, body: Value| {
            app.client
                .post(format!("/api/offers/{offer}/reservations"))
                .header(ContentType::JSON)
                .header(Header::new("X-Real-IP", ip))
                .body(body.to_string())
                .dispatch()
        };
        // An attacker sends twenty invalid requests with the victim's address.
        for _ in 0..20 {
            let res = book(
                &offers[0],
                "10.9.9.9".into(),
                json!({"passenger_email": victim}),
            )
            .await;
            assert_eq!(res.status(), Status::UnprocessableEntity);
        }
        // None of them counted, not even against the attacker's own address.
        let ok = json!({"passenger_name": "Vic", "passenger_email": victim});
        let res = book(&offers[0], "10.9.9.9".into(), ok.clone()).await;
        assert_eq!(res.status(), Status::Created);

        // Bookings with the victim's address from five networks are all saved; only two
        // acknowledgements reach the victim within the hour.
        let mut statuses = Vec::new();
        for (i, offer) in offers.iter().enumerate().skip(1) {
            let res = book(offer, format!("10.{i}.0.1"), ok.clone()).await;
            assert_eq!(res.status(), Status::Created, "booking {i}");
            let body: Value = serde_json::from_str(&res.into_string().await.unwrap()).unwrap();
            statuses.push(body["email"]["status"].as_str().unwrap().to_owned());
        }
        assert_eq!(
            statuses,
            [
                "captured",
                "suppressed",
                "suppressed",
                "suppressed",
                "suppressed"
            ],
            "the first booking above already used one of the two"
        );
        let acks = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("request_sent"))
            .filter(outbox::Column::RecipientEmail.eq(victim))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(acks, 2);

        // On a page, the passenger whose confirmation was not emailed gets their link.
        let mut second_event = common::event_body();
        second_event["organizer_email"] = json!("other.club@example.org");
        let (_, event_b) = app.post_json("/api/events", &second_event).await;
        let (other, _) = app
            .create_offer_as(event_b["event"]["slug"].as_str().unwrap(), "d9@example.org")
            .await;
        let res = app
            .client
            .post(format!(
                "/o/{}/requests?lang=en",
                other["id"].as_str().unwrap()
            ))
            .header(ContentType::Form)
            .header(Header::new("X-Real-IP", "10.200.0.1"))
            .body("passenger_name=Vic&passenger_email=victim%40example.org")
            .dispatch()
            .await;
        assert_eq!(res.status(), Status::Created);
        let page = res.into_string().await.unwrap();
        assert!(page.contains("We did not email you this time"), "{page}");
        assert!(page.contains("href=\"/link/booking/"), "{page}");
    }
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_honeypot_drops_bots_silently() {
    let app = TestApp::start(Backend::Sqlite).await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (offer, _) = app.create_offer(&slug).await;
    let (_, page) = app
        .get(&format!("/o/{}", offer["id"].as_str().unwrap()))
        .await;
    assert!(
        page.contains("name=\"website\"") && page.contains("class=\"hp\""),
        "the form has the trap"
    );
    let emails_before = outbox::Entity::find().count(&app.db.conn).await.unwrap();
    let (status, page, _) = app
        .post_form(
            &format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap()),
            &[
                ("passenger_name", "Bot"),
                ("passenger_email", "bot@example.org"),
                ("seats", "1"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(status, Status::Created, "looks like success");
    assert!(page.contains("Request sent"));
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        outbox::Entity::find().count(&app.db.conn).await.unwrap(),
        emails_before,
        "no email"
    );
    // A bot's answer cannot be told from a person's: the same checks (an incomplete form comes
    // back with its errors), the same status and the same shape of address on success.
    let (status, _, _) = app
        .post_form(
            &format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap()),
            &[
                ("passenger_name", "Bot"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "an incomplete form");
    let starts = common::local_in_days(10, 14);
    let event_form = |website: &'static str| {
        vec![
            ("name", "Fête du club"),
            ("venue", "Stade"),
            ("starts_at", starts.as_str()),
            ("timezone", "Europe/Paris"),
            ("organizer_name", "Odile"),
            ("organizer_email", "odile@example.org"),
            ("website", website),
        ]
    };
    let slug_shape = regex::Regex::new(r"^/e/fete-du-club-[a-z2-9]{13}\?created=1$").unwrap();
    let (real, _, real_location) = app.post_form("/events", &event_form("")).await;
    let (bot, _, bot_location) = app.post_form("/events", &event_form("x")).await;
    assert_eq!((real, bot), (Status::SeeOther, Status::SeeOther));
    for location in [&real_location, &bot_location] {
        assert!(
            slug_shape.is_match(location.as_deref().unwrap()),
            "{location:?}"
        );
    }
    assert_ne!(real_location, bot_location);
    let mut incomplete = event_form("x");
    incomplete.retain(|(k, _)| *k != "venue");
    assert_eq!(
        app.post_form("/events", &incomplete).await.0,
        Status::UnprocessableEntity
    );
    let departs = common::local_in_days(10, 12);
    let offer_form = |website: &'static str| {
        vec![
            ("driver_name", "Denise"),
            ("driver_email", "denise@example.org"),
            ("direction", "to_event"),
            ("place", "Villeurbanne"),
            ("departs_at", departs.as_str()),
            ("seats", "3"),
            ("website", website),
        ]
    };
    let offer_shape = regex::Regex::new(r"^/o/[a-z2-9]{16}\?published=1$").unwrap();
    let offers = format!("/e/{slug}/offers");
    let (real, _, real_location) = app.post_form(&offers, &offer_form("")).await;
    let (bot, _, bot_location) = app.post_form(&offers, &offer_form("x")).await;
    assert_eq!((real, bot), (Status::SeeOther, Status::SeeOther));
    for location in [&real_location, &bot_location] {
        assert!(
            offer_shape.is_match(location.as_deref().unwrap()),
            "{location:?}"
        );
    }
    let count = |what: &'static str| {
        let db = app.db.conn.clone();
        async move {
            match what {
                "events" => covoit::entities::event::Entity::find()
                    .count(&db)
                    .await
                    .unwrap(),
                _ => covoit::entities::offer::Entity::find()
                    .count(&db)
                    .await
                    .unwrap(),
            }
        }
    };
    assert_eq!(count("events").await, 2, "the scenario's and the real one");
    assert_eq!(
        count("offers").await,
        3,
        "the scenario's two and the real one"
    );
    app.finish().await;
}

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
        .take_while(|c| !c.is_whitespace())
        .collect();
    let path = format!("{}/csv", link.trim_start_matches("https://covoit.test"));
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
    assert!(csv.starts_with("\"ride\",\"direction\",\"departure\""));
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
        assert_eq!(http("POST", &format!("/o/{id}/requests"), Some(form.into())).0, 201);
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
