//! Limits on creating bookings, offers and events, per client address and per email address,
//! with `governor` keyed limiters (`keyed.rs`): a burst of `rate_limit_per_*`, then one more
//! every `rate_limit_window_secs / limit`. Only submissions that were saved count: invalid ones
//! never do. The per-email limit is kept per (email address, client network), so that nobody
//! can lock a person out by sending requests with their address; what stops covoit from being
//! used to flood an address is the per-address cap on acknowledgement emails
//! (`mail/outbox.rs`), which holds across instances. Kept in memory by each instance (pruned
//! every minute): behind a load balancer with N instances a client gets at most N times the
//! limit. The client address is the peer's, unless `trusted_ip_header` names the header a
//! reverse proxy sets.
mod keyed;

use std::net::IpAddr;
use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::request::{FromRequest, Outcome};
use rocket::{Orbit, Request, Rocket};

pub use self::keyed::Keyed;
use crate::config::{Config, RateLimit};

/// How often the limiters forget the keys whose state is back to fresh.
const PRUNE_EVERY: Duration = Duration::from_secs(60);
/// Past this many keys a limiter prunes at once instead of waiting for the timer.
const MAX_KEYS: usize = 100_000;

/// The limits on creations: per client address, and per (email address, client network).
/// Clones share the state.
#[derive(Clone)]
pub struct RateLimiter {
    per_ip: Keyed,
    per_email: Keyed,
}

impl RateLimiter {
    pub fn new(limits: RateLimit) -> RateLimiter {
        let window = Duration::from_secs(limits.window_secs);
        RateLimiter {
            per_ip: Keyed::new(limits.per_ip, window),
            per_email: Keyed::new(limits.per_email, window),
        }
    }

    pub fn prune(&self) {
        self.per_ip.prune();
        self.per_email.prune();
    }
}

/// Counts one for `key`, ignoring the answer (what was saved is saved), and keeps the
/// limiter's memory bounded between two timer prunes.
fn count(limiter: &Keyed, key: &str) {
    let _ = limiter.check(key);
    if limiter.len() > MAX_KEYS {
        limiter.prune();
    }
}

/// Prunes every limiter of the app once a minute, until shutdown.
pub fn pruning() -> AdHoc {
    AdHoc::on_liftoff("rate limits pruned", |rocket| {
        Box::pin(async move { start_pruning(rocket) })
    })
}

fn start_pruning(rocket: &Rocket<Orbit>) {
    let creations = rocket.state::<RateLimiter>().cloned();
    let places = rocket
        .state::<crate::web::places::PlacesLimiter>()
        .map(|p| p.0.clone());
    let logins = rocket
        .state::<crate::web::admin::LoginThrottle>()
        .map(crate::web::admin::LoginThrottle::limiters);
    let mut shutdown = rocket.shutdown();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                _ = tokio::time::sleep(PRUNE_EVERY) => {}
            }
            if let Some(l) = &creations {
                l.prune();
            }
            if let Some(l) = &places {
                l.prune();
            }
            for l in logins.iter().flatten() {
                l.prune();
            }
        }
    });
}

/// The client's address: the trusted proxy header's (its last address) when configured, the
/// peer's otherwise.
pub struct ClientIp(pub Option<IpAddr>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientIp {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let header = req
            .rocket()
            .state::<Config>()
            .and_then(|c| c.trusted_ip_header.as_deref());
        let from_header = header
            .and_then(|h| req.headers().get_one(h))
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        Outcome::Success(ClientIp(
            from_header.or_else(|| req.remote().map(|r| r.ip())),
        ))
    }
}

/// The client's network: its /24 (IPv4) or /64 (IPv6), since one client easily holds many
/// addresses of one network.
fn network(ip: Option<IpAddr>) -> String {
    match ip {
        Some(IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        None => "unknown".into(),
    }
}

fn email_key(ip: &ClientIp, email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    (!email.is_empty()).then(|| format!("{email}|{}", network(ip.0)))
}

/// Whether one more creation by this client, with this email address, is allowed; nothing is
/// counted here (see `record`).
pub fn admit(
    limiter: &RateLimiter,
    ip: &ClientIp,
    email: &str,
) -> Result<(), crate::web::AppError> {
    let too_many = |retry_after| crate::web::AppError::TooManyRequests { retry_after };
    if let Some(ip) = ip.0 {
        limiter.per_ip.peek(&ip.to_string()).map_err(too_many)?;
    }
    if let Some(key) = email_key(ip, email) {
        limiter.per_email.peek(&key).map_err(too_many)?;
    }
    Ok(())
}

/// Counts a creation that was saved.
pub fn record(limiter: &RateLimiter, ip: &ClientIp, email: &str) {
    if let Some(ip) = ip.0 {
        count(&limiter.per_ip, &ip.to_string());
    }
    if let Some(key) = email_key(ip, email) {
        count(&limiter.per_email, &key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_group_addresses_for_the_email_limit() {
        let a = ClientIp(Some("10.1.2.3".parse().unwrap()));
        let b = ClientIp(Some("10.1.2.200".parse().unwrap()));
        let c = ClientIp(Some("10.1.3.3".parse().unwrap()));
        assert_eq!(email_key(&a, "X@Y.fr"), email_key(&b, "x@y.fr"));
        assert_ne!(email_key(&a, "x@y.fr"), email_key(&c, "x@y.fr"));
        assert_eq!(email_key(&a, "  "), None);
    }

    #[test]
    fn admitting_counts_nothing_and_recording_does() {
        let rl = RateLimiter::new(RateLimit {
            window_secs: 60,
            per_ip: 1,
            per_email: 0,
        });
        let ip = ClientIp(Some("1.2.3.4".parse().unwrap()));
        for _ in 0..5 {
            assert!(admit(&rl, &ip, "a@b.c").is_ok());
        }
        record(&rl, &ip, "a@b.c");
        assert!(admit(&rl, &ip, "other@b.c").is_err(), "the address's limit");
        let elsewhere = ClientIp(Some("5.6.7.8".parse().unwrap()));
        assert!(admit(&rl, &elsewhere, "a@b.c").is_ok(), "0: no email limit");
    }
}
