//! The plan of one ride: from where the car starts, through the passengers' stops, to where it
//! ends (departure → pickups → venue on the way to the event; venue → drop-offs → the driver's
//! destination on the way back). The order of the stops is chosen with the router's duration
//! table (every order tried for up to `EXACT_UP_TO` stops, nearest next beyond); each stop's
//! time is the departure plus the legs driven to reach it; the detour is the route's duration
//! less the direct one.
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::{RouteError, Router, Table};
use crate::domain::{Direction, Point};

/// Up to this many stops every order is tried (7! = 5,040 orders); beyond, nearest next.
pub const EXACT_UP_TO: usize = 7;

/// One passenger's stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    pub reservation_id: i64,
    pub point: Point,
}

/// What a ride's route depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub direction: Direction,
    pub departs_at: DateTime<Utc>,
    /// Where the car starts and where it ends.
    pub start: Point,
    pub end: Point,
    /// In booking order.
    pub stops: Vec<Stop>,
}

/// The route worked out for a ride.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// Each stop's time, in the order driven.
    pub times: Vec<(i64, DateTime<Utc>)>,
    /// Route duration less the direct one, in seconds (never negative).
    pub detour_s: i32,
    /// The whole route's length, in metres.
    pub distance_m: i32,
}

impl Inputs {
    /// A short fingerprint of everything the route depends on: the same key, the same route.
    pub fn key(&self) -> String {
        let mut text = format!(
            "{}|{}|{:.6},{:.6}|{:.6},{:.6}",
            self.direction.as_str(),
            self.departs_at.timestamp(),
            self.start.lat(),
            self.start.lon(),
            self.end.lat(),
            self.end.lon()
        );
        for s in &self.stops {
            text.push_str(&format!(
                "|{}:{:.6},{:.6}",
                s.reservation_id,
                s.point.lat(),
                s.point.lon()
            ));
        }
        hex::encode(&Sha256::digest(text.as_bytes())[..16])
    }

    /// Every point in table order: the start, the stops, the end.
    fn points(&self) -> Vec<Point> {
        let mut points = Vec::with_capacity(self.stops.len() + 2);
        points.push(self.start);
        points.extend(self.stops.iter().map(|s| s.point));
        points.push(self.end);
        points
    }
}

/// The order of the stops (indices into `stops`) that makes the shortest drive from point 0
/// through points 1..=n to point n+1 of `table`; `None` when some leg has no way.
pub fn best_order(table: &Table, n: usize) -> Option<Vec<usize>> {
    let d = |from: usize, to: usize| table.get(from)?.get(to).copied().flatten();
    let cost = |order: &[usize]| -> Option<f64> {
        let mut at = 0;
        let mut total = 0.0;
        for &i in order {
            total += d(at, i + 1)?;
            at = i + 1;
        }
        Some(total + d(at, n + 1)?)
    };
    if n <= EXACT_UP_TO {
        let mut order: Vec<usize> = (0..n).collect();
        let mut best: Option<(f64, Vec<usize>)> = None;
        loop {
            if let Some(c) = cost(&order)
                && best.as_ref().is_none_or(|(b, _)| c < *b)
            {
                best = Some((c, order.clone()));
            }
            if !next_permutation(&mut order) {
                break;
            }
        }
        return best.map(|(_, order)| order);
    }
    let mut left: Vec<usize> = (0..n).collect();
    let mut order = Vec::with_capacity(n);
    let mut at = 0;
    while !left.is_empty() {
        let (k, _) = left
            .iter()
            .enumerate()
            .filter_map(|(k, &i)| Some((k, d(at, i + 1)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        let i = left.remove(k);
        order.push(i);
        at = i + 1;
    }
    cost(&order).map(|_| order)
}

/// The next permutation in lexicographic order; false after the last.
fn next_permutation(v: &mut [usize]) -> bool {
    let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
        return false;
    };
    let j = (i..v.len()).rev().find(|&j| v[j] > v[i - 1]).unwrap_or(i);
    v.swap(i - 1, j);
    v[i..].reverse();
    true
}

/// Seconds, rounded, kept within what the columns hold.
fn whole(seconds: f64) -> i32 {
    seconds.round().clamp(0.0, f64::from(i32::MAX)) as i32
}

/// Asks the router for the ride's route and works out each stop's time and the detour.
pub async fn plan(router: &dyn Router, inputs: &Inputs) -> Result<Planned, RouteError> {
    let n = inputs.stops.len();
    let points = inputs.points();
    let (order, direct) = if n >= 2 {
        let table = router.table(&points).await?;
        let order = best_order(&table, n)
            .ok_or_else(|| RouteError::Refused("no way between some stops".into()))?;
        let direct = table[0][n + 1];
        (order, direct)
    } else {
        ((0..n).collect(), None)
    };
    let mut ordered = Vec::with_capacity(n + 2);
    ordered.push(inputs.start);
    ordered.extend(order.iter().map(|&i| inputs.stops[i].point));
    ordered.push(inputs.end);
    let route = router.route(&ordered).await?;
    let direct = match (n, direct) {
        (0, _) => route.duration_s,
        (_, Some(d)) => d,
        (_, None) => router.route(&[inputs.start, inputs.end]).await?.duration_s,
    };
    let mut elapsed = 0.0;
    let times = order
        .iter()
        .zip(&route.legs)
        .map(|(&i, leg)| {
            elapsed += leg.duration_s;
            (
                inputs.stops[i].reservation_id,
                inputs.departs_at + Duration::seconds(i64::from(whole(elapsed))),
            )
        })
        .collect();
    Ok(Planned {
        times,
        detour_s: whole(route.duration_s - direct),
        distance_m: whole(route.distance_m),
    })
}
