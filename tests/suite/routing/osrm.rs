//! A router on loopback that speaks the OSRM HTTP API (`/route/v1/driving/…` and
//! `/table/v1/driving/…`, `lon,lat;lon,lat` coordinates, `{"code": "Ok", …}` answers) and
//! drives straight lines at 30 km/h, counting the requests; it can also answer late, with
//! garbage, with `"code": "NoRoute"` or with a 500.
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

use covoit::domain::Point;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;

/// Seconds to drive one kilometre (30 km/h).
pub const SECONDS_PER_KM: f64 = 120.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ok = 0,
    /// Answers after 2 s (the app waits less).
    Slow = 1,
    Garbage = 2,
    NoRoute = 3,
    Broken = 4,
}

#[derive(Default)]
struct Shared {
    mode: AtomicU8,
    requests: AtomicUsize,
}

pub struct FakeOsrm {
    pub url: String,
    shared: Arc<Shared>,
}

/// The seconds the fake router takes between two points.
pub fn seconds(a: &Point, b: &Point) -> f64 {
    a.distance_km(b) * SECONDS_PER_KM
}

impl FakeOsrm {
    pub async fn start() -> FakeOsrm {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let s = s.clone();
                        async move { Ok::<_, Infallible>(answer(&s, req.uri().path()).await) }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        FakeOsrm { url, shared }
    }

    pub fn set_mode(&self, mode: Mode) {
        self.shared.mode.store(mode as u8, Ordering::SeqCst);
    }

    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }
}

fn reply(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = status;
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r
}

fn points(coordinates: &str) -> Option<Vec<Point>> {
    coordinates
        .split(';')
        .map(|pair| {
            let (lon, lat) = pair.split_once(',')?;
            Point::new(lat.parse().ok()?, lon.parse().ok()?)
        })
        .collect()
}

async fn answer(s: &Shared, path: &str) -> Response<Full<Bytes>> {
    s.requests.fetch_add(1, Ordering::SeqCst);
    match s.mode.load(Ordering::SeqCst) {
        1 => tokio::time::sleep(Duration::from_secs(2)).await,
        2 => return reply(StatusCode::OK, "<html>Bad gateway</html>".into()),
        3 => {
            return reply(
                StatusCode::BAD_REQUEST,
                json!({"code": "NoRoute", "message": "Impossible route between points"})
                    .to_string(),
            );
        }
        4 => return reply(StatusCode::INTERNAL_SERVER_ERROR, "{}".into()),
        _ => {}
    }
    let (service, coordinates) = if let Some(rest) = path.strip_prefix("/route/v1/driving/") {
        ("route", rest)
    } else if let Some(rest) = path.strip_prefix("/table/v1/driving/") {
        ("table", rest)
    } else {
        return reply(
            StatusCode::BAD_REQUEST,
            json!({"code": "InvalidUrl", "message": "URL string malformed"}).to_string(),
        );
    };
    let Some(points) = points(coordinates).filter(|p| p.len() >= 2) else {
        return reply(
            StatusCode::BAD_REQUEST,
            json!({"code": "InvalidQuery", "message": "Query string malformed"}).to_string(),
        );
    };
    let body = if service == "route" {
        let legs: Vec<_> = points
            .windows(2)
            .map(|w| {
                json!({"duration": seconds(&w[0], &w[1]),
                       "distance": w[0].distance_km(&w[1]) * 1000.0,
                       "steps": [], "summary": "", "weight": seconds(&w[0], &w[1])})
            })
            .collect();
        let duration: f64 = points.windows(2).map(|w| seconds(&w[0], &w[1])).sum();
        let distance: f64 = points
            .windows(2)
            .map(|w| w[0].distance_km(&w[1]) * 1000.0)
            .sum();
        json!({"code": "Ok", "routes": [{"duration": duration, "distance": distance,
               "weight": duration, "weight_name": "routability", "legs": legs}],
               "waypoints": []})
    } else {
        let durations: Vec<Vec<f64>> = points
            .iter()
            .map(|a| points.iter().map(|b| seconds(a, b)).collect())
            .collect();
        json!({"code": "Ok", "durations": durations, "sources": [], "destinations": []})
    };
    reply(StatusCode::OK, body.to_string())
}
