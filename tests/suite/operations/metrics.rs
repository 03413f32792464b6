//! operations: what /metrics shows (latency histograms per route template, domain counters
//! that move when the domain acts and only then), read back through a Prometheus text parser;
//! and rate limits whose Retry-After is the wait that lets the client in again.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use std::collections::{BTreeMap, BTreeSet};

/// One sample of the exposition: its name, labels and value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Parses Prometheus / OpenMetrics text strictly enough to catch a broken exposition: every
/// sample line is `name{label="value",…} number`, every sample belongs to a family declared
/// by a `# TYPE` line before it, the text ends with `# EOF`, and every histogram's buckets are
/// cumulative with `+Inf` equal to `_count`.
fn parse(text: &str) -> Vec<Sample> {
    let line_re =
        regex::Regex::new(r#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|NaN|\+Inf)$"#)
            .unwrap();
    let label_re = regex::Regex::new(r#"([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)""#).unwrap();
    assert!(text.ends_with("# EOF\n"), "no # EOF: {text}");
    let mut types = BTreeMap::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("# TYPE name kind");
            types.insert(name.to_owned(), kind.to_owned());
            continue;
        }
        if line.starts_with("# HELP ") || line == "# EOF" {
            continue;
        }
        let caps = line_re
            .captures(line)
            .unwrap_or_else(|| panic!("not a sample line: {line:?}"));
        let name = caps[1].to_owned();
        let labels: BTreeMap<String, String> = caps.get(3).map_or_else(BTreeMap::new, |l| {
            let parsed: BTreeMap<_, _> = label_re
                .captures_iter(l.as_str())
                .map(|c| (c[1].to_owned(), c[2].to_owned()))
                .collect();
            let rebuilt: Vec<String> = label_re
                .find_iter(l.as_str())
                .map(|m| m.as_str().to_owned())
                .collect();
            assert_eq!(rebuilt.join(","), l.as_str(), "labels of {line:?}");
            parsed
        });
        let family = ["_total", "_bucket", "_count", "_sum", "_created"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| types.contains_key(*f)))
            .unwrap_or(&name);
        assert!(types.contains_key(family), "{name} has no # TYPE before it");
        let value = match &caps[4] {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap(),
        };
        samples.push(Sample {
            name,
            labels,
            value,
        });
    }
    for (family, kind) in &types {
        if kind != "histogram" {
            continue;
        }
        let series: BTreeSet<BTreeMap<String, String>> = samples
            .iter()
            .filter(|s| s.name == format!("{family}_bucket"))
            .map(|s| {
                let mut l = s.labels.clone();
                l.remove("le");
                l
            })
            .collect();
        for labels in series {
            let buckets: Vec<f64> = samples
                .iter()
                .filter(|s| s.name == format!("{family}_bucket"))
                .filter(|s| {
                    let mut l = s.labels.clone();
                    l.remove("le");
                    l == labels
                })
                .map(|s| s.value)
                .collect();
            assert!(
                buckets.windows(2).all(|w| w[0] <= w[1]),
                "{family} {labels:?}"
            );
            let count = samples
                .iter()
                .find(|s| s.name == format!("{family}_count") && s.labels == labels)
                .map(|s| s.value);
            assert_eq!(buckets.last().copied(), count, "{family} {labels:?}");
        }
    }
    samples
}

fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let res = app.client.get("/metrics").dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    let content_type = res.content_type().unwrap().to_string();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    parse(&res.into_string().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_have_latency_histograms_and_count_what_the_domain_did() {
    let app = TestApp::start(Backend::Sqlite).await;
    for _ in 0..3 {
        assert_eq!(app.get("/healthz").await.0, Status::Ok);
    }
    let (_, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap();
    let before = scrape(&app).await;
    let healthz = [("method", "GET"), ("route", "/healthz")];
    let bucket = "covoit_http_request_duration_seconds_bucket";
    let mut inf = healthz.to_vec();
    inf.push(("le", "+Inf"));
    assert_eq!(value(&before, bucket, &inf), Some(3.0), "three GETs timed");
    let mut fast = healthz.to_vec();
    fast.push(("le", "5.0"));
    assert_eq!(value(&before, bucket, &fast), Some(3.0), "each under 5 s");
    assert!(
        before
            .iter()
            .any(|s| s.name == bucket && s.labels.get("le").map(String::as_str) == Some("0.0005")),
        "half-millisecond buckets"
    );
    assert_eq!(value(&before, "covoit_bookings_total", &[]), Some(0.0));

    // An invalid request is refused: nothing moves but the request counter.
    let (status, _) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_email": "x@example.org"}),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    // Two requests: one accepted, one left to expire.
    assert_eq!(
        app.book(offer_id, "a@example.org", 1).await.0,
        Status::Created
    );
    assert_eq!(
        app.book(offer_id, "b@example.org", 1).await.0,
        Status::Created
    );
    let row = |email: &'static str| {
        let db = app.db.conn.clone();
        async move {
            reservation::Entity::find()
                .filter(reservation::Column::PassengerEmail.eq(email))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let a = row("a@example.org").await;
    decisions::accept(&app.db, &app.emails(), a.id, None, Utc::now())
        .await
        .unwrap();
    let after = scrape(&app).await;
    assert_eq!(value(&after, "covoit_bookings_total", &[]), Some(2.0));
    let kind = |k| value(&after, "covoit_transitions_total", &[("kind", k)]);
    assert_eq!(kind("accept"), Some(1.0), "counted by the service, no HTTP");
    assert_eq!(kind("expire"), None);
    let route = "/api/offers/<id>/reservations";
    let requests = |status| {
        value(
            &after,
            "covoit_http_requests_total",
            &[("method", "POST"), ("route", route), ("status", status)],
        )
    };
    assert_eq!((requests("422"), requests("201")), (Some(1.0), Some(2.0)));
    let posted = [("method", "POST"), ("route", route), ("le", "+Inf")];
    assert_eq!(value(&after, bucket, &posted), Some(3.0));
    assert!(
        !after.iter().any(|s| s
            .labels
            .values()
            .any(|v| v.contains(offer_id) || v.contains('@'))),
        "route templates only, no ids or addresses"
    );

    let _ = decisions::accept(&app.db, &app.emails(), a.id, None, Utc::now()).await;
    // The background sweep expires the other request; the counter moves once it commits.
    let later = Utc::now() + chrono::Duration::days(60);
    assert_eq!(
        sweeps::expire_due(&app.db, &app.emails(), later)
            .await
            .unwrap(),
        1
    );
    let expired = scrape(&app).await;
    assert_eq!(
        value(&expired, "covoit_transitions_total", &[("kind", "expire")]),
        Some(1.0)
    );
    assert_eq!(
        value(&expired, "covoit_transitions_total", &[("kind", "accept")]),
        Some(1.0),
        "a replayed accept changes nothing"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_says_how_long_to_wait_and_that_wait_is_enough() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("rate_limit_window_secs", 4))
            .merge(("rate_limit_per_ip", 2))
            .merge(("rate_limit_per_email", 0))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let (_, offer, _) = app.event_with_offer().await;
    let path = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    let book = |i: u32| {
        app.client
            .post(path.clone())
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", "10.0.0.9"))
            .body(
                json!({"passenger_name": "R", "passenger_email": format!("r{i}@example.org")})
                    .to_string(),
            )
            .dispatch()
    };
    assert_eq!(book(0).await.status(), Status::Created);
    assert_eq!(book(1).await.status(), Status::Created);
    let refused = book(2).await;
    assert_eq!(refused.status(), Status::TooManyRequests);
    let retry: u64 = refused
        .headers()
        .get_one("Retry-After")
        .unwrap()
        .parse()
        .unwrap();
    // Two per 4 seconds: one comes back every 2 seconds.
    assert!((1..=2).contains(&retry), "Retry-After {retry}");
    drop(refused);
    tokio::time::sleep(Duration::from_secs(retry)).await;
    assert_eq!(
        book(3).await.status(),
        Status::Created,
        "after waiting Retry-After seconds"
    );
    assert_eq!(
        book(4).await.status(),
        Status::TooManyRequests,
        "and only one came back"
    );
    app.finish().await;
}

/// A domain fact is counted when its transaction commits, never when it is rolled back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counted_on_commit_only() {
    use covoit::db::Counted;
    let app = TestApp::start(Backend::Sqlite).await;
    let bookings = |s: &[Sample]| value(s, "covoit_bookings_total", &[]);
    assert_eq!(bookings(&scrape(&app).await), Some(0.0));
    let tx = app.db.begin_write().await.unwrap();
    tx.count(Counted::Bookings(5));
    tx.count(Counted::Transitions("accept", 2));
    drop(tx);
    let rolled_back = scrape(&app).await;
    assert_eq!(bookings(&rolled_back), Some(0.0));
    assert_eq!(
        value(
            &rolled_back,
            "covoit_transitions_total",
            &[("kind", "accept")]
        ),
        None
    );
    let tx = app.db.begin_write().await.unwrap();
    tx.count(Counted::Bookings(5));
    tx.commit().await.unwrap();
    assert_eq!(bookings(&scrape(&app).await), Some(5.0));
    app.finish().await;
}
