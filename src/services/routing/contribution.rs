//! The suggested contribution per passenger (operator setting `contribution_per_km`, off by
//! default): the ride's distance times the rate, rounded to the half unit. The distance is the
//! router's route when there is one, else the straight line from the departure to the venue
//! (said "about" either way); a ride without points suggests nothing.
use crate::domain::Point;
use crate::entities::{event, offer};

/// The operator's rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    /// Per kilometre and passenger, in `currency`.
    pub per_km: f64,
    /// ISO 4217 code, such as EUR or CHF.
    pub currency: String,
}

/// A suggestion: the amount, the kilometres it is based on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suggested {
    pub amount: f64,
    pub km: i64,
}

/// What a passenger of this ride might give the driver.
pub fn suggested(rate: &Rate, o: &offer::Model, e: &event::Model) -> Option<Suggested> {
    let km = match o.route_distance_m {
        Some(m) => f64::from(m) / 1000.0,
        None => {
            let place = Point::from_columns(o.place_lat, o.place_lon)?;
            let venue = Point::from_columns(e.venue_lat, e.venue_lon)?;
            place.distance_km(&venue)
        }
    };
    let km = km.round();
    (km >= 1.0).then(|| Suggested {
        amount: (km * rate.per_km * 2.0).round() / 2.0,
        km: km as i64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_to_the_half_unit() {
        let rate = Rate {
            per_km: 0.08,
            currency: "EUR".into(),
        };
        let s = |km: f64| (km * rate.per_km * 2.0).round() / 2.0;
        assert_eq!(s(35.0), 3.0);
        assert_eq!(s(40.0), 3.0);
        assert_eq!(s(45.0), 3.5);
    }
}
