//! The OSRM HTTP API (`route` and `table` services, profile `driving`) as a `Router`: each call
//! time-boxed, its answer size-limited, and anything but `"code": "Ok"` with well-formed numbers
//! taken as no route.
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::header::{ACCEPT, USER_AGENT};
use hyper::{Request, StatusCode};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;
use tokio_rustls::rustls;

use super::{Leg, Route, RouteError, Router, Table};
use crate::domain::Point;

/// The largest answer read: a table of a few dozen points takes a few kilobytes.
const MAX_BODY_BYTES: usize = 256 * 1024;

type HttpClient = Client<HttpsConnector<HttpConnector>, Empty<Bytes>>;

pub struct Osrm {
    base: String,
    timeout: Duration,
    client: HttpClient,
}

impl Osrm {
    pub fn new(base: &str, timeout: Duration) -> Osrm {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .build();
        Osrm {
            base: base.trim_end_matches('/').to_owned(),
            timeout,
            client: Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(30))
                .build(https),
        }
    }

    /// `lon,lat;lon,lat;…` as OSRM takes coordinates (six decimals: about 10 cm).
    fn coordinates(points: &[Point]) -> String {
        points
            .iter()
            .map(|p| format!("{:.6},{:.6}", p.lon(), p.lat()))
            .collect::<Vec<_>>()
            .join(";")
    }

    async fn get(&self, service: &str, points: &[Point], query: &str) -> Result<Bytes, RouteError> {
        let url = format!(
            "{}/{service}/v1/driving/{}?{query}",
            self.base,
            Osrm::coordinates(points)
        );
        let request = Request::get(url.as_str())
            .header(USER_AGENT, concat!("covoit/", env!("CARGO_PKG_VERSION")))
            .header(ACCEPT, "application/json")
            .body(Empty::new())
            .map_err(|e| RouteError::Unreachable(e.to_string()))?;
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|e| RouteError::Unreachable(e.to_string()))?;
            let status = response.status();
            let body = Limited::new(response.into_body(), MAX_BODY_BYTES)
                .collect()
                .await
                .map_err(|e| RouteError::Garbled(e.to_string()))?
                .to_bytes();
            // OSRM answers 400 with a JSON code (NoRoute, InvalidQuery…): read it below.
            if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
                return Err(RouteError::Refused(format!("HTTP {status}")));
            }
            Ok(body)
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| RouteError::Timeout)?
    }
}

#[derive(Deserialize)]
struct RouteAnswer {
    code: String,
    #[serde(default)]
    routes: Vec<RouteBody>,
}

#[derive(Deserialize)]
struct RouteBody {
    duration: f64,
    distance: f64,
    legs: Vec<LegBody>,
}

#[derive(Deserialize)]
struct LegBody {
    duration: f64,
    distance: f64,
}

#[derive(Deserialize)]
struct TableAnswer {
    code: String,
    #[serde(default)]
    durations: Option<Vec<Vec<Option<f64>>>>,
}

fn sane(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

/// The route in an OSRM `route` answer for `stops` stops.
pub(super) fn read_route(body: &[u8], stops: usize) -> Result<Route, RouteError> {
    let answer: RouteAnswer =
        serde_json::from_slice(body).map_err(|e| RouteError::Garbled(e.to_string()))?;
    if answer.code != "Ok" {
        return Err(RouteError::Refused(answer.code));
    }
    let route = answer
        .routes
        .into_iter()
        .next()
        .ok_or_else(|| RouteError::Garbled("no route".into()))?;
    let legs: Vec<Leg> = route
        .legs
        .iter()
        .map(|l| Leg {
            duration_s: l.duration,
            distance_m: l.distance,
        })
        .collect();
    let numbers_ok = sane(route.duration)
        && sane(route.distance)
        && legs
            .iter()
            .all(|l| sane(l.duration_s) && sane(l.distance_m));
    if legs.len() + 1 != stops || !numbers_ok {
        return Err(RouteError::Garbled(format!(
            "{} legs for {stops} stops, or impossible numbers",
            legs.len()
        )));
    }
    Ok(Route {
        duration_s: route.duration,
        distance_m: route.distance,
        legs,
    })
}

/// The square duration table in an OSRM `table` answer for `n` points.
pub(super) fn read_table(body: &[u8], n: usize) -> Result<Table, RouteError> {
    let answer: TableAnswer =
        serde_json::from_slice(body).map_err(|e| RouteError::Garbled(e.to_string()))?;
    if answer.code != "Ok" {
        return Err(RouteError::Refused(answer.code));
    }
    let table = answer
        .durations
        .ok_or_else(|| RouteError::Garbled("no durations".into()))?;
    let square = table.len() == n
        && table
            .iter()
            .all(|row| row.len() == n && row.iter().flatten().all(|d| sane(*d)));
    if !square {
        return Err(RouteError::Garbled(format!("not a {n}×{n} table")));
    }
    Ok(table)
}

#[async_trait]
impl Router for Osrm {
    async fn route(&self, stops: &[Point]) -> Result<Route, RouteError> {
        let body = self
            .get("route", stops, "overview=false&steps=false")
            .await?;
        read_route(&body, stops.len())
    }

    async fn table(&self, points: &[Point]) -> Result<Table, RouteError> {
        let body = self.get("table", points, "annotations=duration").await?;
        read_table(&body, points.len())
    }
}
