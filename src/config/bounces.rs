//! Bounce settings: the address bounces come back to (`bounce_address`; each email leaves with
//! a signed `+tag` form of it as its envelope sender), the IMAP mailbox they are read from
//! (`imap_host`, `imap_port`, `imap_tls`, `imap_user`, `imap_password`, `imap_folder`,
//! `imap_ca_file`), and how long a hard-bounced address is left alone (`bounce_suppress_days`,
//! read in `read.rs` with the other mail settings).
use super::Reader;
use super::smtp::{SmtpTls, parse_tls, read_pem};

#[derive(Clone, Debug)]
pub struct Imap {
    pub host: String,
    pub port: u16,
    /// `tls` (implicit, port 993), `starttls` or `none` (a mailbox on the same machine).
    pub tls: SmtpTls,
    pub user: String,
    pub password: secrecy::SecretString,
    pub folder: String,
    /// An extra root certificate (PEM) to trust, for a server with a private CA.
    pub ca_pem: Option<Vec<u8>>,
    /// Connect and command timeout.
    pub timeout_secs: u64,
}

#[derive(Debug, Clone)]
pub struct Bounces {
    /// A plain address of the site's domain whose mailbox receives bounces.
    pub address: String,
    /// Where they are read from; `None`: the mailbox is not read (only refusals at send time
    /// count).
    pub imap: Option<Imap>,
}

pub(super) fn read(r: &mut Reader<'_>) -> Option<Bounces> {
    let address = r.text("bounce_address");
    let host = r.text("imap_host");
    let user = r.text("imap_user");
    let password = r.text("imap_password");
    let tls_text = r.text("imap_tls");
    let tls = match tls_text.as_deref().map(parse_tls) {
        Some(None) => {
            r.problem("imap_tls", "expected tls, starttls or none");
            None
        }
        Some(t) => t,
        None => None,
    };
    let port: Option<u16> = r.get("imap_port", "a port number from 1 to 65535");
    let folder = r.text("imap_folder").unwrap_or_else(|| "INBOX".into());
    let ca_pem = read_pem(r, "imap_ca_file");
    let timeout_secs = r.bounded("imap_timeout_secs", 1..=300, 30, "seconds");
    if let Some(a) = &address
        && crate::domain::verp::Verp::new(a, vec![b"check".to_vec().into()]).is_none()
    {
        r.problem(
            "bounce_address",
            "expected a plain address of your domain whose mailbox receives bounces, such as \
             bounces@example.org (covoit sends from bounces+<tag>@example.org)",
        );
        return None;
    }
    let imap = match host {
        None => {
            if user.is_some() || password.is_some() || port.is_some() {
                r.problem(
                    "imap_host",
                    "IMAP settings are given but no host: set imap_host",
                );
            }
            None
        }
        Some(host) => {
            let (Some(user), Some(password)) = (user, password) else {
                r.problem(
                    "imap_user",
                    "reading the bounce mailbox needs imap_user and imap_password",
                );
                return None;
            };
            let tls = tls.unwrap_or(if port == Some(143) {
                SmtpTls::StartTls
            } else {
                SmtpTls::Tls
            });
            let port = port.unwrap_or(if tls == SmtpTls::Tls { 993 } else { 143 });
            if port == 0 {
                r.problem("imap_port", "expected a port number from 1 to 65535");
            }
            Some(Imap {
                host,
                port,
                tls,
                user,
                password: password.into(),
                folder,
                ca_pem,
                timeout_secs,
            })
        }
    };
    match (address, imap) {
        (Some(address), imap) => Some(Bounces { address, imap }),
        (None, Some(_)) => {
            r.problem(
                "bounce_address",
                "a bounce mailbox is read (imap_host) but emails do not name it: set \
                 bounce_address to that mailbox's address",
            );
            None
        }
        (None, None) => None,
    }
}
