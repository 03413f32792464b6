//! The plan's order and times against a router that drives straight lines at a fixed speed,
//! and the reading of OSRM answers.
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use chrono::{TimeZone, Utc};

use super::osrm::{read_route, read_table};
use super::plan::{Inputs, Stop, best_order, plan};
use super::{Leg, Route, RouteError, Router, Table};
use crate::domain::{Direction, Point};

/// 60 km/h as the crow flies.
struct Straight {
    calls: AtomicUsize,
}

fn secs(a: &Point, b: &Point) -> f64 {
    a.distance_km(b) * 60.0
}

#[async_trait]
impl Router for Straight {
    async fn route(&self, stops: &[Point]) -> Result<Route, RouteError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let legs: Vec<Leg> = stops
            .windows(2)
            .map(|w| Leg {
                duration_s: secs(&w[0], &w[1]),
                distance_m: w[0].distance_km(&w[1]) * 1000.0,
            })
            .collect();
        Ok(Route {
            duration_s: legs.iter().map(|l| l.duration_s).sum(),
            distance_m: legs.iter().map(|l| l.distance_m).sum(),
            legs,
        })
    }

    async fn table(&self, points: &[Point]) -> Result<Table, RouteError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(points
            .iter()
            .map(|a| points.iter().map(|b| Some(secs(a, b))).collect())
            .collect())
    }
}

fn p(lat: f64, lon: f64) -> Point {
    Point::new(lat, lon).unwrap()
}

#[tokio::test]
async fn stops_are_driven_in_the_shortest_order_with_their_times() {
    // Along one meridian: start at 45.0, venue at 46.0; stops booked far one first.
    let departs = Utc.with_ymd_and_hms(2026, 6, 1, 10, 0, 0).unwrap();
    let inputs = Inputs {
        direction: Direction::ToEvent,
        departs_at: departs,
        start: p(45.0, 5.0),
        end: p(46.0, 5.0),
        stops: vec![
            Stop {
                reservation_id: 7,
                point: p(45.8, 5.0),
            },
            Stop {
                reservation_id: 8,
                point: p(45.2, 5.0),
            },
        ],
    };
    let router = Straight {
        calls: AtomicUsize::new(0),
    };
    let planned = plan(&router, &inputs).await.unwrap();
    let ids: Vec<i64> = planned.times.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, [8, 7], "the nearer stop first");
    // 0.2° of latitude ≈ 22.2 km ≈ 22 min at 60 km/h; 0.8° ≈ 89 min.
    let first = (planned.times[0].1 - departs).num_minutes();
    let second = (planned.times[1].1 - departs).num_minutes();
    assert!((21..=23).contains(&first), "{first}");
    assert!((88..=90).contains(&second), "{second}");
    assert!(
        planned.detour_s < 5,
        "on the way: no detour ({})",
        planned.detour_s
    );
    assert_eq!(
        router.calls.load(Ordering::SeqCst),
        2,
        "a table and a route"
    );
}

#[tokio::test]
async fn a_stop_off_the_way_is_a_detour_and_no_stop_none() {
    let departs = Utc.with_ymd_and_hms(2026, 6, 1, 10, 0, 0).unwrap();
    let mut inputs = Inputs {
        direction: Direction::FromEvent,
        departs_at: departs,
        start: p(45.0, 5.0),
        end: p(46.0, 5.0),
        stops: vec![],
    };
    let router = Straight {
        calls: AtomicUsize::new(0),
    };
    let alone = plan(&router, &inputs).await.unwrap();
    assert_eq!(alone.detour_s, 0);
    assert!(alone.times.is_empty());
    assert!(
        (110_000..112_000).contains(&alone.distance_m),
        "{}",
        alone.distance_m
    );
    inputs.stops.push(Stop {
        reservation_id: 1,
        point: p(45.5, 5.5),
    });
    let out_of_the_way = plan(&router, &inputs).await.unwrap();
    assert!(out_of_the_way.detour_s > 600, "{}", out_of_the_way.detour_s);
    assert_ne!(inputs.key(), {
        let mut other = inputs.clone();
        other.departs_at += chrono::Duration::minutes(1);
        other.key()
    });
}

#[test]
fn every_order_is_tried_for_a_few_stops_and_unreachable_ones_give_none() {
    // 0 → stops 1..=3 → 4, on a line: 0, 3, 1, 2, 4 (distances are differences).
    let at = [0.0, 30.0, 10.0, 20.0, 40.0];
    let table: Table = at
        .iter()
        .map(|a: &f64| at.iter().map(|b: &f64| Some((a - b).abs())).collect())
        .collect();
    assert_eq!(best_order(&table, 3), Some(vec![1, 2, 0]));
    let mut cut = table.clone();
    for row in &mut cut {
        row[2] = None;
    }
    assert_eq!(best_order(&cut, 3), None);
    // Many stops: nearest next, still along the line.
    let at: Vec<f64> = std::iter::once(0.0)
        .chain((1..=10).rev().map(f64::from))
        .chain(std::iter::once(11.0))
        .collect();
    let table: Table = at
        .iter()
        .map(|a| at.iter().map(|b| Some((a - b).abs())).collect())
        .collect();
    assert_eq!(best_order(&table, 10), Some((0..10).rev().collect()));
}

#[test]
fn osrm_answers_are_read_and_anything_else_refused() {
    let ok = br#"{"code":"Ok","routes":[{"duration":600.5,"distance":9000,"legs":[{"duration":200,"distance":3000},{"duration":400.5,"distance":6000}]}],"waypoints":[]}"#;
    let route = read_route(ok, 3).unwrap();
    assert_eq!(route.legs.len(), 2);
    assert_eq!(route.legs[1].duration_s, 400.5);
    assert!(matches!(read_route(ok, 4), Err(RouteError::Garbled(_))));
    assert!(matches!(
        read_route(br#"{"code":"NoRoute","message":"Impossible route"}"#, 2),
        Err(RouteError::Refused(c)) if c == "NoRoute"
    ));
    assert!(matches!(
        read_route(b"<html>", 2),
        Err(RouteError::Garbled(_))
    ));
    assert!(matches!(
        read_route(br#"{"code":"Ok","routes":[{"duration":-1,"distance":1,"legs":[{"duration":-1,"distance":1}]}]}"#, 2),
        Err(RouteError::Garbled(_))
    ));
    let table = read_table(br#"{"code":"Ok","durations":[[0,5],[6,null]]}"#, 2).unwrap();
    assert_eq!(table[1], vec![Some(6.0), None]);
    assert!(read_table(br#"{"code":"Ok","durations":[[0,5]]}"#, 2).is_err());
    assert!(read_table(br#"{"code":"InvalidQuery"}"#, 2).is_err());
}
