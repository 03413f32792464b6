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
    let two = base()
        .merge(("secret_keys", vec!["a".repeat(32), "b".repeat(40)]))
        .merge(("mail_mode", "capture"));
    let config = Config::from_figment(&two, true).unwrap();
    assert_eq!(config.secret_keys.len(), 2);
    assert_eq!(config.rocket_secret().len(), 64);
}
