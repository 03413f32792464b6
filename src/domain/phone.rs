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

/// The country calling code of the country a time zone is in, for the countries covoit's
/// organisers are in (a number written the national way, "06 12 34 56 78", is read as one of
/// the event's country).
pub fn calling_code(zone: &str) -> Option<&'static str> {
    Some(match zone {
        "Europe/Paris" => "33",
        "Europe/Brussels" => "32",
        "Europe/Zurich" => "41",
        "Europe/Luxembourg" => "352",
        "Europe/Berlin" => "49",
        "Europe/Amsterdam" => "31",
        "Europe/Rome" => "39",
        "Europe/Madrid" => "34",
        "Europe/Vienna" => "43",
        "Europe/Lisbon" => "351",
        "Europe/London" => "44",
        "Europe/Dublin" => "353",
        "Europe/Monaco" => "377",
        _ => return None,
    })
}

/// A `tel:` link in the international (E.164) form, so that it dials from any phone and any
/// country: "06 12 34 56 78" in France becomes `tel:+33612345678`, "0041 79 123 45 67"
/// `tel:+41791234567`. A national number whose country is unknown keeps its digits as written.
/// A `tel:` link for a number given in an event of zone `zone` (its country's calling code for
/// numbers written the national way).
pub fn tel_in_zone(phone: &str, zone: chrono_tz::Tz) -> String {
    tel_uri(phone, calling_code(zone.name()))
}

pub fn tel_uri(phone: &str, calling_code: Option<&str>) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let number = if phone.trim_start().starts_with('+') {
        format!("+{digits}")
    } else if let Some(rest) = digits.strip_prefix("00") {
        format!("+{rest}")
    } else {
        match (calling_code, digits.strip_prefix('0')) {
            // Italy keeps the leading 0 of land lines after +39.
            (Some("39"), _) => format!("+39{digits}"),
            (Some(code), Some(national)) => format!("+{code}{national}"),
            (Some("352"), None) => format!("+352{digits}"),
            _ => digits,
        }
    };
    format!("tel:{number}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tel_links_are_international() {
        let fr = calling_code("Europe/Paris");
        assert_eq!(tel_uri("06 12 34 56 78", fr), "tel:+33612345678");
        assert_eq!(tel_uri("06.12.34.56.78", fr), "tel:+33612345678");
        assert_eq!(tel_uri("+32 470 12 34 56", fr), "tel:+32470123456");
        assert_eq!(tel_uri("0041 79 123 45 67", fr), "tel:+41791234567");
        assert_eq!(
            tel_uri("0470 12 34 56", calling_code("Europe/Brussels")),
            "tel:+32470123456"
        );
        assert_eq!(
            tel_uri("621 123 456", calling_code("Europe/Luxembourg")),
            "tel:+352621123456"
        );
        assert_eq!(
            tel_uri("06 1234 5678", calling_code("Europe/Rome")),
            "tel:+390612345678"
        );
        // Unknown country: the digits as written, never a wrong country.
        assert_eq!(
            tel_uri("06 12 34 56 78", calling_code("America/New_York")),
            "tel:0612345678"
        );
    }

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
