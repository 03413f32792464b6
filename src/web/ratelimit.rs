//! Limits on creating bookings, offers and events, per client address and per email address,
//! over a sliding window. Only submissions that were saved count: invalid ones never do. The
//! per-email limit is kept per (email address, client network), so that nobody can lock a
//! person out by sending requests with their address; what stops covoit from being used to
//! flood an address is the per-address cap on acknowledgement emails (`mail/outbox.rs`), which
//! holds across instances. Kept in memory by each instance: behind a load balancer with N
//! instances a client gets at most N times the limit. The client address is the peer's,
//! unless `trusted_ip_header` names the header a reverse proxy sets.
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rocket::Request;
use rocket::request::{FromRequest, Outcome};

use crate::config::{Config, RateLimit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Ip,
    Email,
}

pub struct RateLimiter {
    limits: RateLimit,
    hits: Mutex<HashMap<(Scope, String), VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(limits: RateLimit) -> RateLimiter {
        RateLimiter {
            limits,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records a hit for `key`; Err(seconds to wait) when over the limit (the hit is then not
    /// counted).
    pub fn check(&self, scope: Scope, key: &str, now: Instant) -> Result<(), u64> {
        self.take(scope, key, now, true)
    }

    /// Whether `key` is under its limit, without counting a hit.
    pub fn peek(&self, scope: Scope, key: &str, now: Instant) -> Result<(), u64> {
        self.take(scope, key, now, false)
    }

    fn take(&self, scope: Scope, key: &str, now: Instant, count: bool) -> Result<(), u64> {
        let max = match scope {
            Scope::Ip => self.limits.per_ip,
            Scope::Email => self.limits.per_email,
        };
        if max == 0 {
            return Ok(());
        }
        let window = Duration::from_secs(self.limits.window_secs);
        let Ok(mut hits) = self.hits.lock() else {
            return Ok(());
        };
        if hits.len() > 100_000 {
            // Bounded memory: forget keys whose hits are all outside the window.
            hits.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let queue = hits.entry((scope, key.to_owned())).or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            queue.pop_front();
        }
        if queue.len() >= max as usize {
            let oldest = queue.front().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        if count {
            queue.push_back(now);
        }
        Ok(())
    }
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
    let now = Instant::now();
    let too_many = |retry_after| crate::web::AppError::TooManyRequests { retry_after };
    if let Some(ip) = ip.0 {
        limiter
            .peek(Scope::Ip, &ip.to_string(), now)
            .map_err(too_many)?;
    }
    if let Some(key) = email_key(ip, email) {
        limiter.peek(Scope::Email, &key, now).map_err(too_many)?;
    }
    Ok(())
}

/// Counts a creation that was saved.
pub fn record(limiter: &RateLimiter, ip: &ClientIp, email: &str) {
    let now = Instant::now();
    if let Some(ip) = ip.0 {
        let _ = limiter.check(Scope::Ip, &ip.to_string(), now);
    }
    if let Some(key) = email_key(ip, email) {
        let _ = limiter.check(Scope::Email, &key, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeking_counts_nothing_and_networks_group_addresses() {
        let rl = RateLimiter::new(RateLimit {
            window_secs: 60,
            per_ip: 1,
            per_email: 1,
        });
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(rl.peek(Scope::Ip, "1.2.3.4", t0).is_ok());
        }
        assert!(rl.check(Scope::Ip, "1.2.3.4", t0).is_ok());
        assert!(rl.peek(Scope::Ip, "1.2.3.4", t0).is_err());
        let a = ClientIp(Some("10.1.2.3".parse().unwrap()));
        let b = ClientIp(Some("10.1.2.200".parse().unwrap()));
        let c = ClientIp(Some("10.1.3.3".parse().unwrap()));
        assert_eq!(email_key(&a, "X@Y.fr"), email_key(&b, "x@y.fr"));
        assert_ne!(email_key(&a, "x@y.fr"), email_key(&c, "x@y.fr"));
        assert_eq!(email_key(&a, "  "), None);
    }

    #[test]
    fn sliding_window_with_retry_after() {
        let rl = RateLimiter::new(RateLimit {
            window_secs: 60,
            per_ip: 2,
            per_email: 0,
        });
        let t0 = Instant::now();
        assert!(rl.check(Scope::Ip, "1.2.3.4", t0).is_ok());
        assert!(
            rl.check(Scope::Ip, "1.2.3.4", t0 + Duration::from_secs(10))
                .is_ok()
        );
        assert_eq!(
            rl.check(Scope::Ip, "1.2.3.4", t0 + Duration::from_secs(20)),
            Err(40)
        );
        assert!(
            rl.check(Scope::Ip, "5.6.7.8", t0 + Duration::from_secs(20))
                .is_ok(),
            "per key"
        );
        assert!(
            rl.check(Scope::Ip, "1.2.3.4", t0 + Duration::from_secs(61))
                .is_ok(),
            "window slid"
        );
        assert!(
            rl.check(Scope::Email, "a@b.c", t0).is_ok(),
            "0 switches the limit off"
        );
    }
}
