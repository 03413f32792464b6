//! The router settings: `router_url` (an OSRM-compatible service; none: no pickup times) and
//! `router_timeout_ms`; and the suggested contribution's rate (`contribution_per_km`, off by
//! default, in `contribution_currency`).
use std::time::Duration;

use super::Reader;
use crate::services::routing::RouterConfig;
use crate::services::routing::contribution::Rate;

pub(super) fn contribution(r: &mut Reader<'_>) -> Option<Rate> {
    let currency = r
        .text("contribution_currency")
        .unwrap_or_else(|| "EUR".into());
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        r.problem(
            "contribution_currency",
            "expected a currency code of three capital letters, such as EUR or CHF",
        );
    }
    let per_km: f64 = r.get(
        "contribution_per_km",
        "an amount per kilometre and passenger, such as 0.08",
    )?;
    if !(per_km > 0.0 && per_km <= 10.0) {
        r.problem(
            "contribution_per_km",
            "expected an amount per kilometre above 0 and up to 10, such as 0.08",
        );
        return None;
    }
    Some(Rate { per_km, currency })
}

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
