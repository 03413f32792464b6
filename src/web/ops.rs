//! `/healthz` (database, background task, outbox backlog; 503 when unhealthy) and `/metrics`
//! (OpenMetrics text, which Prometheus reads; behind the admin token when one is configured).
use std::collections::BTreeMap;

use chrono::Utc;
use rocket::http::{ContentType, Status};
use rocket::serde::json::Json;
use rocket::{Route, State, get, routes};
use serde_json::{Value, json};

use super::admin::Bearer;
use crate::config::Config;
use crate::db::Db;
use crate::jobs::JobsStatus;
use crate::metrics::Metrics;
use crate::services::operations;

pub fn routes() -> Vec<Route> {
    routes![healthz, metrics]
}

#[get("/healthz")]
async fn healthz(
    config: &State<Config>,
    db: &State<Db>,
    jobs: &State<JobsStatus>,
) -> (Status, Json<Value>) {
    let now = Utc::now();
    let database_ok = db.ping().await.is_ok();
    let last_tick = jobs.last_tick().await;
    let jobs_state = if config.jobs_interval_secs == 0 {
        "disabled"
    } else {
        // Stalled: no tick for three intervals (and a little slack for a long tick).
        let limit = chrono::Duration::seconds(3 * config.jobs_interval_secs as i64 + 30);
        match last_tick {
            Some(t) if now - t <= limit => "running",
            None if jobs.running() => "starting",
            _ => "stalled",
        }
    };
    let outbox = match database_ok {
        true => operations::outbox_health(db, now).await.ok(),
        false => None,
    };
    let (queued, oldest, failed) =
        outbox.map_or((0, None, 0), |o| (o.queued, o.oldest_queued_secs, o.failed));
    let writes = match db.write_health().failing() {
        None => json!("ok"),
        Some(f) => json!({
            "state": "failing",
            "since": f.since.to_rfc3339(),
            "last_failure": f.last.to_rfc3339(),
            "error": f.error,
        }),
    };
    let healthy = database_ok && jobs_state != "stalled" && writes == json!("ok");
    let body = json!({
        "status": if healthy { "ok" } else { "unhealthy" },
        "database": if database_ok { "ok" } else { "unreachable" },
        "writes": writes,
        "jobs": jobs_state,
        "last_tick": last_tick.map(|t| t.to_rfc3339()),
        "outbox": { "queued": queued, "oldest_queued_secs": oldest, "failed": failed },
    });
    (
        if healthy {
            Status::Ok
        } else {
            Status::ServiceUnavailable
        },
        Json(body),
    )
}

#[get("/metrics")]
async fn metrics(
    bearer: Bearer,
    config: &State<Config>,
    db: &State<Db>,
    metrics: &State<Metrics>,
) -> Result<(ContentType, String), Status> {
    if config.admin_token.is_some() && !bearer.valid {
        return Err(Status::Unauthorized);
    }
    let emails: BTreeMap<String, u64> = operations::emails_by_state(db)
        .await
        .map_err(|_| Status::ServiceUnavailable)?;
    let backlog = emails.get("queued").copied().unwrap_or(0);
    let text = metrics.render(&emails, backlog);
    Ok((
        ContentType::new(
            crate::metrics::CONTENT_TYPE.0,
            crate::metrics::CONTENT_TYPE.1,
        )
        .with_params([("version", "1.0.0"), ("charset", "utf-8")]),
        text,
    ))
}
