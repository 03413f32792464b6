//! The router settings: `router_url` (an OSRM-compatible service; none: no pickup times) and
//! `router_timeout_ms`.
use std::time::Duration;

use super::Reader;
use crate::services::routing::RouterConfig;

pub(super) fn read(r: &mut Reader<'_>) -> Option<RouterConfig> {
    let timeout_ms: u64 = r.bounded("router_timeout_ms", 100..=60_000, 3_000, "milliseconds");
    let url = r.text("router_url")?;
    match url::Url::parse(&url) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && u.query().is_none() =>
        {
            Some(RouterConfig {
                url: url.trim_end_matches('/').to_owned(),
                timeout: Duration::from_millis(timeout_ms),
            })
        }
        _ => {
            r.problem(
                "router_url",
                "expected the http(s) base address of an OSRM-compatible router, such as \
                 https://router.example.org (its /route/v1/driving and /table/v1/driving are used)",
            );
            None
        }
    }
}
