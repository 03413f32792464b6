//! How pages show what the router gave: a passenger's time at their stop, a driver's detour
//! (flagged beyond their maximum), and the suggested contribution with its basis.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::Direction;
use crate::entities::{event, offer};
use crate::i18n::T;
use crate::services::routing::contribution::{Rate, suggested};

/// (label id, date and time) at a passenger's stop.
pub fn stop(t: &T, direction: Direction, at: DateTime<Utc>, zone: Tz) -> (&'static str, String) {
    (
        crate::mail::routes::stop_label(direction),
        t.datetime(at, zone),
    )
}

/// A detour in words, and whether it goes beyond the driver's maximum (minutes).
pub fn detour(t: &T, seconds: i32, max_min: Option<i32>) -> (String, bool) {
    let over = max_min.is_some_and(|max| i64::from(seconds) > i64::from(max) * 60);
    (t.time_left(i64::from(seconds)), over)
}

/// "about 3.50 EUR (35 km × 0.10 EUR/km)", when the operator set a rate and the ride has a
/// distance.
pub fn contribution(
    t: &T,
    rate: Option<&Rate>,
    o: &offer::Model,
    e: &event::Model,
) -> Option<String> {
    let rate = rate?;
    let s = suggested(rate, o, e)?;
    let money = |x: f64| format!("{x:.2} {}", rate.currency).replace('.', t.t("decimal-separator"));
    Some(t.t3(
        "contribution-value",
        "amount",
        money(s.amount),
        "km",
        s.km,
        "rate",
        money(rate.per_km),
    ))
}
