//! The configuration's keys, read and checked in four groups: storage and keys, mail, times,
//! and what the web layer needs.
use std::time::Duration;

use chrono::NaiveTime;
use chrono_tz::Tz;

use super::reader::{OneOrMany, Reader, mailbox_is_valid, parse_size};
use super::smtp::read_smtp;
use super::{RateLimit, Smtp};
use crate::domain::Lang;

/// Only for debug builds on the debug profile; never signs anything in a release build.
const DEV_SECRET_KEY: &str = "covoit-development-key-do-not-use-in-production";

pub(super) struct Storage {
    pub database_url: String,
    pub sqlite_max_bytes: Option<u64>,
    pub base_url: String,
    /// Given by the operator (not the development default).
    pub base_url_set: bool,
    pub secret_keys: Vec<crate::domain::SigningKey>,
    pub using_dev_key: bool,
}

pub(super) fn storage(r: &mut Reader<'_>, development: bool) -> Storage {
    let database_url = r
        .text("database_url")
        .unwrap_or_else(|| "sqlite://covoit.db?mode=rwc".into());
    if !(database_url.starts_with("sqlite:")
        || database_url.starts_with("postgres://")
        || database_url.starts_with("postgresql://")
        || database_url.starts_with("mysql://")
        || database_url.starts_with("mariadb://"))
    {
        r.problem(
            "database_url",
            "expected a `sqlite://FILE?mode=rwc`, `postgres://USER@HOST/DB` or \
             `mysql://USER@HOST/DB` URL",
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
    let base_url_set = r.text("base_url").is_some();
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
    let (secret_keys, using_dev_key) = keys(r, development);
    Storage {
        database_url,
        sqlite_max_bytes,
        base_url,
        base_url_set,
        secret_keys,
        using_dev_key,
    }
}

/// The signing keys (the first signs, all verify); the development key only in development.
fn keys(r: &mut Reader<'_>, development: bool) -> (Vec<crate::domain::SigningKey>, bool) {
    let keys: Vec<String> = match r.get("secret_keys", "a string or a list of strings") {
        Some(OneOrMany::One(k)) => vec![k],
        Some(OneOrMany::Many(ks)) => ks,
        None => Vec::new(),
    };
    let keys: Vec<String> = keys
        .into_iter()
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .collect();
    if keys.is_empty() {
        if development {
            return (vec![DEV_SECRET_KEY.as_bytes().to_vec().into()], true);
        }
        r.problem(
            "secret_keys",
            "required outside a debug build: set SECRET_KEY to a random string of at \
             least 32 characters (e.g. `openssl rand -base64 48`)",
        );
        return (Vec::new(), false);
    }
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
    (
        keys.into_iter().map(|k| k.into_bytes().into()).collect(),
        false,
    )
}

pub(super) struct Mail {
    pub smtp: Option<Smtp>,
    pub capture: bool,
    pub from: String,
    /// Given by the operator (not the development default).
    pub from_set: bool,
    pub max_attempts: i32,
    pub lease_secs: u32,
    pub ack_per_hour: u32,
    pub alerts_per_day: u32,
    pub bounces: Option<super::Bounces>,
    pub bounce_suppress_days: u32,
}

pub(super) fn mail(r: &mut Reader<'_>, development: bool) -> Mail {
    let smtp = read_smtp(r);
    let capture = match r.text("mail_mode").as_deref() {
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
    let from_set = r.text("mail_from").is_some();
    let from = r
        .text("mail_from")
        .unwrap_or_else(|| "covoit <noreply@localhost>".into());
    if !mailbox_is_valid(&from) {
        r.problem(
            "mail_from",
            "expected an address such as `covoit <noreply@example.org>` or `noreply@example.org`",
        );
    }
    Mail {
        smtp,
        capture,
        from,
        from_set,
        max_attempts: r.bounded("mail_max_attempts", 1..=50, 8, "tries"),
        lease_secs: r.bounded("mail_lease_secs", 1..=3600, 120, "seconds"),
        ack_per_hour: r.bounded("ack_emails_per_hour", 0..=10_000, 10, "emails (0: no cap)"),
        alerts_per_day: r.bounded("alerts_per_day", 0..=100, 3, "emails (0: no alerts)"),
        bounces: super::bounces::read(r),
        bounce_suppress_days: r.bounded("bounce_suppress_days", 1..=3650, 30, "days"),
    }
}

pub(super) struct Schedule {
    pub link_ttl: Duration,
    pub request_ttl: chrono::Duration,
    pub reminder_time: NaiveTime,
    pub default_timezone: Tz,
    pub default_locale: Lang,
    pub jobs_interval_secs: u64,
    pub still_going: Option<chrono::Duration>,
    pub retention_days: u32,
    pub privacy_contact: Option<String>,
}

pub(super) fn schedule(r: &mut Reader<'_>) -> Schedule {
    let link_ttl_days: u32 = r.bounded("link_ttl_days", 1..=365, 7, "days");
    let request_ttl_hours: u32 = r.bounded("request_ttl_hours", 1..=336, 24, "hours");
    let reminder_time = r.text("reminder_time").unwrap_or_else(|| "10:00".into());
    let reminder_time = NaiveTime::parse_from_str(&reminder_time, "%H:%M").unwrap_or_else(|_| {
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
        r.problem("default_locale", "expected one of fr, en, de, nl, it, es");
        Lang::Fr
    });
    let jobs_interval_secs: u64 = r
        .get(
            "jobs_interval_secs",
            "a whole number of seconds (0 disables)",
        )
        .unwrap_or(60);
    let still_going_hours: u32 = r.bounded("still_going_hours", 0..=336, 48, "hours (0: off)");
    let retention_days: u32 = r.bounded("retention_days", 1..=3650, 30, "days");
    let privacy_contact = r.text("privacy_contact");
    Schedule {
        retention_days,
        privacy_contact,
        still_going: (still_going_hours > 0)
            .then(|| chrono::Duration::hours(i64::from(still_going_hours))),
        link_ttl: Duration::from_secs(u64::from(link_ttl_days) * 86_400),
        request_ttl: chrono::Duration::hours(i64::from(request_ttl_hours)),
        reminder_time,
        default_timezone,
        default_locale,
        jobs_interval_secs,
    }
}

pub(super) struct Web {
    pub embed_origins: Vec<String>,
    pub admin_token: Option<secrecy::SecretString>,
    pub trusted_ip_header: Option<String>,
    pub rate_limit: RateLimit,
    pub places_per_minute: u32,
    pub api_docs_dir: std::path::PathBuf,
    pub page_cache: bool,
}

pub(super) fn web(r: &mut Reader<'_>) -> Web {
    let origins = match r.get(
        "embed_origins",
        "a list of origins such as [\"https://club.example.org\"]",
    ) {
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
    // Read by the logger before anything else starts; checked here with the rest.
    let log_format = r.text("log_format").unwrap_or_else(|| "text".into());
    if !matches!(log_format.as_str(), "text" | "json") {
        r.problem("log_format", "expected `text` or `json`");
    }
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
        window_secs: r.bounded("rate_limit_window_secs", 1..=86_400, 600, "seconds"),
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
    let places_per_minute = r
        .get(
            "places_per_minute",
            "a whole number of requests (0 switches it off)",
        )
        .unwrap_or(300);
    let admin_token = r.text("admin_token");
    if let Some(token) = &admin_token
        && token.len() < 16
    {
        r.problem("admin_token", "at least 16 characters are needed");
    }
    Web {
        embed_origins,
        admin_token: admin_token.map(Into::into),
        trusted_ip_header,
        rate_limit,
        places_per_minute,
        page_cache: r.switch("page_cache", true),
        api_docs_dir: r
            .text("api_docs_dir")
            .unwrap_or_else(|| "vendor/swagger-ui".into())
            .into(),
    }
}
