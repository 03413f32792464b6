//! The public identifier of an event in its URL: lowercase ASCII words and a random suffix.
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
        for c in name.chars().flat_map(fold_accent) {
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

fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ô' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => "u",
        'ÿ' => "y",
        'ñ' => "n",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
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
