//! Typed settings: read from Rocket.toml profiles and the environment, validated as a whole
//! before anything starts, with every problem reported under the key that caused it.
use std::fmt;
use std::time::Duration;

use chrono::NaiveTime;
use chrono_tz::Tz;
use rocket::figment::providers::{Env, Format, Toml};
use rocket::figment::{Figment, Profile};
use serde::Deserialize;
use sha2::{Digest, Sha512};

use crate::domain::{Email, Lang};

mod smtp;
use smtp::read_smtp;
pub use smtp::{Smtp, SmtpTls};

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

/// Only for debug builds on the debug profile; never signs anything in a release build.
const DEV_SECRET_KEY: &str = "covoit-development-key-do-not-use-in-production";

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
    pub secret_keys: Vec<Vec<u8>>,
    pub using_dev_key: bool,
    pub smtp: Option<Smtp>,
    /// Emails are kept in the database (readable at `/dev/mail`) instead of sent: chosen with
    /// `mail_mode = "capture"`, or the default of a debug build on the debug profile only.
    pub mail_capture: bool,
    /// A debug build on the debug profile: a developer's own machine.
    pub development: bool,
    pub mail_from: String,
    /// Tries before an email with transient failures is marked failed.
    pub mail_max_attempts: i32,
    pub link_ttl: Duration,
    pub request_ttl: chrono::Duration,
    pub reminder_time: NaiveTime,
    pub default_timezone: Tz,
    pub default_locale: Lang,
    pub jobs_interval_secs: u64,
    pub embed_origins: Vec<String>,
    pub admin_token: Option<String>,
    /// `text` (default) or `json` log lines.
    pub log_json: bool,
    /// Behind a reverse proxy: the header that carries the client's address (e.g.
    /// `X-Real-IP`). Without it the peer address is used and such headers are ignored.
    pub trusted_ip_header: Option<String>,
    pub rate_limit: RateLimit,
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

/// A key given as one string (`SECRET_KEY=...`) or as a list (`secret_keys = [...]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Reads each key on its own so that every bad value is reported, not just the first.
pub(crate) struct Reader<'a> {
    figment: &'a Figment,
    problems: Vec<String>,
}

impl Reader<'_> {
    pub(crate) fn get<T: for<'de> Deserialize<'de>>(
        &mut self,
        key: &str,
        expected: &str,
    ) -> Option<T> {
        if !self.figment.contains(key) {
            return None;
        }
        match self.figment.extract_inner::<T>(key) {
            Ok(value) => Some(value),
            Err(e) => {
                let found = e.to_string();
                self.problems
                    .push(format!("`{key}`: expected {expected} ({found})"));
                None
            }
        }
    }

    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        // Env values that look like numbers arrive as numbers; a text key takes them as text.
        match self.figment.find_value(key) {
            Ok(value) => match value.clone().into_string() {
                Some(s) => Some(s),
                None => match value.to_num() {
                    Some(n) => Some(num_to_string(n)),
                    None => {
                        self.problems.push(format!("`{key}`: expected a string"));
                        None
                    }
                },
            },
            Err(_) => None,
        }
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    }

    pub(crate) fn problem(&mut self, key: &str, message: impl fmt::Display) {
        self.problems.push(format!("`{key}`: {message}"));
    }
}

fn num_to_string(n: rocket::figment::value::Num) -> String {
    use rocket::figment::value::Num;
    match n {
        Num::U8(v) => v.to_string(),
        Num::U16(v) => v.to_string(),
        Num::U32(v) => v.to_string(),
        Num::U64(v) => v.to_string(),
        Num::U128(v) => v.to_string(),
        Num::USize(v) => v.to_string(),
        Num::I8(v) => v.to_string(),
        Num::I16(v) => v.to_string(),
        Num::I32(v) => v.to_string(),
        Num::I64(v) => v.to_string(),
        Num::I128(v) => v.to_string(),
        Num::ISize(v) => v.to_string(),
        Num::F32(v) => v.to_string(),
        Num::F64(v) => v.to_string(),
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

        let database_url = r
            .text("database_url")
            .unwrap_or_else(|| "sqlite://covoit.db?mode=rwc".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            r.problem(
                "database_url",
                "expected a `sqlite://FILE?mode=rwc` or `postgres://USER@HOST/DB` URL",
            );
        }

        let sqlite_max_bytes = r.text("sqlite_max_size").and_then(|s| {
            let parsed = parse_size(&s);
            if parsed.is_none() {
                r.problem(
                    "sqlite_max_size",
                    "expected a size such as `512MB`, `2GB` or `800KB` (at least 64KB)",
                );
            }
            parsed
        });

        let base_url = r
            .text("base_url")
            .unwrap_or_else(|| "http://127.0.0.1:8000".into());
        let base_url = match url::Url::parse(&base_url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                base_url.trim_end_matches('/').to_owned()
            }
            _ => {
                r.problem(
                    "base_url",
                    "expected an absolute http(s) URL such as https://covoit.example.org",
                );
                String::new()
            }
        };

        let debug_profile = *figment.profile() == rocket::Config::DEBUG_PROFILE;
        let keys: Option<OneOrMany> = r.get("secret_keys", "a string or a list of strings");
        let keys: Vec<String> = match keys {
            Some(OneOrMany::One(k)) => vec![k],
            Some(OneOrMany::Many(ks)) => ks,
            None => Vec::new(),
        };
        let keys: Vec<String> = keys
            .into_iter()
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect();
        let mut using_dev_key = false;
        let secret_keys: Vec<Vec<u8>> = if keys.is_empty() {
            if release_build || !debug_profile {
                r.problem(
                    "secret_keys",
                    "required outside a debug build: set SECRET_KEY to a random string of at \
                     least 32 characters (e.g. `openssl rand -base64 48`)",
                );
                Vec::new()
            } else {
                using_dev_key = true;
                vec![DEV_SECRET_KEY.as_bytes().to_vec()]
            }
        } else {
            for (i, k) in keys.iter().enumerate() {
                if k.len() < 32 {
                    r.problem(
                        "secret_keys",
                        format_args!(
                            "key #{} is {} characters long; at least 32 are needed",
                            i + 1,
                            k.len()
                        ),
                    );
                }
            }
            keys.into_iter().map(String::into_bytes).collect()
        };

        let smtp = read_smtp(&mut r);
        let development = !release_build && debug_profile;
        let mail_capture = match r.text("mail_mode").as_deref() {
            Some("capture") => true,
            Some("smtp") => {
                if smtp.is_none() {
                    r.problem(
                        "smtp_host",
                        "`mail_mode = \"smtp\"` needs an SMTP server: set SMTP_HOST (or SMTP_PRESET)",
                    );
                }
                false
            }
            Some(_) => {
                r.problem("mail_mode", "expected `smtp` or `capture`");
                false
            }
            None if smtp.is_some() => false,
            None if development => true,
            None => {
                r.problem(
                    "mail_mode",
                    "no SMTP server is configured: set SMTP_HOST (or SMTP_PRESET) to send \
                     email, or set `mail_mode = \"capture\"` (ROCKET_MAIL_MODE=capture) to keep \
                     emails in the database, unsent, readable by the operator at /dev/mail",
                );
                false
            }
        };

        let mail_from = r
            .text("mail_from")
            .unwrap_or_else(|| "covoit <noreply@localhost>".into());
        if !mailbox_is_valid(&mail_from) {
            r.problem(
                "mail_from",
                "expected an address such as `covoit <noreply@example.org>` or `noreply@example.org`",
            );
        }

        let mail_max_attempts: i32 = r
            .get("mail_max_attempts", "a whole number of tries from 1 to 50")
            .unwrap_or(8);
        if !(1..=50).contains(&mail_max_attempts) {
            r.problem(
                "mail_max_attempts",
                "expected a whole number of tries from 1 to 50",
            );
        }

        let link_ttl_days: u32 = r
            .get("link_ttl_days", "a whole number of days from 1 to 365")
            .unwrap_or(7);
        if !(1..=365).contains(&link_ttl_days) {
            r.problem(
                "link_ttl_days",
                "expected a whole number of days from 1 to 365",
            );
        }
        let request_ttl_hours: u32 = r
            .get("request_ttl_hours", "a whole number of hours from 1 to 336")
            .unwrap_or(24);
        if !(1..=336).contains(&request_ttl_hours) {
            r.problem(
                "request_ttl_hours",
                "expected a whole number of hours from 1 to 336",
            );
        }

        let reminder_time = r.text("reminder_time").unwrap_or_else(|| "10:00".into());
        let reminder_time =
            NaiveTime::parse_from_str(&reminder_time, "%H:%M").unwrap_or_else(|_| {
                r.problem("reminder_time", "expected a local time HH:MM such as 10:00");
                NaiveTime::MIN
            });

        let tz = r
            .text("default_timezone")
            .unwrap_or_else(|| "Europe/Paris".into());
        let default_timezone = tz.parse::<Tz>().unwrap_or_else(|_| {
            r.problem(
                "default_timezone",
                format_args!("`{tz}` is not an IANA time zone such as Europe/Paris"),
            );
            Tz::Europe__Paris
        });
        let locale = r.text("default_locale").unwrap_or_else(|| "fr".into());
        let default_locale = Lang::parse(&locale).unwrap_or_else(|| {
            r.problem("default_locale", "expected `fr` or `en`");
            Lang::Fr
        });

        let jobs_interval_secs: u64 = r
            .get(
                "jobs_interval_secs",
                "a whole number of seconds (0 disables)",
            )
            .unwrap_or(60);

        let origins: Option<OneOrMany> = r.get(
            "embed_origins",
            "a list of origins such as [\"https://club.example.org\"]",
        );
        let origins = match origins {
            Some(OneOrMany::One(s)) => s.split([',', ' ']).map(str::to_owned).collect(),
            Some(OneOrMany::Many(v)) => v,
            None => Vec::new(),
        };
        let mut embed_origins = Vec::new();
        for origin in origins.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
            match url::Url::parse(origin) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.path() == "/" => {
                    embed_origins.push(u.origin().ascii_serialization());
                }
                _ => r.problem(
                    "embed_origins",
                    format_args!("`{origin}` is not an origin such as https://club.example.org"),
                ),
            }
        }

        let log_format = r.text("log_format").unwrap_or_else(|| "text".into());
        let log_json = match log_format.as_str() {
            "text" => false,
            "json" => true,
            _ => {
                r.problem("log_format", "expected `text` or `json`");
                false
            }
        };
        let trusted_ip_header = r.text("trusted_ip_header");
        if let Some(h) = &trusted_ip_header
            && !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            r.problem(
                "trusted_ip_header",
                "expected a header name such as X-Real-IP",
            );
        }
        let rate_limit = RateLimit {
            window_secs: r
                .get(
                    "rate_limit_window_secs",
                    "a whole number of seconds from 1 to 86400",
                )
                .unwrap_or(600),
            per_ip: r
                .get(
                    "rate_limit_per_ip",
                    "a whole number of requests (0 switches it off)",
                )
                .unwrap_or(60),
            per_email: r
                .get(
                    "rate_limit_per_email",
                    "a whole number of requests (0 switches it off)",
                )
                .unwrap_or(10),
        };
        if !(1..=86_400).contains(&rate_limit.window_secs) {
            r.problem(
                "rate_limit_window_secs",
                "expected a whole number of seconds from 1 to 86400",
            );
        }

        let admin_token = r.text("admin_token");
        if let Some(token) = &admin_token
            && token.len() < 16
        {
            r.problem("admin_token", "at least 16 characters are needed");
        }

        if !r.problems.is_empty() {
            return Err(ConfigErrors(r.problems));
        }
        Ok(Config {
            database_url,
            sqlite_max_bytes,
            base_url,
            secret_keys,
            using_dev_key,
            smtp,
            mail_capture,
            development,
            mail_from,
            mail_max_attempts,
            link_ttl: Duration::from_secs(u64::from(link_ttl_days) * 86_400),
            request_ttl: chrono::Duration::hours(i64::from(request_ttl_hours)),
            reminder_time,
            default_timezone,
            default_locale,
            jobs_interval_secs,
            embed_origins,
            admin_token,
            log_json,
            trusted_ip_header,
            rate_limit,
        })
    }

    /// Rocket's own secret (private cookies), derived from the signing key so that
    /// `SECRET_KEY` alone is enough.
    pub fn rocket_secret(&self) -> Vec<u8> {
        let mut h = Sha512::new();
        h.update(b"covoit/rocket-secret-key/v1\0");
        if let Some(key) = self.secret_keys.first() {
            h.update(key);
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

/// `800KB`, `512MB`, `2GB` (or `MiB`…, or a number of bytes): bytes, at least 64 KiB.
fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_uppercase().replace(' ', "");
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(factor).filter(|b| *b >= 64 << 10)
}

fn mailbox_is_valid(value: &str) -> bool {
    if value.contains(['\r', '\n']) {
        return false;
    }
    let addr = match (value.find('<'), value.rfind('>')) {
        (Some(start), Some(end)) if start < end && end == value.len() - 1 => &value[start + 1..end],
        (None, None) => value,
        _ => return false,
    };
    Email::parse_with_local_domains(addr).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Figment {
        Figment::from(rocket::Config::debug_default())
    }

    #[test]
    fn defaults_are_valid_in_a_debug_build() {
        let config = Config::from_figment(&base(), false).unwrap();
        assert!(config.using_dev_key);
        assert!(config.captures_mail());
        assert_eq!(config.request_ttl, chrono::Duration::hours(24));
        assert_eq!(config.default_locale, Lang::Fr);
    }

    #[test]
    fn capturing_email_is_never_the_silent_default_outside_development() {
        let keyed = || base().merge(("secret_keys", "k".repeat(40)));
        let err = Config::from_figment(&keyed(), true)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`mail_mode`") && err.contains("SMTP_HOST"),
            "{err}"
        );
        let release_profile = keyed().select("release");
        let err = Config::from_figment(&release_profile, false).unwrap_err();
        assert!(err.to_string().contains("`mail_mode`"), "{err}");
        let chosen = keyed().merge(("mail_mode", "capture"));
        assert!(Config::from_figment(&chosen, true).unwrap().captures_mail());
        let smtp = keyed().merge(("smtp_host", "smtp.example.org"));
        assert!(!Config::from_figment(&smtp, true).unwrap().captures_mail());
        let wrong = keyed().merge(("mail_mode", "smtp"));
        let err = Config::from_figment(&wrong, true).unwrap_err().to_string();
        assert!(err.contains("`smtp_host`"), "{err}");
    }

    #[test]
    fn release_build_without_a_key_is_refused() {
        let err = Config::from_figment(&base(), true).unwrap_err();
        assert!(err.to_string().contains("secret_keys"), "{err}");
    }

    #[test]
    fn every_bad_key_is_named() {
        let figment = base()
            .merge(("base_url", "not a url"))
            .merge(("default_timezone", "Mars/Olympus"))
            .merge(("smtp_tls", "maybe"))
            .merge(("smtp_host", "smtp.example.org"))
            .merge(("link_ttl_days", "seven"))
            .merge(("reminder_time", "25:99"))
            .merge(("smtp_connections", 0));
        let err = Config::from_figment(&figment, false)
            .unwrap_err()
            .to_string();
        for key in [
            "base_url",
            "default_timezone",
            "smtp_tls",
            "link_ttl_days",
            "reminder_time",
            "smtp_connections",
        ] {
            assert!(err.contains(&format!("`{key}`")), "{key} missing in {err}");
        }
    }

    #[test]
    fn sizes_have_units() {
        assert_eq!(parse_size("800KB"), Some(800 << 10));
        assert_eq!(parse_size("512 MiB"), Some(512 << 20));
        assert_eq!(parse_size("2gb"), Some(2 << 30));
        assert_eq!(parse_size("65536"), Some(65536));
        for bad in ["", "12", "MB", "1TB", "-5MB", "99999999999999999999GB"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn presets_fill_host_port_and_tls() {
        let figment = base()
            .merge(("smtp_preset", "ovh"))
            .merge(("smtp_user", "a@b.fr"))
            .merge(("smtp_password", "x"));
        let smtp = Config::from_figment(&figment, false).unwrap().smtp.unwrap();
        assert_eq!(
            (smtp.host.as_str(), smtp.port, smtp.tls),
            ("ssl0.ovh.net", 465, SmtpTls::Tls)
        );
    }

    #[test]
    fn short_keys_are_refused_and_lists_are_accepted() {
        let short = base().merge(("secret_keys", "tooshort"));
        assert!(Config::from_figment(&short, true).is_err());
        let two = base().merge(("secret_keys", vec!["a".repeat(32), "b".repeat(40)]));
        let config = Config::from_figment(&two, true).unwrap();
        assert_eq!(config.secret_keys.len(), 2);
        assert_eq!(config.rocket_secret().len(), 64);
    }
}
