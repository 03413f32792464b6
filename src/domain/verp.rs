//! Per-message return addresses (VERP): each email leaves with the envelope sender
//! `<local>+b<id>-<tag>@<domain>`, built on `bounce_address`, where `id` is the outbox row and
//! `tag` an HMAC of it. A bounce sent back to that address names the email it is about, and
//! nobody can make covoit believe an address bounced without a tag only covoit can compute.
use hmac::{KeyInit, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

type HmacSha256 = hmac::Hmac<Sha256>;

/// Hex characters of the tag: 80 bits.
const TAG_LEN: usize = 20;

#[derive(Clone)]
pub struct Verp {
    local: String,
    domain: String,
    /// The signing key first; every key verifies (keys can be rotated).
    keys: Vec<super::SigningKey>,
}

impl std::fmt::Debug for Verp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Verp({}@{})", self.local, self.domain)
    }
}

impl Verp {
    /// `base` is a plain address (`bounces@example.org`) whose mailbox receives the bounces;
    /// its local part must take a `+` suffix (most servers deliver `a+x@` to `a@`).
    pub fn new(base: &str, keys: Vec<super::SigningKey>) -> Option<Verp> {
        let (local, domain) = base.trim().rsplit_once('@')?;
        let ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        };
        (ok(local) && ok(domain) && domain.contains('.') && !keys.is_empty()).then(|| Verp {
            local: local.to_ascii_lowercase(),
            domain: domain.to_ascii_lowercase(),
            keys,
        })
    }

    fn tag(key: &[u8], id: i64) -> String {
        let Ok(mut mac) = <HmacSha256 as KeyInit>::new_from_slice(key) else {
            return String::new();
        };
        mac.update(b"covoit/verp/v1\0");
        mac.update(&id.to_be_bytes());
        let full = hex::encode(mac.finalize().into_bytes());
        full[..TAG_LEN].to_owned()
    }

    /// The envelope sender of outbox row `id`.
    pub fn address(&self, id: i64) -> String {
        let tag = Verp::tag(self.keys[0].expose_secret(), id);
        format!("{}+b{id}-{tag}@{}", self.local, self.domain)
    }

    /// The outbox row a return address names, if it is one of ours and its tag is right.
    pub fn parse(&self, address: &str) -> Option<i64> {
        let address = address
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_ascii_lowercase();
        let (local, domain) = address.rsplit_once('@')?;
        if domain != self.domain {
            return None;
        }
        let rest = local.strip_prefix(&self.local)?.strip_prefix("+b")?;
        let (id, tag) = rest.split_once('-')?;
        if id.is_empty() || id.len() > 19 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        let matches = |key: &super::SigningKey| {
            let want = Verp::tag(key.expose_secret(), id);
            // Constant time: the comparison does not tell how much of a forged tag is right.
            want.len() == tag.len()
                && want
                    .bytes()
                    .zip(tag.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
        };
        self.keys.iter().any(matches).then_some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verp() -> Verp {
        Verp::new(
            "Bounces@Covoit.example.org",
            vec![b"k1".to_vec().into(), b"k0".to_vec().into()],
        )
        .unwrap()
    }

    #[test]
    fn an_address_names_its_row_and_only_with_the_right_tag() {
        let v = verp();
        let a = v.address(4217);
        assert!(a.starts_with("bounces+b4217-"), "{a}");
        assert!(a.ends_with("@covoit.example.org"), "{a}");
        assert_eq!(v.parse(&a), Some(4217));
        assert_eq!(v.parse(&format!("<{}>", a.to_uppercase())), Some(4217));
        // Another row's tag, a changed id, a cut tag, another domain: refused.
        let other = v.address(4218);
        let forged = a.replace("b4217-", "b4218-");
        assert_eq!(v.parse(&forged), None);
        assert_ne!(forged, other);
        assert_eq!(v.parse(&a[..a.len() - 25]), None);
        assert_eq!(v.parse(&a.replace("example.org", "example.net")), None);
        assert_eq!(v.parse("bounces@covoit.example.org"), None);
    }

    #[test]
    fn an_old_key_still_verifies() {
        let old = Verp::new("bounces@covoit.example.org", vec![b"k0".to_vec().into()]).unwrap();
        assert_eq!(verp().parse(&old.address(9)), Some(9));
    }

    #[test]
    fn a_bad_base_address_is_refused() {
        for base in [
            "",
            "bounces",
            "a b@example.org",
            "bounces@localhost",
            "x@y@z.org",
        ] {
            assert!(
                Verp::new(base, vec![b"k".to_vec().into()]).is_none(),
                "{base:?}"
            );
        }
    }
}
