//! The schematic map, drawn on the server as SVG (no script, no tiles): the venue at the
//! centre, each town that rides leave from (or head to) at its true bearing and at a distance
//! scaled to the farthest one, from public, rounded points only. A list says the same in words.
//! With tiles configured, the same points also go to the interactive map (`static/map.js`).
use std::collections::BTreeMap;

use serde_json::json;

use crate::config::TileMap;
use crate::domain::{OfferStatus, Point};
use crate::entities::{event, offer};
use crate::i18n::T;
use crate::services::places::Places;

/// The drawing's side, in SVG units; the farthest town lies `REACH` from the centre, leaving
/// room for the labels.
pub const SIZE: f64 = 400.0;
const REACH: f64 = 150.0;
/// Longest label drawn (longer names are cut, the list keeps them whole).
const LABEL_CHARS: usize = 22;

/// One town on the map.
pub struct Mark {
    pub x: String,
    pub y: String,
    /// Where the label goes, and which way it runs (`start` or `end`).
    pub label_x: String,
    pub label_y: String,
    pub anchor: &'static str,
    pub label: String,
    /// "Bron: 4 km north-east, 2 rides" for the list and the marker's title.
    pub words: String,
}

pub struct MapView {
    pub title: String,
    pub desc: String,
    pub marks: Vec<Mark>,
    /// The scale ring's radius and its label ("25 km").
    pub ring: String,
    pub ring_label: String,
    /// Rides whose place has no point (not on the map).
    pub unplaced: String,
    pub size: String,
    pub centre: String,
    /// The venue's name under its mark (cut like the towns').
    pub venue: String,
    /// The interactive map, when tiles are configured.
    pub tiles: Option<TilesView>,
}

/// What `static/map.js` needs: the tile address, its credit, and the points (JSON: the venue,
/// and each town's public, rounded point with its words).
pub struct TilesView {
    pub url: String,
    pub attribution: String,
    pub points: String,
}

/// The map of `e`'s open rides, or `None` when the venue has no point.
pub async fn event_map(
    places: &Places,
    tiles: Option<&TileMap>,
    t: &T,
    e: &event::Model,
    offers: &[offer::Model],
) -> Option<MapView> {
    let venue = Point::from_columns(e.venue_lat, e.venue_lon)?;
    // Town → (its public point, rides there).
    let mut towns: BTreeMap<String, (Point, usize)> = BTreeMap::new();
    let mut unplaced = 0;
    let lang = t.lang;
    for o in offers.iter().filter(|o| o.status == OfferStatus::Open) {
        let Some(point) = Point::from_columns(o.place_lat, o.place_lon) else {
            unplaced += 1;
            continue;
        };
        let name = places
            .town_name(&o.place, lang)
            .await
            .unwrap_or_else(|| o.place.clone());
        let entry = towns.entry(name).or_insert((point.approximate(), 0));
        entry.1 += 1;
    }
    let farthest = towns
        .values()
        .map(|(p, _)| venue.distance_km(p))
        .fold(0.0_f64, f64::max);
    let scale_km = nice_scale(farthest);
    let centre = SIZE / 2.0;
    let mut town_points = Vec::new();
    let marks = towns
        .into_iter()
        .map(|(name, (point, rides))| {
            let km = venue.distance_km(&point);
            let bearing = venue.bearing_deg(&point).to_radians();
            let r = (km / scale_km).min(1.0) * REACH;
            let (x, y) = (centre + r * bearing.sin(), centre - r * bearing.cos());
            let right = x >= centre;
            let cut: String = name.chars().take(LABEL_CHARS).collect();
            let words = t.t3(
                "map-town",
                "town",
                name.as_str(),
                "distance",
                distance_words(t, km),
                "rides",
                rides,
            );
            let words = format!("{words} {}", compass(t, venue.bearing_deg(&point)));
            town_points.push(json!({"lat": point.lat(), "lon": point.lon(), "words": words}));
            Mark {
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                label_x: format!("{:.1}", if right { x - 7.0 } else { x + 7.0 }),
                label_y: format!("{:.1}", (y - 6.0).max(12.0)),
                anchor: if right { "end" } else { "start" },
                label: cut,
                words,
            }
        })
        .collect();
    Some(MapView {
        title: t.t("map-title").to_owned(),
        desc: t.t("map-desc").to_owned(),
        marks,
        ring: format!("{REACH:.0}"),
        ring_label: t.t1("radius-km", "km", scale_km as i64),
        unplaced: if unplaced > 0 {
            t.t1("map-unplaced", "count", unplaced)
        } else {
            String::new()
        },
        size: format!("{SIZE:.0}"),
        centre: format!("{centre:.0}"),
        venue: e.venue.chars().take(LABEL_CHARS * 2).collect(),
        tiles: tiles.map(|tiles| TilesView {
            url: tiles.tile_url.clone(),
            attribution: tiles.attribution.clone(),
            points: json!({
                "venue": {"lat": venue.lat(), "lon": venue.lon(), "name": e.venue},
                "towns": town_points,
            })
            .to_string(),
        }),
    })
}

fn distance_words(t: &T, km: f64) -> String {
    if km < 1.0 {
        t.t("distance-under-1-km").to_owned()
    } else {
        t.t1("distance-km", "km", km.round() as i64)
    }
}

/// A round scale at or above `km`: 5, 10, 20, 25, 50, 100, 200, 250, 500… km.
fn nice_scale(km: f64) -> f64 {
    let mut unit = 1.0;
    loop {
        for step in [5.0, 10.0, 20.0, 25.0] {
            if km <= step * unit {
                return step * unit;
            }
        }
        unit *= 10.0;
        if unit > 1e6 {
            return km.max(1.0);
        }
    }
}

/// The compass point of a bearing, in words: "north-east".
fn compass(t: &T, bearing: f64) -> String {
    const POINTS: [&str; 8] = [
        "compass-n",
        "compass-ne",
        "compass-e",
        "compass-se",
        "compass-s",
        "compass-sw",
        "compass-w",
        "compass-nw",
    ];
    let index = ((bearing + 22.5).rem_euclid(360.0) / 45.0) as usize % 8;
    t.t(POINTS[index]).to_owned()
}

#[cfg(test)]
mod tests {
    use super::nice_scale;

    #[test]
    fn scales_are_round_and_cover_the_farthest() {
        assert_eq!(nice_scale(0.0), 5.0);
        assert_eq!(nice_scale(7.2), 10.0);
        assert_eq!(nice_scale(49.0), 50.0);
        assert_eq!(nice_scale(51.0), 100.0);
        assert_eq!(nice_scale(240.0), 250.0);
        assert_eq!(nice_scale(900.0), 1000.0);
    }
}
