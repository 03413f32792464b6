//! operations: /healthz and /metrics.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

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
    let (_, offer, _) = app.event_with_offer().await;
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
