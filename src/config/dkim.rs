//! DKIM signing settings: a private key from a file (RSA in PKCS#1 PEM, or Ed25519 as PKCS#8
//! PEM or the raw 32-byte key in base64), the selector, and the signing domain (by default the
//! domain of `mail_from`). The key is checked at start-up.
use base64::Engine;
use lettre::message::dkim::{DkimSigningAlgorithm, DkimSigningKey};
use secrecy::{ExposeSecret, SecretString};

use super::Reader;

#[derive(Clone, Debug)]
pub struct Dkim {
    pub selector: String,
    pub domain: String,
    pub algorithm: DkimSigningAlgorithm,
    /// The key as lettre reads it: PKCS#1 PEM (RSA) or base64 of the 32-byte seed (Ed25519).
    pub key: SecretString,
}

impl Dkim {
    pub fn signing_key(&self) -> Result<DkimSigningKey, String> {
        DkimSigningKey::new(self.key.expose_secret(), self.algorithm).map_err(|e| e.to_string())
    }
}

/// The DER inside a PEM block with this label.
fn pem_body(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = pem[start..].find(&end)? + start;
    let b64: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

/// An Ed25519 private key in PKCS#8 (`openssl genpkey -algorithm ed25519`): its 32-byte seed.
fn ed25519_seed(der: &[u8]) -> Option<[u8; 32]> {
    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
    const PREFIX: [u8; 16] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20,
    ];
    (der.len() == 48 && der[..16] == PREFIX).then(|| der[16..].try_into().ok())?
}

/// Reads the key file: which algorithm, and the key as lettre takes it.
pub fn parse_key(text: &str) -> Result<(DkimSigningAlgorithm, String), String> {
    let text = text.trim();
    if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
        return Ok((DkimSigningAlgorithm::Rsa, text.to_owned()));
    }
    if text.contains("-----BEGIN PRIVATE KEY-----") {
        let der = pem_body(text, "PRIVATE KEY").ok_or("an unreadable PEM block")?;
        return match ed25519_seed(&der) {
            Some(seed) => Ok((
                DkimSigningAlgorithm::Ed25519,
                base64::engine::general_purpose::STANDARD.encode(seed),
            )),
            None => Err(
                "a PKCS#8 key that is not Ed25519: give an RSA key in PKCS#1 PEM \
                 (`openssl genrsa -traditional 2048`) or an Ed25519 key \
                 (`openssl genpkey -algorithm ed25519`)"
                    .into(),
            ),
        };
    }
    match base64::engine::general_purpose::STANDARD.decode(text) {
        Ok(raw) if raw.len() == 32 => Ok((DkimSigningAlgorithm::Ed25519, text.to_owned())),
        _ => Err(
            "expected a PEM private key (RSA PKCS#1 or Ed25519 PKCS#8) or an Ed25519 \
                  key in base64"
                .into(),
        ),
    }
}

pub(super) fn read(r: &mut Reader<'_>, mail_from: &str) -> Option<Dkim> {
    let file = r.text("dkim_key_file");
    let selector = r.text("dkim_selector");
    let domain = r.text("dkim_domain");
    let Some(file) = file else {
        if selector.is_some() || domain.is_some() {
            r.problem(
                "dkim_key_file",
                "DKIM settings are given but no key: set dkim_key_file",
            );
        }
        return None;
    };
    let Some(selector) = selector else {
        r.problem(
            "dkim_selector",
            "a DKIM key needs its selector (the name of its DNS record, `<selector>._domainkey.<domain>`)",
        );
        return None;
    };
    let domain = domain.or_else(|| {
        let address = mail_from.rsplit('<').next().unwrap_or(mail_from);
        address
            .trim_end_matches('>')
            .rsplit_once('@')
            .map(|(_, d)| d.trim().to_owned())
    });
    let Some(domain) = domain.filter(|d| super::smtp::is_host_name(d)) else {
        r.problem(
            "dkim_domain",
            "expected the signing domain, such as example.org (by default, mail_from's)",
        );
        return None;
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            r.problem("dkim_key_file", format_args!("cannot read {file}: {e}"));
            return None;
        }
    };
    let (algorithm, key) = match parse_key(&text) {
        Ok(k) => k,
        Err(e) => {
            r.problem("dkim_key_file", format_args!("{file}: {e}"));
            return None;
        }
    };
    let dkim = Dkim {
        selector,
        domain,
        algorithm,
        key: key.into(),
    };
    if let Err(e) = dkim.signing_key() {
        r.problem("dkim_key_file", format_args!("{file}: {e}"));
        return None;
    }
    Some(dkim)
}
