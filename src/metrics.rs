//! Counters for `/metrics` (Prometheus text format), and one log line per request. Labels
//! are route templates (`/link/<purpose>/<token>`), never the requested path: paths carry
//! tokens, and a template keeps the number of series bounded.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

/// Shared by the routes and the background task (cheap to clone).
#[derive(Default, Clone)]
pub struct Metrics(std::sync::Arc<Counters>);

impl std::ops::Deref for Metrics {
    type Target = Counters;

    fn deref(&self) -> &Counters {
        &self.0
    }
}

#[derive(Default)]
pub struct Counters {
    /// (method, route, status) → count
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    pub bookings: AtomicU64,
    /// transition kind → count (accept, refuse, cancel, remove, expire, nudge, remind, …)
    transitions: Mutex<BTreeMap<&'static str, u64>>,
    tick_count: AtomicU64,
    tick_micros: AtomicU64,
    last_tick_micros: AtomicU64,
}

impl Counters {
    pub fn transition(&self, kind: &'static str, n: u64) {
        if n == 0 {
            return;
        }
        if let Ok(mut t) = self.transitions.lock() {
            *t.entry(kind).or_insert(0) += n;
        }
    }

    pub fn tick(&self, micros: u64) {
        self.tick_count.fetch_add(1, Ordering::Relaxed);
        self.tick_micros.fetch_add(micros, Ordering::Relaxed);
        self.last_tick_micros.store(micros, Ordering::Relaxed);
    }

    fn request(&self, method: &str, route: &str, status: u16) {
        if let Ok(mut r) = self.requests.lock() {
            *r.entry((method.to_owned(), route.to_owned(), status))
                .or_insert(0) += 1;
        }
    }

    /// The counters in Prometheus text format; `gauges` are read from the database by the
    /// caller at scrape time.
    pub fn render(&self, emails_by_state: &BTreeMap<String, u64>, outbox_backlog: u64) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP covoit_http_requests_total HTTP requests by route template and status.\n",
        );
        out.push_str("# TYPE covoit_http_requests_total counter\n");
        if let Ok(r) = self.requests.lock() {
            for ((method, route, status), n) in r.iter() {
                out.push_str(&format!(
                    "covoit_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}\n",
                    route.replace('\\', "\\\\").replace('"', "\\\"")
                ));
            }
        }
        out.push_str("# HELP covoit_bookings_total Seat requests made.\n# TYPE covoit_bookings_total counter\n");
        out.push_str(&format!(
            "covoit_bookings_total {}\n",
            self.bookings.load(Ordering::Relaxed)
        ));
        out.push_str("# HELP covoit_transitions_total Request and offer transitions by kind.\n");
        out.push_str("# TYPE covoit_transitions_total counter\n");
        if let Ok(t) = self.transitions.lock() {
            for (kind, n) in t.iter() {
                out.push_str(&format!(
                    "covoit_transitions_total{{kind=\"{kind}\"}} {n}\n"
                ));
            }
        }
        out.push_str(
            "# HELP covoit_emails Emails in the outbox by state.\n# TYPE covoit_emails gauge\n",
        );
        for (state, n) in emails_by_state {
            out.push_str(&format!("covoit_emails{{state=\"{state}\"}} {n}\n"));
        }
        out.push_str("# HELP covoit_outbox_backlog Emails waiting to be sent.\n# TYPE covoit_outbox_backlog gauge\n");
        out.push_str(&format!("covoit_outbox_backlog {outbox_backlog}\n"));
        out.push_str("# HELP covoit_tick_duration_seconds Background tick durations.\n");
        out.push_str("# TYPE covoit_tick_duration_seconds summary\n");
        out.push_str(&format!(
            "covoit_tick_duration_seconds_sum {}\ncovoit_tick_duration_seconds_count {}\n",
            self.tick_micros.load(Ordering::Relaxed) as f64 / 1e6,
            self.tick_count.load(Ordering::Relaxed)
        ));
        out.push_str(
            "# HELP covoit_last_tick_duration_seconds The last background tick's duration.\n",
        );
        out.push_str("# TYPE covoit_last_tick_duration_seconds gauge\n");
        out.push_str(&format!(
            "covoit_last_tick_duration_seconds {}\n",
            self.last_tick_micros.load(Ordering::Relaxed) as f64 / 1e6
        ));
        out
    }
}

/// Counts every request and logs one line for it.
pub struct RequestLog;

struct Started(Instant);

#[rocket::async_trait]
impl Fairing for RequestLog {
    fn info(&self) -> Info {
        Info {
            name: "request log and metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Started(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let elapsed = req.local_cache(|| Started(Instant::now())).0.elapsed();
        let route = req
            .route()
            .map_or_else(|| "unmatched".to_owned(), |r| r.uri.to_string());
        // The query part of a template names parameters only; keep the path.
        let route = route.split('?').next().unwrap_or("").to_owned();
        let status = res.status().code;
        let method = req.method().as_str();
        if let Some(m) = req.rocket().state::<Metrics>() {
            m.request(method, &route, status);
            // A link action that happened answers 303 (see web::links).
            if status == 303
                && let Some(kind) = link_transition(&route)
            {
                m.transition(kind, 1);
            }
        }
        tracing::info!(
            target: "covoit::http",
            method,
            route = %route,
            status,
            ms = elapsed.as_secs_f64() * 1000.0,
            "request"
        );
    }
}

/// The transition a successful link POST made, from its route template.
fn link_transition(route: &str) -> Option<&'static str> {
    let rest = route.strip_prefix("/link/")?;
    Some(match rest.split('/').collect::<Vec<_>>().as_slice() {
        ["accept", _] | ["manage", _, "accept", _] => "accept",
        ["refuse", _] | ["manage", _, "refuse", _] => "refuse",
        ["booking", _] => "cancel",
        ["manage", _, "remove", _] => "remove",
        ["manage", _, "edit"] => "edit",
        ["manage", _, "cancel"] => "cancel_offer",
        _ => return None,
    })
}

/// Removes anything that looks like an email address or a long number from a message that is
/// about to be logged (database errors can quote the values of a failed statement).
pub fn redact(message: &str) -> String {
    message
        .split_inclusive(|c: char| c.is_whitespace() || "()[]{}<>,;'\"=".contains(c))
        .map(|word| {
            let core =
                word.trim_end_matches(|c: char| c.is_whitespace() || "()[]{}<>,;'\"=".contains(c));
            let tail = &word[core.len()..];
            let digits = core.chars().filter(char::is_ascii_digit).count();
            if core.contains('@') || digits >= 6 {
                format!("<redacted>{tail}")
            } else {
                word.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_addresses_and_phone_numbers() {
        let m =
            "duplicate key (offer_id, active_email)=(3, paul@example.org) phone 0612345678 id 42";
        let r = redact(m);
        assert!(!r.contains("paul@") && !r.contains("0612345678"), "{r}");
        assert!(r.contains("id 42") && r.contains("(offer_id,"), "{r}");
    }

    #[test]
    fn link_routes_name_their_transition() {
        assert_eq!(link_transition("/link/accept/<token>"), Some("accept"));
        assert_eq!(
            link_transition("/link/manage/<token>/remove/<rid>"),
            Some("remove")
        );
        assert_eq!(link_transition("/link/<purpose>/<token>"), None);
        assert_eq!(link_transition("/o/<id>/requests"), None);
    }

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.request("GET", "/e/<slug>", 200);
        m.request("GET", "/e/<slug>", 200);
        m.bookings.fetch_add(3, Ordering::Relaxed);
        m.transition("accept", 2);
        let mut emails = BTreeMap::new();
        emails.insert("sent".to_owned(), 5);
        let text = m.render(&emails, 7);
        assert!(text.contains(
            "covoit_http_requests_total{method=\"GET\",route=\"/e/<slug>\",status=\"200\"} 2"
        ));
        assert!(text.contains("covoit_bookings_total 3"));
        assert!(text.contains("covoit_transitions_total{kind=\"accept\"} 2"));
        assert!(text.contains("covoit_emails{state=\"sent\"} 5"));
        assert!(text.contains("covoit_outbox_backlog 7"));
    }
}
