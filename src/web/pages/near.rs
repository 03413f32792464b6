//! The event page's "near" form (a GET: it changes nothing): where the reader is, how far they
//! would go, and what the page then says about the order of the rides.
use crate::domain::{FieldErrors, Lang, Point};
use crate::i18n::T;
use crate::services::places::Places;
use crate::services::places::near::{near_point, parse_radius};

/// The radii offered in the form, in km (any other value still works through the URL).
const RADII: [u32; 5] = [5, 10, 25, 50, 100];

/// The form as shown, and what it asked for when it was valid.
pub struct Nearness {
    pub value: String,
    pub radii: Vec<(String, String, bool)>,
    pub error: Option<String>,
    pub radius_error: Option<String>,
    /// "Sorted by distance from …", once sorted.
    pub note: Option<String>,
    pub point: Option<Point>,
    pub radius: Option<f64>,
}

impl Nearness {
    pub fn none(t: &T) -> Nearness {
        Nearness {
            value: String::new(),
            radii: radii(t, ""),
            error: None,
            radius_error: None,
            note: None,
            point: None,
            radius: None,
        }
    }

    /// Reads `near` and `radius_km` as typed; a wrong one gets its message, the other is kept.
    pub async fn ask(
        places: &Places,
        t: &T,
        lang: Lang,
        near: Option<&str>,
        radius_km: Option<&str>,
    ) -> Nearness {
        let mut n = Nearness::none(t);
        let text = near.unwrap_or("").trim();
        let radius_text = radius_km.unwrap_or("").trim();
        n.value = text.chars().take(200).collect();
        n.radii = radii(t, radius_text);
        let mut errors = FieldErrors::default();
        n.radius = errors
            .take("radius_km", parse_radius(radius_text))
            .flatten();
        if !text.is_empty() {
            n.point = errors.take("near", near_point(places, text, lang).await);
        }
        n.error = errors.get("near").map(|why| t.invalid(why));
        n.radius_error = errors.get("radius_km").map(|why| t.invalid(why));
        if n.point.is_some() {
            n.note = Some(t.t1("near-sorted", "place", n.value.as_str()));
        }
        n
    }
}

fn radii(t: &T, chosen: &str) -> Vec<(String, String, bool)> {
    let mut all = vec![(
        String::new(),
        t.t("radius-any").to_owned(),
        chosen.is_empty(),
    )];
    all.extend(RADII.iter().map(|km| {
        let value = km.to_string();
        let selected = value == chosen;
        (value, t.t1("radius-km", "km", *km), selected)
    }));
    all
}

/// "12 km away", "less than 1 km away": whole kilometres are enough to choose a ride.
pub fn distance_text(t: &T, km: f64) -> String {
    if km < 1.0 {
        t.t("distance-under-1-km").to_owned()
    } else {
        t.t1("distance-km", "km", km.round() as i64)
    }
}
