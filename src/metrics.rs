//! What `/metrics` shows, as typed `prometheus-client` metrics in one registry (OpenMetrics
//! text), and one log line per request. Labels are route templates (`/link/<purpose>/<token>`),
//! never the requested path: paths carry tokens, and a template keeps the number of series
//! bounded. Domain counters are fed where the domain acts (a committed write transaction, the
//! background task's report), never guessed from status codes.
use std::collections::BTreeMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

/// Request latencies, in seconds: covoit answers most pages in a millisecond or two.
const REQUEST_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Background tick durations, in seconds (a tick sends the outbox, so SMTP time is in it).
const TICK_BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: String,
}

/// What happened to emails, as the outbox's sender reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailOutcome {
    Sent,
    /// A transient failure: tried again later.
    Retried,
    /// Given up on.
    Failed,
    /// Not sent: the address hard-bounced lately.
    Suppressed,
    BouncedHard,
    BouncedSoft,
}

impl EmailOutcome {
    fn label(self) -> &'static str {
        match self {
            EmailOutcome::Sent => "sent",
            EmailOutcome::Retried => "retried",
            EmailOutcome::Failed => "failed",
            EmailOutcome::Suppressed => "suppressed",
            EmailOutcome::BouncedHard => "bounced_hard",
            EmailOutcome::BouncedSoft => "bounced_soft",
        }
    }
}

/// This process's metrics. Cheap to clone: every clone feeds the same registry.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    bookings: Counter,
    transitions: Family<KindLabel, Counter>,
    emails_sent: Family<OutcomeLabel, Counter>,
    emails: Family<StateLabel, Gauge>,
    backlog: Gauge,
    ticks: Histogram,
    last_tick: Gauge<f64, AtomicU64>,
    /// Scrapes set the database's gauges and then encode: one at a time.
    scrape: Mutex<()>,
}

fn request_histogram() -> Histogram {
    Histogram::new(REQUEST_BUCKETS)
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("covoit");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            request_histogram,
        );
        let bookings = Counter::default();
        let transitions = Family::<KindLabel, Counter>::default();
        let emails_sent = Family::<OutcomeLabel, Counter>::default();
        let emails = Family::<StateLabel, Gauge>::default();
        let backlog = Gauge::default();
        let ticks = Histogram::new(TICK_BUCKETS);
        let last_tick = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "http_requests",
            "HTTP requests by method, route template and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by method and route template",
            latency.clone(),
        );
        registry.register("bookings", "Seat requests made (saved)", bookings.clone());
        registry.register(
            "transitions",
            "Committed changes of requests and rides, by kind",
            transitions.clone(),
        );
        registry.register(
            "email_outcomes",
            "Emails sent, retried, failed, suppressed and bounced by this instance",
            emails_sent.clone(),
        );
        registry.register("emails", "Emails in the outbox by state", emails.clone());
        registry.register(
            "outbox_backlog",
            "Emails waiting to be sent",
            backlog.clone(),
        );
        registry.register(
            "tick_duration_seconds",
            "Background tick durations",
            ticks.clone(),
        );
        registry.register(
            "last_tick_duration_seconds",
            "The last background tick's duration",
            last_tick.clone(),
        );
        Metrics(Arc::new(Inner {
            registry,
            requests,
            latency,
            bookings,
            transitions,
            emails_sent,
            emails,
            backlog,
            ticks,
            last_tick,
            scrape: Mutex::new(()),
        }))
    }
}

impl Metrics {
    /// `n` seat requests were saved.
    pub fn booked(&self, n: u64) {
        self.0.bookings.inc_by(n);
    }

    /// `n` changes of kind `kind` (accept, refuse, expire, nudge…) were committed.
    pub fn transition(&self, kind: &'static str, n: u64) {
        if n > 0 {
            self.0
                .transitions
                .get_or_create(&KindLabel { kind })
                .inc_by(n);
        }
    }

    pub fn emails(&self, outcome: EmailOutcome, n: u64) {
        if n > 0 {
            let label = OutcomeLabel {
                outcome: outcome.label(),
            };
            self.0.emails_sent.get_or_create(&label).inc_by(n);
        }
    }

    pub fn tick(&self, took: Duration) {
        self.0.ticks.observe(took.as_secs_f64());
        self.0.last_tick.set(took.as_secs_f64());
    }

    fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let labels = RequestLabels {
            method: method.to_owned(),
            route: route.to_owned(),
            status,
        };
        self.0.requests.get_or_create(&labels).inc();
        let labels = RouteLabels {
            method: labels.method,
            route: labels.route,
        };
        self.0
            .latency
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }

    /// Everything in OpenMetrics text; `emails_by_state` and `outbox_backlog` are read from
    /// the database by the caller at scrape time.
    pub fn render(&self, emails_by_state: &BTreeMap<String, u64>, outbox_backlog: u64) -> String {
        let _one_at_a_time = self.0.scrape.lock().unwrap_or_else(|e| e.into_inner());
        // A state that has no email any more disappears instead of keeping its last count.
        self.0.emails.clear();
        for (state, n) in emails_by_state {
            let label = StateLabel {
                state: state.clone(),
            };
            self.0.emails.get_or_create(&label).set(gauge(*n));
        }
        self.0.backlog.set(gauge(outbox_backlog));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.0.registry);
        out
    }
}

fn gauge(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The content type of `render`'s text.
pub const CONTENT_TYPE: (&str, &str) = ("application", "openmetrics-text");

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
            m.request(method, &route, status, elapsed);
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
    fn renders_typed_metrics_as_openmetrics_text() {
        let m = Metrics::default();
        m.request("GET", "/e/<slug>", 200, Duration::from_micros(700));
        m.request("GET", "/e/<slug>", 200, Duration::from_millis(30));
        m.booked(3);
        m.transition("accept", 2);
        m.transition("refuse", 0);
        m.emails(EmailOutcome::Sent, 4);
        m.tick(Duration::from_millis(20));
        let mut emails = BTreeMap::new();
        emails.insert("sent".to_owned(), 5);
        let text = m.render(&emails, 7);
        assert!(
            text.contains(
                "covoit_http_requests_total{method=\"GET\",route=\"/e/<slug>\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains("# TYPE covoit_http_request_duration_seconds histogram"));
        let bucket = |le: &str| {
            format!(
                "covoit_http_request_duration_seconds_bucket{{le=\"{le}\",method=\"GET\",route=\"/e/<slug>\"}}"
            )
        };
        assert!(text.contains(&format!("{} 1", bucket("0.001"))), "{text}");
        assert!(text.contains(&format!("{} 2", bucket("0.05"))), "{text}");
        assert!(text.contains("covoit_bookings_total 3"));
        assert!(text.contains("covoit_transitions_total{kind=\"accept\"} 2"));
        assert!(
            !text.contains("kind=\"refuse\""),
            "nothing counted, no series"
        );
        assert!(text.contains("covoit_email_outcomes_total{outcome=\"sent\"} 4"));
        assert!(text.contains("covoit_tick_duration_seconds_count 1"));
        assert!(text.contains("covoit_emails{state=\"sent\"} 5"));
        assert!(text.contains("covoit_outbox_backlog 7"));
        assert!(text.ends_with("# EOF\n"));
        // A state with no email left disappears.
        let text = m.render(&BTreeMap::new(), 0);
        assert!(!text.contains("covoit_emails{state=\"sent\"}"), "{text}");
    }
}
