//! "Near me": the point a passenger asks about (a place text or `lat,lon`), the radius, and the
//! offers sorted by their distance from it. Distances are measured from the departure's public,
//! rounded point, so that asking from many places cannot pin down a driver's exact departure.
use crate::domain::{Invalid, Lang, Point};
use crate::entities::offer;

use super::Places;

/// The largest radius accepted, in kilometres.
pub const MAX_RADIUS_KM: f64 = 1000.0;

/// Where `near` points: `lat,lon`, or a place the sources know.
pub async fn near_point(places: &Places, near: &str, lang: Lang) -> Result<Point, Invalid> {
    let near = near.trim();
    if near.is_empty() {
        return Err(Invalid::Required);
    }
    if near.chars().any(char::is_control) {
        return Err(Invalid::ControlCharacters);
    }
    if let Some(point) = Point::parse(near) {
        return Ok(point);
    }
    places
        .resolve(near, lang)
        .await
        .map(|p| p.point)
        .ok_or(Invalid::UnknownPlace)
}

/// `radius_km`: empty for none, else a number of kilometres above 0 and up to 1000.
pub fn parse_radius(raw: &str) -> Result<Option<f64>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let plain = raw.len() <= 10 && raw.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    match raw.parse::<f64>() {
        Ok(km) if plain && km > 0.0 && km <= MAX_RADIUS_KM => Ok(Some(km)),
        _ => Err(Invalid::Radius {
            max: MAX_RADIUS_KM as u32,
        }),
    }
}

/// The public distance of an offer's place from `from`, in km to one decimal; `None` when the
/// offer's place has no point.
pub fn distance_km(from: Point, o: &offer::Model) -> Option<f64> {
    let there = Point::from_columns(o.place_lat, o.place_lon)?.approximate();
    Some((from.distance_km(&there) * 10.0).round() / 10.0)
}

/// The offers with their distances: nearest first, those without a point last (in their
/// order), those beyond `radius` left out.
pub fn sort_by_distance<'a>(
    from: Point,
    radius: Option<f64>,
    offers: impl IntoIterator<Item = &'a offer::Model>,
) -> Vec<(&'a offer::Model, Option<f64>)> {
    let mut with: Vec<(&offer::Model, Option<f64>)> = offers
        .into_iter()
        .map(|o| (o, distance_km(from, o)))
        .filter(|(_, d)| match (d, radius) {
            (Some(d), Some(r)) => *d <= r,
            _ => true,
        })
        .collect();
    with.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    with
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radius_is_a_plain_positive_number() {
        assert_eq!(parse_radius(""), Ok(None));
        assert_eq!(parse_radius(" 25 "), Ok(Some(25.0)));
        assert_eq!(parse_radius("2.5"), Ok(Some(2.5)));
        for bad in ["0", "-5", "1001", "NaN", "inf", "1e3", "abc", "99999999999"] {
            assert!(parse_radius(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn near_takes_a_place_or_coordinates() {
        let places = Places::gazetteer();
        let lyon = near_point(&places, "Lyon", Lang::Fr).await.unwrap();
        assert!((lyon.lat() - 45.748).abs() < 0.01);
        let at = near_point(&places, "45.5, 4.9", Lang::Fr).await.unwrap();
        assert_eq!((at.lat(), at.lon()), (45.5, 4.9));
        assert_eq!(
            near_point(&places, "Nowhere-sur-Rien", Lang::Fr).await,
            Err(Invalid::UnknownPlace)
        );
        assert_eq!(
            near_point(&places, "  ", Lang::Fr).await,
            Err(Invalid::Required)
        );
        assert_eq!(
            near_point(&places, "Lyon\u{0}", Lang::Fr).await,
            Err(Invalid::ControlCharacters)
        );
    }
}
