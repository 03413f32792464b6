//! The public identifier of an event in its URL: lowercase ASCII words (transliterated by
//! deunicode) and a random suffix.
use rand::Rng;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

/// Letters and digits that cannot be mistaken for one another when read aloud or retyped.
pub(super) const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Random characters at the end of a slug: 31^13 ≥ 2^64, so that event pages cannot be found
/// by guessing.
const SUFFIX: usize = 13;

impl Slug {
    /// Checks a slug coming from a URL (anything else is simply not found).
    pub fn parse(s: &str) -> Option<Slug> {
        let ok = (3..=96).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        ok.then(|| Slug(s.to_owned()))
    }

    /// `Fête du Village 2026` → `fete-du-village-2026-k3m9p2x7q4w8z`: readable, and not
    /// guessable.
    pub fn generate(name: &str) -> Slug {
        let mut words = String::new();
        // deunicode transliterates every script to ASCII ("Straße" → "Strasse", "Œuvre" →
        // "OEuvre", "Zürich" → "Zurich"), rather than a hand-kept table of accents.
        for c in deunicode::deunicode(name).chars() {
            if c.is_ascii_alphanumeric() {
                words.push(c.to_ascii_lowercase());
            } else if !words.ends_with('-') && !words.is_empty() {
                words.push('-');
            }
            if words.len() >= 60 {
                break;
            }
        }
        let words = words.trim_end_matches('-');
        let mut rng = rand::rng();
        let suffix: String = (0..SUFFIX)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        if words.is_empty() {
            Slug(format!("event-{suffix}"))
        } else {
            Slug(format!("{words}-{suffix}"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn readable_and_random() {
        let a = Slug::generate("Fête du Village — Œuvre 2026");
        assert!(
            a.as_str().starts_with("fete-du-village-oeuvre-2026-"),
            "{}",
            a.as_str()
        );
        assert_ne!(a, Slug::generate("Fête du Village — Œuvre 2026"));
        assert!(Slug::generate("!!!").as_str().starts_with("event-"));
    }

    #[test]
    fn every_script_becomes_readable_words() {
        for (name, words) in [
            ("Straße des Sports", "strasse-des-sports-"),
            ("Zürich Marathon", "zurich-marathon-"),
            ("Łódź — Kraków", "lodz-krakow-"),
            ("Île-de-France", "ile-de-france-"),
            ("Ελλάδα 2026", "ellada-2026-"),
        ] {
            let slug = Slug::generate(name);
            assert!(
                slug.as_str().starts_with(words),
                "{name} → {}",
                slug.as_str()
            );
        }
    }

    #[test]
    fn parse_refuses_odd_characters() {
        assert!(Slug::parse("ok-slug-123").is_some());
        for bad in ["", "ab", "Upper", "a/b", "-x-", "a b", "é-x"] {
            assert!(Slug::parse(bad).is_none(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn generated_slugs_always_parse(name in "\\PC{0,200}") {
            let slug = Slug::generate(&name);
            prop_assert!(Slug::parse(slug.as_str()).is_some(), "{}", slug.as_str());
        }
    }
}
