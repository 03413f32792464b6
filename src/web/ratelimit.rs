//! Limits on creating bookings, offers and events, per client address and per email address,
//! over a sliding window. Kept in memory by each instance: behind a load balancer with N
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
        queue.push_back(now);
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

/// Checks the client's address, then (if given) the email address, for one creation.
pub fn admit(
    limiter: &RateLimiter,
    ip: &ClientIp,
    email: &str,
) -> Result<(), crate::error::AppError> {
    let now = Instant::now();
    let too_many = |retry_after| crate::error::AppError::TooManyRequests { retry_after };
    if let Some(ip) = ip.0 {
        limiter
            .check(Scope::Ip, &ip.to_string(), now)
            .map_err(too_many)?;
    }
    let email = email.trim().to_lowercase();
    if !email.is_empty() {
        limiter.check(Scope::Email, &email, now).map_err(too_many)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
