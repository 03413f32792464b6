//! Places: one geocoder interface over its sources. The embedded gazetteer is the default and
//! needs nothing; an HTTP geocoder (Géoplateforme/BAN, Photon or Nominatim), when configured, is
//! asked first, and the gazetteer answers whenever it fails. A place the sources do not know
//! stays free text, with no point.
mod cache;
mod fold;
mod formats;
mod gazetteer;
mod http;
pub mod near;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use crate::domain::{Lang, Point};
pub use cache::sweep as sweep_cache;
pub use fold::MAX_QUERY_CHARS;
pub use formats::{Found, parse as parse_answer};
pub use gazetteer::Gazetteer;
pub use http::HttpGeocoder;

/// The most suggestions one query gets (DESIGN §8.1: at most 10).
pub const MAX_SUGGESTIONS: usize = 10;

/// A known place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// What people see and pick: "Saint-Denis (93)", "Lausanne (VD, CH)".
    pub label: String,
    /// The town's own name: "Saint-Denis".
    pub name: String,
    pub postcode: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub point: Point,
}

impl Place {
    /// The time zone of this place, when its country (and postcode) tell it.
    pub fn zone(&self) -> Option<chrono_tz::Tz> {
        crate::domain::zone_of_place(&self.country, self.postcode.as_deref())
    }
}

/// Why a source could not answer (the caller falls back to the next source).
#[derive(Debug, thiserror::Error)]
pub enum GeocodeError {
    #[error("the geocoder did not answer in time")]
    Timeout,
    #[error("the geocoder refused: {0}")]
    Refused(String),
    #[error("the geocoder's answer could not be read: {0}")]
    Garbled(String),
}

/// One source of places.
#[async_trait]
pub trait Geocoder: Send + Sync {
    /// Places matching what someone is typing, best first, at most `limit`.
    async fn suggest(
        &self,
        query: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<Place>, GeocodeError>;

    /// The one place a free text names, if it names one.
    async fn resolve(&self, text: &str, lang: Lang) -> Result<Option<Place>, GeocodeError>;
}

#[async_trait]
impl Geocoder for Gazetteer {
    async fn suggest(
        &self,
        query: &str,
        _lang: Lang,
        limit: usize,
    ) -> Result<Vec<Place>, GeocodeError> {
        Ok(Gazetteer::suggest(self, query, limit))
    }

    async fn resolve(&self, text: &str, _lang: Lang) -> Result<Option<Place>, GeocodeError> {
        Ok(Gazetteer::resolve(self, text))
    }
}

/// The application's places: the configured sources in order, the gazetteer last.
#[derive(Clone)]
pub struct Places {
    sources: Vec<Arc<dyn Geocoder>>,
    /// The town each ride's place text was found to be, for the maps drawn on every view of
    /// an event page: (text, language) → name (`None`: not a known place). Bounded: emptied
    /// when full.
    towns: Arc<Mutex<Towns>>,
}

/// (place text, language) → the town's name, or `None` for a text no source knows.
type Towns = HashMap<(String, Lang), Option<String>>;

/// How many place texts the map remembers before it starts again.
const TOWNS_REMEMBERED: usize = 10_000;

impl Places {
    /// The embedded gazetteer alone.
    pub fn gazetteer() -> Places {
        Places {
            sources: vec![Gazetteer::embedded()],
            towns: Arc::default(),
        }
    }

    /// `first` asked before the embedded gazetteer.
    pub fn with_first(first: Arc<dyn Geocoder>) -> Places {
        Places {
            sources: vec![first, Gazetteer::embedded()],
            towns: Arc::default(),
        }
    }

    /// Suggestions from the first source that finds some; none when every source fails or
    /// finds nothing.
    pub async fn suggest(&self, query: &str, lang: Lang) -> Vec<Place> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        for source in &self.sources {
            match source.suggest(query, lang, MAX_SUGGESTIONS).await {
                Ok(found) if found.is_empty() => continue,
                Ok(found) => return found,
                Err(e) => tracing::warn!(error = %e, "geocoder failed, trying the next source"),
            }
        }
        Vec::new()
    }

    /// The stored columns (latitude, longitude) of a free text: both `None` when no source
    /// knows it, and it stays free text.
    pub async fn columns(&self, text: &str, lang: Lang) -> (Option<f64>, Option<f64>) {
        match self.resolve(text, lang).await {
            Some(place) => (Some(place.point.lat()), Some(place.point.lon())),
            None => (None, None),
        }
    }

    /// The name of the town `text` resolves to (the map's labels), remembered: a page drawn
    /// again asks no source.
    pub async fn town_name(&self, text: &str, lang: Lang) -> Option<String> {
        let key = (text.to_owned(), lang);
        if let Ok(towns) = self.towns.lock()
            && let Some(known) = towns.get(&key)
        {
            return known.clone();
        }
        let name = self.resolve(text, lang).await.map(|p| p.name);
        if let Ok(mut towns) = self.towns.lock() {
            if towns.len() >= TOWNS_REMEMBERED {
                towns.clear();
            }
            towns.insert(key, name.clone());
        }
        name
    }

    /// The time zone of a venue, when the text names a known place (an event left without a
    /// zone takes its venue's rather than the server's).
    pub async fn zone_of(&self, text: &str, lang: Lang) -> Option<chrono_tz::Tz> {
        self.resolve(text, lang).await?.zone()
    }

    /// The place a free text names, from the first source that knows it; `None` keeps it free
    /// text.
    pub async fn resolve(&self, text: &str, lang: Lang) -> Option<Place> {
        if text.trim().is_empty() {
            return None;
        }
        for source in &self.sources {
            match source.resolve(text, lang).await {
                Ok(Some(place)) => return Some(place),
                Ok(None) => continue,
                Err(e) => tracing::warn!(error = %e, "geocoder failed, trying the next source"),
            }
        }
        None
    }
}
