//! SMTP settings: host, port, TLS mode, credentials, timeouts, connections, an extra CA, and
//! the providers' presets that fill host, port and TLS from one name.
use super::Reader;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    StartTls,
    Tls,
    None,
}

#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: Option<String>,
    pub password: Option<secrecy::SecretString>,
    /// Connect and command timeout.
    pub timeout_secs: u64,
    /// An extra root certificate (PEM) to trust, for a relay with a private CA.
    pub ca_pem: Option<Vec<u8>>,
    /// SMTP connections kept open and used at once (also the emails in flight).
    pub connections: u32,
    /// The name given in the SMTP greeting (EHLO); `None`: the host of `base_url`.
    pub helo_name: Option<String>,
}

struct Preset {
    name: &'static str,
    host: &'static str,
    port: u16,
    tls: SmtpTls,
}

/// Providers' submission servers, so that a user only gives an address and an app password.
const PRESETS: &[Preset] = &[
    preset("gmail", "smtp.gmail.com", 587, SmtpTls::StartTls),
    preset("outlook", "smtp.office365.com", 587, SmtpTls::StartTls),
    preset("ovh", "ssl0.ovh.net", 465, SmtpTls::Tls),
    preset("orange", "smtp.orange.fr", 465, SmtpTls::Tls),
    preset("yahoo", "smtp.mail.yahoo.com", 465, SmtpTls::Tls),
    preset("ionos", "smtp.ionos.fr", 587, SmtpTls::StartTls),
    preset("sendgrid", "smtp.sendgrid.net", 587, SmtpTls::StartTls),
    preset("mailgun", "smtp.mailgun.org", 587, SmtpTls::StartTls),
    preset("yandex", "smtp.yandex.com", 465, SmtpTls::Tls),
];

const fn preset(name: &'static str, host: &'static str, port: u16, tls: SmtpTls) -> Preset {
    Preset {
        name,
        host,
        port,
        tls,
    }
}

pub(super) fn parse_tls(value: &str) -> Option<SmtpTls> {
    match value.to_ascii_lowercase().as_str() {
        "starttls" => Some(SmtpTls::StartTls),
        "tls" | "ssl" | "implicit" => Some(SmtpTls::Tls),
        "none" | "plain" | "off" => Some(SmtpTls::None),
        _ => None,
    }
}

pub(super) fn read_smtp(r: &mut Reader<'_>) -> Option<Smtp> {
    let preset_name = r.text("smtp_preset");
    let preset = preset_name.as_deref().and_then(|name| {
        let found = PRESETS.iter().find(|p| p.name.eq_ignore_ascii_case(name));
        if found.is_none() {
            let names: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
            r.problem(
                "smtp_preset",
                format_args!("expected one of {}", names.join(", ")),
            );
        }
        found
    });
    let host = r.text("smtp_host").or(preset.map(|p| p.host.to_owned()));
    let port: Option<u16> = r.get("smtp_port", "a port number from 1 to 65535");
    let tls_text = r.text("smtp_tls");
    let tls = tls_text.as_deref().and_then(|t| {
        let parsed = parse_tls(t);
        if parsed.is_none() {
            r.problem("smtp_tls", "expected `starttls`, `tls` or `none`");
        }
        parsed
    });
    let user = r.text("smtp_user");
    let password = r.text("smtp_password");
    let timeout_secs: u64 = r
        .get(
            "smtp_timeout_secs",
            "a whole number of seconds from 1 to 300",
        )
        .unwrap_or(15);
    if !(1..=300).contains(&timeout_secs) {
        r.problem(
            "smtp_timeout_secs",
            "expected a whole number of seconds from 1 to 300",
        );
    }
    let connections: u32 = r
        .get(
            "smtp_connections",
            "a whole number of connections from 1 to 64",
        )
        .unwrap_or(8);
    if !(1..=64).contains(&connections) {
        r.problem(
            "smtp_connections",
            "expected a whole number of connections from 1 to 64",
        );
    }
    let ca_pem = read_pem(r, "smtp_ca_file");

    let helo_name = r.text("smtp_helo_name").map(|name| name.trim().to_owned());
    if let Some(name) = &helo_name
        && !is_host_name(name)
    {
        r.problem(
            "smtp_helo_name",
            "expected a fully qualified host name such as mail.example.org",
        );
    }

    let Some(host) = host else {
        if user.is_some() || port.is_some() {
            r.problem(
                "smtp_host",
                "SMTP settings are given but no host: set SMTP_HOST or SMTP_PRESET",
            );
        }
        return None;
    };
    if user.is_some() != password.is_some() {
        r.problem(
            if user.is_some() {
                "smtp_password"
            } else {
                "smtp_user"
            },
            "SMTP AUTH needs both smtp_user and smtp_password",
        );
    }
    let port = port
        .or(preset.map(|p| p.port))
        .unwrap_or(if tls == Some(SmtpTls::Tls) { 465 } else { 587 });
    if port == 0 {
        r.problem("smtp_port", "expected a port number from 1 to 65535");
    }
    let tls = tls.or(preset.map(|p| p.tls)).unwrap_or(if port == 465 {
        SmtpTls::Tls
    } else {
        SmtpTls::StartTls
    });
    Some(Smtp {
        host,
        port,
        tls,
        user,
        password: password.map(Into::into),
        timeout_secs,
        ca_pem,
        connections,
        helo_name,
    })
}

/// A PEM certificate file named by `key` (an extra CA to trust), read at start-up.
pub(super) fn read_pem(r: &mut Reader<'_>, key: &str) -> Option<Vec<u8>> {
    let path = r.text(key)?;
    match std::fs::read(&path) {
        Ok(pem) if pem.starts_with(b"-----BEGIN") => Some(pem),
        Ok(_) => {
            r.problem(key, format_args!("{path} is not a PEM certificate"));
            None
        }
        Err(e) => {
            r.problem(key, format_args!("cannot read {path}: {e}"));
            None
        }
    }
}

/// A fully qualified domain name: dot-separated labels of letters, digits and hyphens.
pub fn is_host_name(name: &str) -> bool {
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
