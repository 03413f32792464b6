//! A `governor` keyed limiter (GCRA, in memory) that can also be asked without counting. Only
//! saved submissions count, so a route asks first (`peek`) and counts after the save
//! (`check`); governor's own check always takes a cell, so the peek runs governor's same
//! decision through its state-store extension point and does not write the result back.
use std::convert::Infallible;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::nanos::Nanos;
use governor::state::StateStore;
use governor::state::keyed::{DefaultKeyedStateStore, ShrinkableKeyedStateStore};
use governor::{NotUntil, Quota, RateLimiter};

/// A key, and whether asking about it counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Probe {
    key: String,
    count: bool,
}

/// governor's default keyed store (a `DashMap` of GCRA states), with dry runs.
#[derive(Default)]
pub struct Store(DefaultKeyedStateStore<String>);

impl StateStore for Store {
    type Key = Probe;

    fn measure_and_replace<T, F, E>(&self, probe: &Probe, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        if probe.count {
            return self.0.measure_and_replace(&probe.key, f);
        }
        if !self.0.contains_key(&probe.key) {
            // A key never seen is fresh; asking about it stores nothing.
            return f(None).map(|(decision, _)| decision);
        }
        // The same decision on the same state, answered as an "error" so that the store
        // never replaces the state with it.
        let dry = self.0.measure_and_replace(&probe.key, |tat| match f(tat) {
            Ok((decision, _)) => Err::<(Infallible, Nanos), _>(Ok(decision)),
            Err(e) => Err(Err(e)),
        });
        match dry {
            Ok(never) => match never {},
            Err(decision) => decision,
        }
    }
}

impl ShrinkableKeyedStateStore<Probe> for Store {
    fn retain_recent(&self, drop_below: Nanos) {
        ShrinkableKeyedStateStore::retain_recent(&self.0, drop_below);
    }

    fn shrink_to_fit(&self) {
        ShrinkableKeyedStateStore::shrink_to_fit(&self.0);
    }

    fn len(&self) -> usize {
        ShrinkableKeyedStateStore::len(&self.0)
    }

    fn is_empty(&self) -> bool {
        ShrinkableKeyedStateStore::is_empty(&self.0)
    }
}

/// `n` per `window` for each key: a burst of `n`, then one more every `window / n`.
/// `n = 0` switches it off. Clones share the state.
#[derive(Clone)]
pub struct Keyed(Option<Arc<RateLimiter<Probe, Store, DefaultClock>>>);

impl Keyed {
    pub fn new(n: u32, window: Duration) -> Keyed {
        let quota = NonZeroU32::new(n)
            .and_then(|n| Quota::with_period(window / n.get()).map(|q| q.allow_burst(n)));
        Keyed(quota.map(|q| {
            Arc::new(RateLimiter::new(
                q,
                Store::default(),
                DefaultClock::default(),
            ))
        }))
    }

    /// Counts one for `key`; Err(seconds to wait) when over the limit (nothing is counted
    /// then).
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.ask(key, true)
    }

    /// Whether one more for `key` is allowed now, without counting it.
    pub fn peek(&self, key: &str) -> Result<(), u64> {
        self.ask(key, false)
    }

    fn ask(&self, key: &str, count: bool) -> Result<(), u64> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        let probe = Probe {
            key: key.to_owned(),
            count,
        };
        limiter
            .check_key(&probe)
            .map_err(|not_until| retry_after(limiter, &not_until))
    }

    /// Forgets the keys whose state is back to fresh (memory stays bounded by the keys active
    /// within one window).
    pub fn prune(&self) {
        if let Some(limiter) = &self.0 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Keys held.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |l| l.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whole seconds until governor would say yes, rounded up: a client that waits `Retry-After`
/// seconds is let in.
fn retry_after(
    limiter: &RateLimiter<Probe, Store, DefaultClock>,
    not_until: &NotUntil<<DefaultClock as Clock>::Instant>,
) -> u64 {
    let wait = not_until.wait_time_from(limiter.clock().now());
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeking_counts_nothing() {
        let limiter = Keyed::new(1, Duration::from_secs(60));
        for _ in 0..5 {
            assert_eq!(limiter.peek("1.2.3.4"), Ok(()));
        }
        assert_eq!(limiter.len(), 0, "a peek stores nothing");
        assert_eq!(limiter.check("1.2.3.4"), Ok(()));
        assert!(limiter.peek("1.2.3.4").is_err());
        assert!(limiter.check("1.2.3.4").is_err());
        assert_eq!(limiter.peek("5.6.7.8"), Ok(()), "per key");
    }

    #[test]
    fn a_burst_then_one_per_interval_with_retry_after() {
        let limiter = Keyed::new(2, Duration::from_secs(60));
        assert_eq!(limiter.check("k"), Ok(()));
        assert_eq!(limiter.check("k"), Ok(()));
        let wait = limiter.check("k").unwrap_err();
        assert!(
            (29..=30).contains(&wait),
            "one cell back every 30 s: {wait}"
        );
        assert_eq!(limiter.peek("k"), Err(wait));
    }

    #[test]
    fn zero_switches_it_off_and_pruning_forgets_fresh_keys() {
        let off = Keyed::new(0, Duration::from_secs(60));
        for _ in 0..100 {
            assert_eq!(off.check("k"), Ok(()));
        }
        let limiter = Keyed::new(1000, Duration::from_millis(1));
        limiter.check("a").unwrap();
        assert_eq!(limiter.len(), 1);
        std::thread::sleep(Duration::from_millis(5));
        limiter.prune();
        assert_eq!(limiter.len(), 0);
    }
}
