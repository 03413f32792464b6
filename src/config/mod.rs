//! Typed settings: read from Rocket.toml profiles and the environment, validated as a whole
//! before anything starts, with every problem reported under the key that caused it.
use std::fmt;
use std::time::Duration;

use chrono::NaiveTime;
use chrono_tz::Tz;
use rocket::figment::providers::{Env, Format, Toml};
use rocket::figment::{Figment, Profile};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha512};

use crate::domain::Lang;

mod bounces;
mod dkim;
mod geocoder;
mod read;
mod reader;
mod routing;
mod smtp;
mod tiles;
pub use bounces::{Bounces, Imap};
pub use dkim::Dkim;
pub use geocoder::{Geocoder, GeocoderKind};
pub(crate) use reader::Reader;
pub use smtp::{Smtp, SmtpTls};
pub use tiles::TileMap;

/// Environment names already used by existing deployments, and the key each one sets.
pub const SEED_ENV: &[(&str, &str)] = &[
    ("DATABASE_URL", "database_url"),
    ("BASE_URL", "base_url"),
    ("SECRET_KEY", "secret_keys"),
    ("SMTP_HOST", "smtp_host"),
    ("SMTP_PORT", "smtp_port"),
    ("SMTP_USER", "smtp_user"),
    ("SMTP_PASSWORD", "smtp_password"),
    ("SMTP_TLS", "smtp_tls"),
    ("SMTP_PRESET", "smtp_preset"),
    ("FROM_EMAIL", "mail_from"),
    ("ADMIN_TOKEN", "admin_token"),
];

/// The configuration sources, lowest priority first: Rocket's defaults, Rocket.toml (profiles),
/// the seed environment names, then `ROCKET_<KEY>`.
pub fn figment() -> Figment {
    let seed = Env::raw()
        .only(&SEED_ENV.iter().map(|(env, _)| *env).collect::<Vec<_>>())
        .map(|name| {
            let key = SEED_ENV
                .iter()
                .find(|(env, _)| name.as_str().eq_ignore_ascii_case(env))
                .map_or(name.as_str(), |(_, key)| key);
            key.to_owned().into()
        })
        .global();
    Figment::from(rocket::Config::default())
        .merge(Toml::file(Env::var_or("ROCKET_CONFIG", "Rocket.toml")).nested())
        .merge(seed)
        .merge(Env::prefixed("ROCKET_").ignore(&["PROFILE"]).global())
        .select(Profile::from_env_or(
            "ROCKET_PROFILE",
            rocket::Config::DEFAULT_PROFILE,
        ))
}

/// Validated settings, shared as managed state.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    /// SQLite only: the largest the database file may grow (`sqlite_max_size`).
    pub sqlite_max_bytes: Option<u64>,
    /// Without a trailing slash.
    pub base_url: String,
    /// The first signs; every key verifies.
    pub secret_keys: Vec<crate::domain::SigningKey>,
    pub using_dev_key: bool,
    pub smtp: Option<Smtp>,
    /// DKIM signing of every email sent, when configured.
    pub dkim: Option<Dkim>,
    /// Where bounces come back to and how they are read, when configured.
    pub bounces: Option<Bounces>,
    /// How long a hard-bounced address is not mailed.
    pub bounce_suppress_days: u32,
    /// Emails are kept in the database (readable at `/dev/mail`) instead of sent: chosen with
    /// `mail_mode = "capture"`, or the default of a debug build on the debug profile only.
    pub mail_capture: bool,
    /// A debug build on the debug profile: a developer's own machine.
    pub development: bool,
    pub mail_from: String,
    /// Tries before an email with transient failures is marked failed.
    pub mail_max_attempts: i32,
    /// Seconds a row being sent stays reserved for its instance (renewed while the send lasts).
    pub mail_lease_secs: u32,
    pub link_ttl: Duration,
    /// Days after an event ends until its personal data is erased (`retention_days`).
    pub retention_days: u32,
    /// Who people write to about their data (an address or a page), shown on /privacy.
    pub privacy_contact: Option<String>,
    pub request_ttl: chrono::Duration,
    pub reminder_time: NaiveTime,
    pub default_timezone: Tz,
    pub default_locale: Lang,
    pub jobs_interval_secs: u64,
    pub embed_origins: Vec<String>,
    pub admin_token: Option<secrecy::SecretString>,
    /// Behind a reverse proxy: the header that carries the client's address (e.g.
    /// `X-Real-IP`). Without it the peer address is used and such headers are ignored.
    pub trusted_ip_header: Option<String>,
    pub rate_limit: RateLimit,
    /// Place suggestions (`GET /api/places`) one client address may ask for per minute; 0: no
    /// limit. Autocomplete asks once per pause in typing.
    pub places_per_minute: u32,
    /// Swagger UI as `scripts/install_api_docs.sh` installs it, for the API page `/api/docs`.
    pub api_docs_dir: std::path::PathBuf,
    /// Event pages reuse what they read while nothing they show changed (see
    /// `services::event_cache`); `false`: every view reads the database.
    pub page_cache: bool,
    /// An HTTP geocoder asked before the embedded gazetteer, when configured.
    pub geocoder: Option<Geocoder>,
    /// The interactive map's tiles and Leaflet, when `map_tile_url` is configured.
    pub tile_map: Option<TileMap>,
    /// Acknowledgement emails (request sent, event created, ride published) one address may
    /// get per hour; past it the submission is saved and its link shown on the page instead.
    pub ack_emails_per_hour: u32,
    /// Emails about freed seats one waiting person may get per 24 hours (0: none).
    pub alerts_per_day: u32,
    /// How long before departure drivers and confirmed passengers are asked "still going?"
    /// (`still_going_hours`; `None`: never).
    pub still_going: Option<chrono::Duration>,
    /// The OSRM-compatible router giving pickup times and detours, when configured.
    pub router: Option<crate::services::routing::RouterConfig>,
    /// The rate of the suggested contribution per passenger, when the operator set one.
    pub contribution: Option<crate::services::routing::contribution::Rate>,
}

/// Requests allowed per window for bookings, offers and events; 0 switches a limit off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub window_secs: u64,
    pub per_ip: u32,
    pub per_email: u32,
}

impl fmt::Debug for Config {
    // Keys, passwords and tokens stay out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("secret_keys", &self.secret_keys.len())
            .field("smtp_host", &self.smtp.as_ref().map(|s| &s.host))
            .field("default_timezone", &self.default_timezone)
            .finish_non_exhaustive()
    }
}

/// Every problem found in the configuration, each naming its key.
#[derive(Debug)]
pub struct ConfigErrors(pub Vec<String>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid configuration:")?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl Config {
    /// Validates the whole configuration. `release_build` is `!cfg!(debug_assertions)`, passed
    /// in so that tests can check the release rules from a debug build.
    pub fn from_figment(figment: &Figment, release_build: bool) -> Result<Config, ConfigErrors> {
        let mut r = Reader {
            figment,
            problems: Vec::new(),
        };
        let development = !release_build && *figment.profile() == rocket::Config::DEBUG_PROFILE;
        let storage = read::storage(&mut r, development);
        let mail = read::mail(&mut r, development);
        let schedule = read::schedule(&mut r);
        let web = read::web(&mut r);
        let dkim = dkim::read(&mut r, &mail.from);
        let router = routing::read(&mut r);
        let contribution = routing::contribution(&mut r);
        let geocoder = geocoder::read(&mut r);
        let tile_map = tiles::read(&mut r);
        if release_build && mail.smtp.is_some() && !mail.capture {
            // Real email from a release build: links and the sender must be the site's own.
            if !storage.base_url_set {
                r.problem(
                    "base_url",
                    "emails would link to http://127.0.0.1:8000: set BASE_URL to the public \
                     address of this site, such as https://covoit.example.org",
                );
            }
            if !mail.from_set {
                r.problem(
                    "mail_from",
                    "emails would come from noreply@localhost: set FROM_EMAIL to an address of \
                     your domain, such as `covoit <noreply@example.org>`",
                );
            }
        }
        if !r.problems.is_empty() {
            return Err(ConfigErrors(r.problems));
        }
        Ok(Config {
            database_url: storage.database_url,
            sqlite_max_bytes: storage.sqlite_max_bytes,
            base_url: storage.base_url,
            secret_keys: storage.secret_keys,
            using_dev_key: storage.using_dev_key,
            smtp: mail.smtp,
            dkim,
            bounces: mail.bounces,
            bounce_suppress_days: mail.bounce_suppress_days,
            mail_capture: mail.capture,
            development,
            mail_from: mail.from,
            mail_max_attempts: mail.max_attempts,
            mail_lease_secs: mail.lease_secs,
            ack_emails_per_hour: mail.ack_per_hour,
            alerts_per_day: mail.alerts_per_day,
            still_going: schedule.still_going,
            link_ttl: schedule.link_ttl,
            retention_days: schedule.retention_days,
            privacy_contact: schedule.privacy_contact,
            request_ttl: schedule.request_ttl,
            reminder_time: schedule.reminder_time,
            default_timezone: schedule.default_timezone,
            default_locale: schedule.default_locale,
            jobs_interval_secs: schedule.jobs_interval_secs,
            embed_origins: web.embed_origins,
            admin_token: web.admin_token,
            trusted_ip_header: web.trusted_ip_header,
            rate_limit: web.rate_limit,
            places_per_minute: web.places_per_minute,
            router,
            contribution,
            api_docs_dir: web.api_docs_dir,
            page_cache: web.page_cache,
            geocoder,
            tile_map,
        })
    }

    /// Rocket's own secret (private cookies), derived from the signing key so that
    /// `SECRET_KEY` alone is enough.
    pub fn rocket_secret(&self) -> Vec<u8> {
        let mut h = Sha512::new();
        h.update(b"covoit/rocket-secret-key/v1\0");
        if let Some(key) = self.secret_keys.first() {
            h.update(key.expose_secret());
        }
        h.finalize().to_vec()
    }

    pub fn db_options(&self) -> crate::db::DbOptions {
        crate::db::DbOptions {
            sqlite_max_bytes: self.sqlite_max_bytes,
        }
    }

    /// Emails are captured, not sent.
    pub fn captures_mail(&self) -> bool {
        self.mail_capture
    }
}

#[cfg(test)]
mod tests;
