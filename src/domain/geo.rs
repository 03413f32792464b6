//! Points on the Earth: parsing `lat,lon`, great-circle distance and bearing, and the rounding
//! that keeps a driver's departure approximate on public pages (2 decimals, about 1 km).

/// A WGS 84 point in degrees, always finite and in range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    lat: f64,
    lon: f64,
}

const EARTH_RADIUS_KM: f64 = 6371.0;

impl Point {
    /// `None` unless -90 ≤ lat ≤ 90 and -180 ≤ lon ≤ 180 (and both finite).
    pub fn new(lat: f64, lon: f64) -> Option<Point> {
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
            .then_some(Point { lat, lon })
    }

    pub fn lat(&self) -> f64 {
        self.lat
    }

    pub fn lon(&self) -> f64 {
        self.lon
    }

    /// Both stored columns, when both are there and valid.
    pub fn from_columns(lat: Option<f64>, lon: Option<f64>) -> Option<Point> {
        Point::new(lat?, lon?)
    }

    /// `"45.76,4.83"` (spaces allowed around the numbers); `None` for anything else.
    pub fn parse(text: &str) -> Option<Point> {
        let (lat, lon) = text.split_once(',')?;
        let number = |s: &str| {
            let s = s.trim();
            // Only plain decimals: no "inf", "NaN" or exponents from a query string.
            (!s.is_empty()
                && s.len() <= 20
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')))
            .then(|| s.parse::<f64>().ok())
            .flatten()
        };
        Point::new(number(lat)?, number(lon)?)
    }

    /// The same point rounded to 2 decimals (at most ~0.8 km away): what the public may see.
    pub fn approximate(&self) -> Point {
        let round = |x: f64| (x * 100.0).round() / 100.0;
        Point {
            lat: round(self.lat),
            lon: round(self.lon),
        }
    }

    /// Great-circle distance (haversine), in kilometres.
    pub fn distance_km(&self, other: &Point) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }

    /// Initial bearing from this point to `other`, in degrees clockwise from north, 0..360.
    pub fn bearing_deg(&self, other: &Point) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dl = (other.lon - self.lon).to_radians();
        let y = dl.sin() * p2.cos();
        let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
        (y.atan2(x).to_degrees() + 360.0) % 360.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lon: f64) -> Point {
        Point::new(lat, lon).unwrap()
    }

    #[test]
    fn parses_plain_pairs_only() {
        assert_eq!(Point::parse("45.76,4.83"), Some(p(45.76, 4.83)));
        assert_eq!(Point::parse(" -20.88 , 55.45 "), Some(p(-20.88, 55.45)));
        for bad in [
            "", ",", "45.7", "91,0", "0,181", "NaN,1", "inf,1", "1e3,1", "a,b", "1,2,3",
        ] {
            assert_eq!(Point::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Point::new(f64::NAN, 0.0), None);
    }

    #[test]
    fn distances_and_bearings_between_real_towns() {
        let paris = p(48.85341, 2.3488);
        let lyon = p(45.74846, 4.84671);
        let lille = p(50.63297, 3.05858);
        let d = paris.distance_km(&lyon);
        assert!((d - 392.0).abs() < 5.0, "Paris-Lyon {d}");
        assert!(paris.distance_km(&paris) < 1e-9);
        let south = paris.bearing_deg(&lyon);
        assert!(
            (140.0..160.0).contains(&south),
            "Lyon is south-east: {south}"
        );
        let north = paris.bearing_deg(&lille);
        assert!(
            (5.0..25.0).contains(&north),
            "Lille is north-north-east: {north}"
        );
        let back = lille.bearing_deg(&paris);
        assert!(
            (185.0..205.0).contains(&back),
            "and Paris south of Lille: {back}"
        );
    }

    #[test]
    fn approximation_stays_within_a_kilometre() {
        let exact = p(45.764043, 4.835659);
        let rough = exact.approximate();
        assert_eq!((rough.lat(), rough.lon()), (45.76, 4.84));
        assert!(exact.distance_km(&rough) < 1.0);
    }
}
