//! A geocoding service (or a tile server) on loopback for the places tests: a plain HTTP/1.1
//! server that records each request it gets (its head) and answers what the test's function
//! says, after an optional delay.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::figment::Figment;
use rocket::http::Status;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::common::TestApp;

pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn json(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            content_type: "application/json",
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn status(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            ..Reply::json(body)
        }
    }
}

pub struct FakeGeocoder {
    /// The base address to configure (`geocoder_url`).
    pub url: String,
    heads: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeGeocoder {
    /// Answers each request with `answer(request target)`.
    pub async fn start(answer: impl Fn(&str) -> Reply + Send + Sync + 'static) -> FakeGeocoder {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(answer);
        let seen = heads.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let answer = answer.clone();
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let target = head.split(' ').nth(1).unwrap_or("").to_owned();
                    seen.lock().unwrap().push(head);
                    let reply = answer(&target);
                    tokio::time::sleep(reply.delay).await;
                    let mut out = format!(
                        "HTTP/1.1 {} Answer\r\nContent-Type: {}\r\n\
                         Content-Length: {}\r\nConnection: close\r\n",
                        reply.status,
                        reply.content_type,
                        reply.body.len()
                    );
                    for (name, value) in &reply.headers {
                        out.push_str(&format!("{name}: {value}\r\n"));
                    }
                    out.push_str("\r\n");
                    out.push_str(&reply.body);
                    socket.write_all(out.as_bytes()).await.ok();
                    socket.shutdown().await.ok();
                });
            }
        });
        FakeGeocoder { url, heads, task }
    }

    /// The heads of the requests received so far (request line and headers).
    pub fn requests(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }

    /// The request targets (path and query) received so far.
    pub fn targets(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|h| h.split(' ').nth(1).unwrap_or("").to_owned())
            .collect()
    }
}

impl Drop for FakeGeocoder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A Géoplateforme/BAN answer (GeoJSON, as `geocodage/search` writes it) with one address.
pub fn ban_answer(label: &str, lon: f64, lat: f64, score: f64) -> String {
    serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "label": label,
                "score": score,
                "housenumber": "12",
                "id": "69381_5530_00012",
                "banId": "5f0e0c7e-6b0a-4f1e-9d1b-000000000012",
                "name": "12 Rue de la République",
                "postcode": "69001",
                "citycode": "69381",
                "x": 842_560.41,
                "y": 6_519_836.2,
                "city": "Lyon",
                "district": "Lyon 1er Arrondissement",
                "context": "69, Rhône, Auvergne-Rhône-Alpes",
                "type": "housenumber",
                "importance": 0.72,
                "street": "Rue de la République",
                "_type": "address"
            }
        }],
        "query": "12 rue de la république lyon"
    })
    .to_string()
}

/// The settings of an app whose places come from `kind` at `url` first.
pub fn with_geocoder(
    kind: &'static str,
    url: &str,
    timeout_ms: u64,
) -> impl FnOnce(Figment) -> Figment {
    let url = url.to_owned();
    move |f: Figment| {
        f.merge(("geocoder", kind))
            .merge(("geocoder_url", url))
            .merge(("geocoder_timeout_ms", timeout_ms))
            .merge(("geocoder_contact", "ops@covoit.test"))
    }
}

pub async fn suggest(app: &TestApp, query: &str) -> Vec<Value> {
    let (status, body) = app.get_json(&format!("/api/places?{query}")).await;
    assert_eq!(status, Status::Ok, "{query}: {body}");
    body["places"].as_array().cloned().unwrap_or_default()
}

pub fn labels(list: &[Value]) -> Vec<String> {
    list.iter()
        .filter_map(|p| p["label"].as_str().map(str::to_owned))
        .collect()
}
