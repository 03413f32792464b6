//! Every address covoit gives out, built in one place: the public pages' paths, absolute URLs
//! for emails and the API, the widget snippet, and signed links (minted with the first key,
//! verified with every key). Managed state of its own; pages, the API and the emails all ask it.
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::SigningKey;
use crate::links::{LinkError, Purpose, Verified, sign, verify};
use secrecy::ExposeSecret;

/// The paths of the public pages, relative to the site (the widget puts `/embed` before some).
pub mod paths {
    pub fn event(slug: &str) -> String {
        format!("/e/{slug}")
    }

    pub fn new_offer(slug: &str) -> String {
        format!("/e/{slug}/offers/new")
    }

    /// Where the offer form posts.
    pub fn event_offers(slug: &str) -> String {
        format!("/e/{slug}/offers")
    }

    pub fn offer(public_id: &str) -> String {
        format!("/o/{public_id}")
    }

    /// The waiting list's form.
    pub fn new_need(slug: &str) -> String {
        format!("/e/{slug}/needs/new")
    }

    /// Where the waiting list's form posts.
    pub fn event_needs(slug: &str) -> String {
        format!("/e/{slug}/needs")
    }

    /// The live feed of an event's changes (Server-Sent Events).
    pub fn live(slug: &str) -> String {
        format!("/live/{slug}")
    }

    /// Where the booking form posts.
    pub fn offer_requests(public_id: &str) -> String {
        format!("/o/{public_id}/requests")
    }

    /// Where a booking form's POST leads (Post/Redirect/Get): what was sent, shown again.
    pub fn request_sent(public_id: &str) -> String {
        format!("/o/{public_id}/sent")
    }

    pub fn embed_event(slug: &str) -> String {
        format!("/embed/{slug}")
    }

    pub fn link(purpose: super::Purpose, token: &str) -> String {
        format!("/link/{}/{token}", purpose.as_str())
    }
}

#[derive(Clone)]
pub struct Urls {
    /// Without a trailing slash.
    base_url: String,
    /// The first signs; every key verifies.
    keys: Vec<SigningKey>,
    ttl: chrono::Duration,
}

impl Urls {
    pub fn new(base_url: &str, keys: Vec<SigningKey>, ttl: std::time::Duration) -> Urls {
        Urls {
            base_url: base_url.trim_end_matches('/').to_owned(),
            keys,
            ttl: chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::days(7)),
        }
    }

    pub fn from_config(config: &Config) -> Urls {
        Urls::new(
            &config.base_url,
            config.secret_keys.clone(),
            config.link_ttl,
        )
    }

    pub fn base(&self) -> &str {
        &self.base_url
    }

    /// `path` (from `paths`) as an absolute URL.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn event(&self, slug: &str) -> String {
        self.absolute(&paths::event(slug))
    }

    pub fn new_offer(&self, slug: &str) -> String {
        self.absolute(&paths::new_offer(slug))
    }

    pub fn new_need(&self, slug: &str) -> String {
        self.absolute(&paths::new_need(slug))
    }

    pub fn offer(&self, public_id: &str) -> String {
        self.absolute(&paths::offer(public_id))
    }

    /// The line an organiser pastes into their own site.
    pub fn widget_snippet(&self, slug: &str) -> String {
        format!(
            "<script src=\"{}/widget.js\" data-event=\"{slug}\" async></script>",
            self.base_url
        )
    }

    /// A signed link for `purpose` on record `id`, relative to the site: valid for
    /// `link_ttl_days`, never past `until` (when what it grants ends: the request's expiry, the
    /// trip, the event). A page reached through a link passes that link's expiry in `until`, so
    /// that a link shown there never outlives the one that was opened.
    pub fn link_path(
        &self,
        purpose: Purpose,
        id: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> String {
        let expires = (now + self.ttl).min(until);
        let key = self.keys.first().map_or(&[][..], |k| k.expose_secret());
        paths::link(purpose, &sign(key, purpose, id, expires))
    }

    /// The same link, absolute, for emails.
    pub fn link(
        &self,
        purpose: Purpose,
        id: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> String {
        self.absolute(&self.link_path(purpose, id, now, until))
    }

    /// Checks a link's token against every key.
    pub fn verify(
        &self,
        purpose: Purpose,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, LinkError> {
        verify(&self.keys, purpose, token, now)
    }

    /// The domain of `base_url` (for Message-IDs).
    pub fn domain(&self) -> String {
        url::Url::parse(&self.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into())
    }

    /// The origin of `base_url` (for checking where a POST comes from).
    pub fn origin(&self) -> String {
        url::Url::parse(&self.base_url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default()
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    const KEY: &[u8] = b"first-key-0123456789-0123456789-abc";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
    }

    #[test]
    fn links_never_outlive_what_they_grant() {
        let urls = Urls::new(
            "https://c.test/",
            vec![KEY.to_vec().into()],
            std::time::Duration::from_secs(7 * 86_400),
        );
        let soon = now() + Duration::hours(3);
        let path = urls.link_path(Purpose::Manage, 9, now(), soon);
        let token = path.rsplit('/').next().unwrap();
        assert_eq!(
            urls.verify(Purpose::Manage, token, now()).unwrap().expires,
            soon
        );
        let far = now() + Duration::days(90);
        let url = urls.link(Purpose::Manage, 9, now(), far);
        assert!(url.starts_with("https://c.test/link/manage/"), "{url}");
        let token = url.rsplit('/').next().unwrap();
        let v = urls.verify(Purpose::Manage, token, now()).unwrap();
        assert_eq!(v.expires, now() + Duration::days(7));
        assert_eq!(urls.event("fete"), "https://c.test/e/fete");
        assert_eq!(urls.domain(), "c.test");
    }
}
