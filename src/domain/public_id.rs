//! The public identifier of a record reachable without a token (a ride's page): random and
//! unguessable (16 characters of a 31-letter alphabet, 79 bits), so that nobody can walk the
//! records by counting.
use rand::Rng;

use super::slug::ALPHABET;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicId(String);

/// Random characters in a new identifier.
const LEN: usize = 16;

impl PublicId {
    pub fn generate() -> PublicId {
        let mut rng = rand::rng();
        PublicId(
            (0..LEN)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect(),
        )
    }

    /// Checks an identifier coming from a URL (anything else is simply not found). Rows that
    /// existed before identifiers were random got 20 hex digits at the upgrade.
    pub fn parse(s: &str) -> Option<PublicId> {
        let ok = (LEN..=24).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ok.then(|| PublicId(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_and_differ() {
        let a = PublicId::generate();
        assert_eq!(PublicId::parse(a.as_str()), Some(a.clone()));
        assert_ne!(a, PublicId::generate());
        // log2(31^16) ≥ 64: not guessable.
        assert!((LEN as f64) * (ALPHABET.len() as f64).log2() >= 64.0);
    }

    #[test]
    fn counting_and_junk_are_refused() {
        for bad in [
            "1",
            "42",
            "",
            "ABCDEFGHJKMNPQRS",
            "abc/def",
            &"a".repeat(25),
        ] {
            assert_eq!(PublicId::parse(bad), None, "{bad}");
        }
        assert!(
            PublicId::parse("0123456789abcdef0123").is_some(),
            "upgraded rows"
        );
    }
}
