//! Routes and pickup times: one router interface (an OSRM-compatible HTTP service when
//! configured, nothing otherwise), the plan of a driver's route through the confirmed stops, and
//! its refresh after the changes that move it. Without a router no time is ever invented.
pub mod contribution;
mod osrm;
pub mod plan;
pub mod refresh;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use crate::domain::Point;
pub use osrm::Osrm;

/// One leg of a route, between two consecutive stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg {
    pub duration_s: f64,
    pub distance_m: f64,
}

/// A route through stops in the given order.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub duration_s: f64,
    pub distance_m: f64,
    /// One per pair of consecutive stops.
    pub legs: Vec<Leg>,
}

/// Durations between points, in seconds: `durations[i][j]` from point `i` to point `j`, `None`
/// where the router found no way.
pub type Table = Vec<Vec<Option<f64>>>;

/// Why the router gave no route (the caller then shows no time).
#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    #[error("the router did not answer in time")]
    Timeout,
    #[error("the router could not be reached: {0}")]
    Unreachable(String),
    #[error("the router refused: {0}")]
    Refused(String),
    #[error("the router's answer could not be read: {0}")]
    Garbled(String),
}

/// A source of driving routes.
#[async_trait]
pub trait Router: Send + Sync {
    /// The route through `stops` in this order (at least two).
    async fn route(&self, stops: &[Point]) -> Result<Route, RouteError>;
    /// Durations between every pair of `points`.
    async fn table(&self, points: &[Point]) -> Result<Table, RouteError>;
}

/// The router settings (`router_url`, `router_timeout_ms`).
#[derive(Debug, Clone, PartialEq)]
pub struct RouterConfig {
    /// Base URL of an OSRM-compatible service, without a trailing slash.
    pub url: String,
    pub timeout: Duration,
}

/// The app's routing: the configured router, if any (managed state).
#[derive(Clone, Default)]
pub struct Routing {
    router: Option<Arc<dyn Router>>,
}

impl Routing {
    /// No router: no pickup time, no detour.
    pub fn none() -> Routing {
        Routing::default()
    }

    pub fn with(router: Arc<dyn Router>) -> Routing {
        Routing {
            router: Some(router),
        }
    }

    /// The router the configuration names, if any.
    pub fn from_config(config: Option<&RouterConfig>) -> Routing {
        match config {
            Some(c) => Routing::with(Arc::new(Osrm::new(&c.url, c.timeout))),
            None => Routing::none(),
        }
    }

    pub fn router(&self) -> Option<&dyn Router> {
        self.router.as_deref()
    }

    pub fn enabled(&self) -> bool {
        self.router.is_some()
    }
}
