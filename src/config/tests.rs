//! The configuration's rules, from figments built in the test.

use super::reader::parse_size;
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
    let smtp = keyed()
        .merge(("smtp_host", "smtp.example.org"))
        .merge(("base_url", "https://covoit.example.org"))
        .merge(("mail_from", "covoit <noreply@example.org>"));
    assert!(!Config::from_figment(&smtp, true).unwrap().captures_mail());
    let wrong = keyed().merge(("mail_mode", "smtp"));
    let err = Config::from_figment(&wrong, true).unwrap_err().to_string();
    assert!(err.contains("`smtp_host`"), "{err}");
}

#[test]
fn a_release_build_sending_email_needs_its_own_address_and_sender() {
    let keyed = || base().merge(("secret_keys", "k".repeat(40)));
    let smtp = keyed().merge(("smtp_host", "smtp.example.org"));
    let err = Config::from_figment(&smtp, true).unwrap_err().to_string();
    assert!(
        err.contains("`base_url`") && err.contains("BASE_URL"),
        "{err}"
    );
    assert!(
        err.contains("`mail_from`") && err.contains("FROM_EMAIL"),
        "{err}"
    );
    // Either one alone is still named.
    let half = smtp
        .clone()
        .merge(("base_url", "https://covoit.example.org"));
    let err = Config::from_figment(&half, true).unwrap_err().to_string();
    assert!(
        !err.contains("`base_url`") && err.contains("`mail_from`"),
        "{err}"
    );
    // A debug build (a developer's machine) and capture mode keep the defaults.
    assert!(Config::from_figment(&smtp, false).is_ok());
    let captured = smtp.merge(("mail_mode", "capture"));
    assert!(Config::from_figment(&captured, true).is_ok());
}

#[test]
fn the_smtp_greeting_names_the_site_not_the_machine() {
    use crate::mail::transport::helo_name;
    use lettre::transport::smtp::extension::ClientId;
    let config = |f: Figment| Config::from_figment(&f, false).unwrap();
    let smtp = base()
        .merge(("smtp_host", "smtp.example.org"))
        .merge(("base_url", "https://covoit.example.org/"));
    let c = config(smtp.clone());
    assert_eq!(
        helo_name(c.smtp.as_ref().unwrap(), &c.base_url),
        ClientId::Domain("covoit.example.org".into())
    );
    let c = config(smtp.clone().merge(("smtp_helo_name", "mx1.example.net")));
    assert_eq!(
        helo_name(c.smtp.as_ref().unwrap(), &c.base_url),
        ClientId::Domain("mx1.example.net".into())
    );
    let c = config(smtp.clone().merge(("base_url", "http://127.0.0.1:8000")));
    assert_eq!(
        helo_name(c.smtp.as_ref().unwrap(), &c.base_url),
        ClientId::Ipv4(std::net::Ipv4Addr::LOCALHOST)
    );
    let err = Config::from_figment(&smtp.merge(("smtp_helo_name", "vm")), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`smtp_helo_name`"), "{err}");
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
    let two = base()
        .merge(("secret_keys", vec!["a".repeat(32), "b".repeat(40)]))
        .merge(("mail_mode", "capture"));
    let config = Config::from_figment(&two, true).unwrap();
    assert_eq!(config.secret_keys.len(), 2);
    assert_eq!(config.rocket_secret().len(), 64);
}

#[test]
fn dkim_settings_are_checked_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("key.pem");
    std::fs::write(&garbage, "not a key").unwrap();
    let with = |f: Figment| Config::from_figment(&f, false);
    let base = || base().merge(("mail_from", "Club <covoit@club.example>"));
    let err = with(
        base()
            .merge(("dkim_key_file", "/nonexistent/key.pem"))
            .merge(("dkim_selector", "s1")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("`dkim_key_file`") && err.contains("cannot read"),
        "{err}"
    );
    let err = with(
        base()
            .merge(("dkim_key_file", garbage.display().to_string()))
            .merge(("dkim_selector", "s1")),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("`dkim_key_file`") && err.contains("PEM"),
        "{err}"
    );
    // A raw Ed25519 key in base64: the selector is still needed; the domain is mail_from's.
    let raw = dir.path().join("ed.key");
    std::fs::write(&raw, "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=").unwrap();
    let keyed = base().merge(("dkim_key_file", raw.display().to_string()));
    let err = with(keyed.clone()).unwrap_err().to_string();
    assert!(err.contains("`dkim_selector`"), "{err}");
    let config = with(keyed.merge(("dkim_selector", "s1"))).unwrap();
    let dkim = config.dkim.unwrap();
    assert_eq!(
        (dkim.selector.as_str(), dkim.domain.as_str()),
        ("s1", "club.example")
    );
    assert!(
        !format!("{dkim:?}").contains("nWGx"),
        "the key stays out of logs"
    );
    let err = with(base().merge(("dkim_selector", "s1")))
        .unwrap_err()
        .to_string();
    assert!(err.contains("`dkim_key_file`"), "{err}");
}

#[test]
fn bounce_settings_are_checked_as_a_whole() {
    let err = |f: Figment| Config::from_figment(&f, false).unwrap_err().to_string();
    // A mailbox read, but emails that do not name it.
    let e = err(base()
        .merge(("imap_host", "imap.example.org"))
        .merge(("imap_user", "u"))
        .merge(("imap_password", "p")));
    assert!(e.contains("`bounce_address`"), "{e}");
    // A host without credentials, credentials without a host, a bad TLS mode.
    let e = err(base()
        .merge(("bounce_address", "bounces@example.org"))
        .merge(("imap_host", "imap.example.org")));
    assert!(e.contains("`imap_user`"), "{e}");
    let e = err(base().merge(("imap_user", "u")));
    assert!(e.contains("`imap_host`"), "{e}");
    let e = err(base()
        .merge(("bounce_address", "bounces@example.org"))
        .merge(("imap_tls", "maybe")));
    assert!(e.contains("`imap_tls`"), "{e}");
    let e = err(base().merge(("bounce_address", "not an address")));
    assert!(e.contains("`bounce_address`"), "{e}");
    let e = err(base().merge(("bounce_suppress_days", 0)));
    assert!(e.contains("`bounce_suppress_days`"), "{e}");

    let ok = Config::from_figment(
        &base()
            .merge(("bounce_address", "bounces@example.org"))
            .merge(("imap_host", "imap.example.org"))
            .merge(("imap_user", "bounces"))
            .merge(("imap_password", "secret")),
        false,
    )
    .unwrap();
    let b = ok.bounces.unwrap();
    let imap = b.imap.unwrap();
    assert_eq!(
        (imap.port, imap.tls, imap.folder.as_str()),
        (993, SmtpTls::Tls, "INBOX")
    );
    assert_eq!(ok.bounce_suppress_days, 30);
    assert!(
        !format!("{imap:?}").contains("secret"),
        "the password stays out of logs"
    );
    let starttls = Config::from_figment(
        &base()
            .merge(("bounce_address", "bounces@example.org"))
            .merge(("imap_host", "imap.example.org"))
            .merge(("imap_port", 143))
            .merge(("imap_user", "bounces"))
            .merge(("imap_password", "secret")),
        false,
    )
    .unwrap();
    assert_eq!(
        starttls.bounces.unwrap().imap.unwrap().tls,
        SmtpTls::StartTls
    );
}

#[test]
fn router_and_contribution_are_off_by_default_and_checked_when_set() {
    let config = Config::from_figment(&base(), false).unwrap();
    assert_eq!(config.router, None);
    assert_eq!(config.contribution, None);
    let set = base()
        .merge(("router_url", "https://router.example.org/"))
        .merge(("router_timeout_ms", 1500))
        .merge(("contribution_per_km", 0.08))
        .merge(("contribution_currency", "CHF"));
    let config = Config::from_figment(&set, false).unwrap();
    let router = config.router.unwrap();
    assert_eq!(router.url, "https://router.example.org");
    assert_eq!(router.timeout, Duration::from_millis(1500));
    let rate = config.contribution.unwrap();
    assert_eq!((rate.per_km, rate.currency.as_str()), (0.08, "CHF"));
    let bad = base()
        .merge(("router_url", "ftp://router"))
        .merge(("router_timeout_ms", 5))
        .merge(("contribution_per_km", -1))
        .merge(("contribution_currency", "euro"));
    let err = Config::from_figment(&bad, false).unwrap_err().to_string();
    for key in [
        "`router_url`",
        "`router_timeout_ms`",
        "`contribution_per_km`",
        "`contribution_currency`",
    ] {
        assert!(err.contains(key), "{key}: {err}");
    }
}

#[test]
fn keys_passwords_and_tokens_never_print() {
    let key = "signing-key-kept-secret-0123456789";
    let figment = base()
        .merge(("secret_keys", key))
        .merge(("smtp_host", "smtp.example.org"))
        .merge(("smtp_user", "covoit"))
        .merge(("smtp_password", "smtp-pass-kept-secret"))
        .merge(("admin_token", "admin-token-kept-secret"))
        .merge(("bounce_address", "bounces@example.org"))
        .merge(("imap_host", "imap.example.org"))
        .merge(("imap_user", "bounces"))
        .merge(("imap_password", "imap-pass-kept-secret"));
    let config = Config::from_figment(&figment, false).unwrap();
    let printed = format!("{config:?} {:?} {:?}", config.smtp, config.bounces);
    assert!(printed.contains("smtp.example.org"), "{printed}");
    for secret in [
        key,
        "smtp-pass-kept-secret",
        "admin-token-kept-secret",
        "imap-pass-kept-secret",
    ] {
        assert!(!printed.contains(secret), "{secret} printed: {printed}");
    }
    // They are still there for the code that needs them.
    assert_eq!(
        config
            .smtp
            .as_ref()
            .and_then(|s| s.password.as_ref())
            .map(|p| p.expose_secret()),
        Some("smtp-pass-kept-secret")
    );
}

#[test]
fn geocoder_settings_are_checked_at_start() {
    let none = Config::from_figment(&base(), false).unwrap();
    assert!(none.geocoder.is_none(), "the gazetteer alone by default");

    let ban = base().merge(("geocoder", "ban"));
    let g = Config::from_figment(&ban, false).unwrap().geocoder.unwrap();
    assert_eq!(g.kind, GeocoderKind::Ban);
    assert_eq!(g.url, "https://data.geopf.fr/geocodage");
    assert_eq!(g.timeout, Duration::from_millis(2000));
    assert_eq!(g.cache_days, 30);

    let own = base()
        .merge(("geocoder", "Photon"))
        .merge(("geocoder_url", "http://127.0.0.1:2322/"))
        .merge(("geocoder_rate_per_sec", 50))
        .merge(("geocoder_timeout_ms", 500));
    let g = Config::from_figment(&own, false).unwrap().geocoder.unwrap();
    assert_eq!(
        (g.kind, g.url.as_str(), g.rate_per_sec),
        (GeocoderKind::Photon, "http://127.0.0.1:2322", 50)
    );

    let wrong = base()
        .merge(("geocoder", "google"))
        .merge(("geocoder_timeout_ms", 5))
        .merge(("geocoder_cache_days", 0));
    let err = Config::from_figment(&wrong, false).unwrap_err().to_string();
    for key in [
        "`geocoder`",
        "`geocoder_timeout_ms`",
        "`geocoder_cache_days`",
    ] {
        assert!(err.contains(key), "{key}: {err}");
    }
    let bad_url = base()
        .merge(("geocoder", "ban"))
        .merge(("geocoder_url", "data.geopf.fr"))
        .merge(("geocoder_rate_per_sec", 0));
    let err = Config::from_figment(&bad_url, false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`geocoder_url`"), "{err}");
    assert!(err.contains("`geocoder_rate_per_sec`"), "{err}");

    // The public Nominatim asks who runs the application.
    let anonymous = base().merge(("geocoder", "nominatim"));
    let err = Config::from_figment(&anonymous, false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`geocoder_contact`"), "{err}");
    let signed = anonymous.merge(("geocoder_contact", "ops@example.org"));
    assert!(Config::from_figment(&signed, false).is_ok());
}

#[test]
fn tile_settings_are_checked_at_start() {
    let none = Config::from_figment(&base(), false).unwrap();
    assert!(none.tile_map.is_none(), "no third-party tiles by default");
    let tiles = || base().merge(("map_tile_url", "https://tile.example.org/{z}/{x}/{y}.png"));
    let err = Config::from_figment(&tiles(), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("`map_tile_attribution`"), "{err}");
    let missing = tiles()
        .merge(("map_tile_attribution", "© OpenStreetMap contributors"))
        .merge(("map_assets_dir", "/nonexistent/leaflet"));
    let err = Config::from_figment(&missing, false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`map_assets_dir`") && err.contains("scripts/install_map.sh"),
        "{err}"
    );
    let bad = base().merge(("map_tile_url", "https://tile.example.org/map.png"));
    let err = Config::from_figment(&bad, false).unwrap_err().to_string();
    assert!(err.contains("`map_tile_url`"), "{err}");
}

#[test]
fn retention_days_is_bounded_and_defaults_to_30() {
    let ok = Config::from_figment(&base(), false).unwrap();
    assert_eq!(ok.retention_days, 30);
    assert_eq!(ok.privacy_contact, None);
    for bad in [0, 5000] {
        let e = Config::from_figment(&base().merge(("retention_days", bad)), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`retention_days`"), "{e}");
    }
    let ok = Config::from_figment(
        &base()
            .merge(("retention_days", 90))
            .merge(("privacy_contact", "dpo@club.example")),
        false,
    )
    .unwrap();
    assert_eq!(ok.retention_days, 90);
    assert_eq!(ok.privacy_contact.as_deref(), Some("dpo@club.example"));
    assert_eq!(crate::urls::Urls::from_config(&ok).retention_days(), 90);
}
