//! An email address as a person types it, checked strictly enough to be safe in a header.
use std::fmt;

use super::Invalid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// A deliverable address: `local@domain.tld`, no spaces, quotes, angle brackets or
    /// control characters (so it can never break out of a header), at most 254 bytes.
    pub fn parse(input: &str) -> Result<Email, Invalid> {
        Self::parse_inner(input, false)
    }

    /// Also accepts a dotless domain such as `localhost` (the default sender).
    pub fn parse_with_local_domains(input: &str) -> Result<Email, Invalid> {
        Self::parse_inner(input, true)
    }

    fn parse_inner(input: &str, local_domains: bool) -> Result<Email, Invalid> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.len() > 254 {
            return Err(Invalid::TooLong { max: 254 });
        }
        let (local, domain) = s.rsplit_once('@').ok_or(Invalid::Email)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = (local_domains || labels.len() >= 2)
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        // And what lettre will take at send time, so that an address accepted at the door
        // cannot fail when its email leaves.
        if local_ok && domain_ok && s.parse::<lettre::Address>().is_ok() {
            Ok(Email(s.to_owned()))
        } else {
            Err(Invalid::Email)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to recognise the same person twice.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "marie@example.fr",
            " Jean.Dupont+covoit@sub.example.co.uk ",
            "é@exemple.fr",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(Email::parse(" A@B.fr ").unwrap().normalized(), "a@b.fr");
    }

    #[test]
    fn refuses_what_could_break_a_header_or_bounce() {
        for bad in [
            "",
            "plain",
            "a@b",
            "a@@b.fr",
            "a b@c.fr",
            "\"Bob\" <x@y.fr>",
            "x@y.fr\r\nBcc: z@w.fr",
            "a@-b.fr",
            ".a@b.fr",
            "a..b@c.fr",
            "a@b..fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Email::parse(&format!("{}@b.fr", "a".repeat(260))),
            Err(Invalid::TooLong { max: 254 })
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_never_keeps_control_or_angle_chars(s in "\\PC*|.*[\r\n<>\"].*") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert!(!e.as_str().contains(['\r', '\n', '<', '>', '"', ' ', ',']));
                prop_assert!(e.as_str().len() <= 254);
            }
        }
    }
}
