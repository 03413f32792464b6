//! The SMTP transport (STARTTLS, implicit TLS or plain; AUTH; timeouts; a connection pool),
//! and SMTP errors sorted into transient and permanent, with a hint an operator can act on.
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::config::{Smtp, SmtpTls};
use secrecy::ExposeSecret;

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// The name this server gives in its SMTP greeting: the `smtp_helo_name` setting, else the host
/// of `base_url` (an address literal when that host is an IP address), never the machine's
/// bare name, which receivers score as spam.
pub fn helo_name(smtp: &Smtp, base_url: &str) -> ClientId {
    let host = smtp.helo_name.clone().or_else(|| {
        url::Url::parse(base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
    });
    let Some(host) = host else {
        return ClientId::default();
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ClientId::Ipv4(ip),
        Ok(std::net::IpAddr::V6(ip)) => ClientId::Ipv6(ip),
        Err(_) => ClientId::Domain(host),
    }
}

/// What the dispatcher sends with: its own pool of `TCP_NODELAY` connections
/// (`smtp_pool`), or lettre's pool for implicit TLS, which that pool does not do.
#[derive(Clone)]
pub enum Sender {
    Pool(std::sync::Arc<super::smtp_pool::Pool>),
    Lettre(Transport),
}

impl Sender {
    pub async fn send_raw(
        &self,
        envelope: &lettre::address::Envelope,
        message: &[u8],
    ) -> Result<(), Failure> {
        use lettre::AsyncTransport;
        match self {
            Sender::Pool(pool) => pool.send(envelope, message).await,
            Sender::Lettre(transport) => transport
                .send_raw(envelope, message)
                .await
                .map(|_| ())
                .map_err(|e| classify(&e)),
        }
    }
}

pub fn sender(smtp: &Smtp, base_url: &str) -> Result<Sender, String> {
    let tls = tls(smtp)?;
    if matches!(tls, Tls::Wrapper(_)) {
        return build(smtp, base_url).map(Sender::Lettre);
    }
    let credentials = match (&smtp.user, &smtp.password) {
        (Some(user), Some(password)) => Some(Credentials::new(
            user.clone(),
            password.expose_secret().to_owned(),
        )),
        _ => None,
    };
    Ok(Sender::Pool(std::sync::Arc::new(
        super::smtp_pool::Pool::new(
            smtp.host.clone(),
            smtp.port,
            helo_name(smtp, base_url),
            tls,
            credentials,
            Duration::from_secs(smtp.timeout_secs),
            smtp.connections,
        ),
    )))
}

fn tls(smtp: &Smtp) -> Result<Tls, String> {
    let tls_parameters = || -> Result<TlsParameters, String> {
        let mut params = TlsParameters::builder(smtp.host.clone());
        if let Some(pem) = &smtp.ca_pem {
            let cert = Certificate::from_pem(pem).map_err(|e| format!("smtp_ca_file: {e}"))?;
            params = params.add_root_certificate(cert);
        }
        params.build_rustls().map_err(|e| format!("smtp TLS: {e}"))
    };
    Ok(match smtp.tls {
        SmtpTls::StartTls => Tls::Required(tls_parameters()?),
        SmtpTls::Tls => Tls::Wrapper(tls_parameters()?),
        SmtpTls::None => Tls::None,
    })
}

pub fn build(smtp: &Smtp, base_url: &str) -> Result<Transport, String> {
    let tls = tls(smtp)?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.clone())
        .port(smtp.port)
        .hello_name(helo_name(smtp, base_url))
        .tls(tls)
        .timeout(Some(Duration::from_secs(smtp.timeout_secs)))
        .pool_config(
            PoolConfig::new()
                .max_size(smtp.connections)
                .idle_timeout(Duration::from_secs(60)),
        );
    if let (Some(user), Some(password)) = (&smtp.user, &smtp.password) {
        builder = builder.credentials(Credentials::new(
            user.clone(),
            password.expose_secret().to_owned(),
        ));
    }
    Ok(builder.build())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Worth retrying later: connection problems, timeouts, 4xx answers.
    Transient(String),
    /// Will not succeed as it is: 5xx answers (bad address, refused content, bad credentials).
    Permanent(String),
}

pub fn classify(e: &lettre::transport::smtp::Error) -> Failure {
    let text = describe(e);
    if e.is_permanent() {
        Failure::Permanent(text)
    } else {
        Failure::Transient(text)
    }
}

/// The error with its causes, one line.
pub fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let c = cause.to_string();
        if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
        source = cause.source();
    }
    text.replace(['\r', '\n'], " ")
}

/// What the operator can do about a failed test email.
pub fn hint(e: &lettre::transport::smtp::Error, smtp: &Smtp) -> &'static str {
    let text = describe(e).to_lowercase();
    let code = e.status().map(|c| c.to_string());
    let code = code.as_deref().unwrap_or("");
    if code == "535" || code == "534" {
        if smtp.host.contains("gmail") || smtp.host.contains("google") {
            "Gmail refuses account passwords: create an app password (Google account → Security → App passwords) and use it as SMTP_PASSWORD"
        } else if smtp.host.contains("office365") || smtp.host.contains("outlook") {
            "Microsoft 365 needs SMTP AUTH enabled for the mailbox, and an app password when MFA is on"
        } else {
            "the server refused the credentials: check SMTP_USER and SMTP_PASSWORD (many providers need an app password)"
        }
    } else if code == "530" {
        "the server requires authentication: set SMTP_USER and SMTP_PASSWORD"
    } else if text.contains("connection refused") {
        "nothing answers there: check SMTP_HOST and SMTP_PORT, and SMTP_TLS (587 = starttls, 465 = tls)"
    } else if e.is_timeout() || text.contains("timed out") {
        "no answer in time: check SMTP_HOST/SMTP_PORT and that outgoing SMTP is not blocked by a firewall"
    } else if e.is_tls()
        || text.contains("certificate")
        || text.contains("tls")
        || text.contains("handshake")
    {
        "TLS failed: check SMTP_TLS (587 = starttls, 465 = tls) and the server certificate (smtp_ca_file for a private CA)"
    } else if text.contains("resolve") || text.contains("dns") || text.contains("lookup") {
        "the host name does not resolve: check SMTP_HOST"
    } else if code.starts_with('5') {
        "the server refused the message: check FROM_EMAIL is an address this account may send from"
    } else {
        "check SMTP_HOST, SMTP_PORT, SMTP_TLS and the credentials"
    }
}
