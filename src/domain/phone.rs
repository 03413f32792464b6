//! A phone number as people write it: digits with spaces, dots, dashes, parentheses, a leading +.
use super::Invalid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Empty input means "no phone" (`None`).
    pub fn parse_optional(input: &str) -> Result<Option<Phone>, Invalid> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.chars().count() > 30 {
            return Err(Invalid::TooLong { max: 30 });
        }
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let allowed = s
            .char_indices()
            .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
        if allowed && (6..=17).contains(&digits) {
            Ok(Some(Phone(
                s.split_whitespace().collect::<Vec<_>>().join(" "),
            )))
        } else {
            Err(Invalid::Phone)
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
    fn accepts_french_and_international_forms() {
        for ok in [
            "06 12 34 56 78",
            "+33 6 12 34 56 78",
            "(555) 123-4567",
            "06.12.34.56.78",
        ] {
            assert!(Phone::parse_optional(ok).unwrap().is_some(), "{ok}");
        }
        assert_eq!(Phone::parse_optional("  ").unwrap(), None);
    }

    #[test]
    fn refuses_letters_short_and_misplaced_plus() {
        for bad in [
            "call me",
            "123",
            "06+12345678",
            "+33 6 12 34 56 78 90 12 34 56",
        ] {
            assert!(Phone::parse_optional(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn accepted_phones_hold_only_phone_characters(s in "\\PC{0,40}") {
            if let Ok(Some(p)) = Phone::parse_optional(&s) {
                prop_assert!(p.as_str().chars().all(|c| c.is_ascii_digit() || " .-()+".contains(c)));
            }
        }
    }
}
