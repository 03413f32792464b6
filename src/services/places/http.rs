//! An HTTP geocoder (Géoplateforme/BAN, Photon or Nominatim) behind the `Geocoder` trait:
//! answers cached in the database, each lookup time-boxed, outgoing lookups spaced to the
//! configured rate, and the service left alone for a while after it refused (429 with its
//! `Retry-After`, or 503) or failed (timeout, 5xx, an answer that cannot be read), so that a
//! service in trouble costs the pages nothing: the next source (the gazetteer) answers.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::header::{ACCEPT, RETRY_AFTER, USER_AGENT};
use hyper::{Request, StatusCode};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::time::Instant;
use tokio_rustls::rustls;

use super::fold::words;
use super::formats::{self, Found};
use super::{GeocodeError, Geocoder, MAX_SUGGESTIONS, Place, cache};
use crate::config::{Geocoder as Settings, GeocoderKind};
use crate::db::Db;
use crate::domain::Lang;

/// The largest answer read; a geocoder's ten places take a few kilobytes.
const MAX_BODY_BYTES: usize = 512 * 1024;
/// How long the service is left alone after a failure that said nothing of when to come back.
const FAILURE_PAUSE: Duration = Duration::from_secs(10);
/// The default pause after a 429 or 503 without `Retry-After`, and the longest one honoured.
const REFUSAL_PAUSE: Duration = Duration::from_secs(60);
const MAX_PAUSE: Duration = Duration::from_secs(3600);
/// Below this BAN score, a free text is not taken to name the place found.
const MIN_RESOLVE_SCORE: f64 = 0.6;
/// Shorter queries are left to the gazetteer (the Géoplateforme refuses them; the others
/// answer them with noise); longer ones are cut (its limit is 200 characters).
const MIN_QUERY_CHARS: usize = 3;
const MAX_SENT_CHARS: usize = 200;

type HttpClient = Client<HttpsConnector<HttpConnector>, Empty<Bytes>>;

pub struct HttpGeocoder {
    settings: Settings,
    user_agent: String,
    client: HttpClient,
    db: Db,
    gate: Mutex<Gate>,
}

/// When the next lookup may leave, and until when the service is left alone.
struct Gate {
    next_slot: Instant,
    paused_until: Option<Instant>,
}

impl HttpGeocoder {
    /// `site` names this instance in the User-Agent (its public address).
    pub fn new(settings: Settings, db: Db, site: &str) -> Arc<HttpGeocoder> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports TLS 1.2 and 1.3")
        .with_root_certificates(roots)
        .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(https);
        let contact = settings
            .contact
            .as_deref()
            .map_or(String::new(), |c| format!("; {c}"));
        let user_agent = format!("covoit/{} (+{site}{contact})", env!("CARGO_PKG_VERSION"));
        Arc::new(HttpGeocoder {
            settings,
            user_agent,
            client,
            db,
            gate: Mutex::new(Gate {
                next_slot: Instant::now(),
                paused_until: None,
            }),
        })
    }

    fn kind(&self) -> GeocoderKind {
        self.settings.kind
    }

    /// The places a query finds, from the cache or the service.
    async fn search(&self, query: &str, lang: Lang) -> Result<Vec<Found>, GeocodeError> {
        let key = cache::key(query);
        if key.chars().count() < MIN_QUERY_CHARS {
            return Ok(Vec::new());
        }
        let query: String = query.trim().chars().take(MAX_SENT_CHARS).collect();
        let source = self.kind().code();
        // The Géoplateforme answers the same in every language: one cached answer for all.
        let cache_lang = match self.kind() {
            GeocoderKind::Ban => "",
            _ => lang.code(),
        };
        let now = Utc::now();
        if let Some(found) = cache::get(&self.db, source, &key, cache_lang, now).await {
            return Ok(found);
        }
        let deadline = Instant::now() + self.settings.timeout;
        self.wait_for_turn(deadline).await?;
        let url = formats::search_url(
            self.kind(),
            &self.settings.url,
            &query,
            lang,
            MAX_SUGGESTIONS,
            self.settings.contact.as_deref(),
        );
        let answer = tokio::time::timeout_at(deadline, self.fetch(&url)).await;
        let result = match answer {
            Err(_) => Err(GeocodeError::Timeout),
            Ok(Err(e)) => Err(e),
            // However many the service sent, only what was asked for is kept.
            Ok(Ok(body)) => formats::parse(self.kind(), &body).map(|mut found| {
                found.truncate(MAX_SUGGESTIONS);
                found
            }),
        };
        match &result {
            Ok(found) => {
                let days = i64::from(self.settings.cache_days);
                let expires = Utc::now() + chrono::Duration::days(days);
                cache::put(&self.db, source, &key, cache_lang, found, expires).await;
            }
            // A refusal already set its own pause.
            Err(GeocodeError::Refused(_)) => {}
            Err(_) => self.pause(FAILURE_PAUSE),
        }
        result
    }

    /// Waits for this lookup's slot under the rate limit; refuses at once when the service is
    /// being left alone or the slot comes after `deadline`.
    async fn wait_for_turn(&self, deadline: Instant) -> Result<(), GeocodeError> {
        let slot = {
            let mut gate = self.gate.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            if gate.paused_until.is_some_and(|until| until > now) {
                return Err(GeocodeError::Refused(
                    "paused after a refusal or failure".into(),
                ));
            }
            let slot = gate.next_slot.max(now);
            // Leave half the time for the lookup itself.
            if slot > now + (deadline - now) / 2 {
                return Err(GeocodeError::Refused("outgoing rate limit reached".into()));
            }
            gate.next_slot = slot + Duration::from_secs(1) / self.settings.rate_per_sec.max(1);
            slot
        };
        tokio::time::sleep_until(slot).await;
        Ok(())
    }

    fn pause(&self, pause: Duration) {
        let mut gate = self.gate.lock().unwrap_or_else(|e| e.into_inner());
        let until = Instant::now() + pause.min(MAX_PAUSE);
        gate.paused_until = Some(gate.paused_until.map_or(until, |u| u.max(until)));
    }

    async fn fetch(&self, url: &str) -> Result<Bytes, GeocodeError> {
        let request = Request::get(url)
            .header(USER_AGENT, &self.user_agent)
            .header(ACCEPT, "application/json")
            .body(Empty::<Bytes>::new())
            .map_err(|e| GeocodeError::Refused(format!("bad request: {e}")))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| GeocodeError::Refused(format!("cannot reach the geocoder: {e}")))?;
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
            let wait = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(retry_after)
                .unwrap_or(REFUSAL_PAUSE);
            self.pause(wait);
            return Err(GeocodeError::Refused(format!(
                "{status}; leaving it alone for {}s",
                wait.as_secs()
            )));
        }
        if status.is_server_error() {
            self.pause(FAILURE_PAUSE);
        }
        if !status.is_success() {
            // A 4xx is about this query (too short, too long…): the next one may do.
            return Err(GeocodeError::Refused(status.to_string()));
        }
        let body = Limited::new(response.into_body(), MAX_BODY_BYTES)
            .collect()
            .await
            .map_err(|e| GeocodeError::Garbled(format!("answer cut short: {e}")))?;
        Ok(body.to_bytes())
    }
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let secs = (at.with_timezone(&Utc) - Utc::now()).num_seconds().max(0);
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

#[async_trait]
impl Geocoder for HttpGeocoder {
    async fn suggest(
        &self,
        query: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<Place>, GeocodeError> {
        let found = self.search(query, lang).await?;
        Ok(found.into_iter().take(limit).map(|f| f.place).collect())
    }

    async fn resolve(&self, text: &str, lang: Lang) -> Result<Option<Place>, GeocodeError> {
        let found = self.search(text, lang).await?;
        Ok(found
            .into_iter()
            .next()
            .filter(|f| match f.score {
                Some(score) => score >= MIN_RESOLVE_SCORE,
                None => names_its_town(text, &f.place),
            })
            .map(|f| f.place))
    }
}

/// Whether a free text names the town (or postcode) of the place a source without scores
/// found for it: "12 place Grandclément, Villeurbanne" does, "Parking du stade" (which a
/// worldwide service always matches with something) does not, and stays free text.
fn names_its_town(text: &str, place: &Place) -> bool {
    let text = format!(" {} ", words(text).join(" "));
    let town_named = place
        .name
        .split(" - ")
        .flat_map(|part| part.split('/'))
        .map(|part| words(part).join(" "))
        .any(|town| !town.is_empty() && text.contains(&format!(" {town} ")));
    let code_named = place
        .postcode
        .as_deref()
        .map(|code| words(code).join(" "))
        .is_some_and(|code| !code.is_empty() && text.contains(&format!(" {code} ")));
    town_named || code_named
}

#[cfg(test)]
mod tests {
    use super::{names_its_town, retry_after};
    use crate::domain::Point;
    use crate::services::places::Place;
    use std::time::Duration;

    #[test]
    fn a_text_names_its_town_or_postcode() {
        let place = |name: &str, postcode: Option<&str>| Place {
            label: String::new(),
            name: name.into(),
            postcode: postcode.map(str::to_owned),
            country: "BE".into(),
            point: Point::new(50.8, 4.3).unwrap(),
        };
        let brussels = place("Bruxelles - Brussel", Some("1000"));
        assert!(names_its_town("Grand-Place, Bruxelles", &brussels));
        assert!(names_its_town("Grote Markt 1, BRUSSEL", &brussels));
        assert!(names_its_town("Grand-Place 1000", &brussels));
        assert!(!names_its_town("Parking du stade", &brussels));
        assert!(!names_its_town("Grand-Place 10000", &brussels));
        let vx = place("Villeurbanne", None);
        assert!(names_its_town("12 place Grandclément, Villeurbanne", &vx));
        assert!(!names_its_town("Villeurbannette", &vx));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}
