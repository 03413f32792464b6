//! Free-text fields and seat counts: trimmed, bounded, free of control characters.
use super::Invalid;

fn single_line(input: &str, max: usize) -> Result<String, Invalid> {
    let s = input.trim();
    if s.chars().any(char::is_control) {
        return Err(Invalid::ControlCharacters);
    }
    if s.chars().count() > max {
        return Err(Invalid::TooLong { max });
    }
    Ok(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A person's name (shown on public pages by its first word only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 80;

    pub fn parse(input: &str) -> Result<Name, Invalid> {
        let s = single_line(input, Self::MAX)?;
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        Ok(Name(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A required one-line text such as a place or an event name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn parse(input: &str, max: usize) -> Result<Text, Invalid> {
        let s = single_line(input, max)?;
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        Ok(Text(s))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// An optional multi-line text (notes, a message): line breaks are kept, other control
/// characters are refused; empty is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OptionalText(String);

impl OptionalText {
    pub fn parse(input: &str, max: usize) -> Result<OptionalText, Invalid> {
        let s = input.replace("\r\n", "\n");
        let s = s.trim();
        if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            return Err(Invalid::ControlCharacters);
        }
        if s.chars().count() > max {
            return Err(Invalid::TooLong { max });
        }
        Ok(OptionalText(s.to_owned()))
    }

    /// An optional one-line text (a pickup place): no line breaks.
    pub fn parse_line(input: &str, max: usize) -> Result<OptionalText, Invalid> {
        Ok(OptionalText(single_line(input, max)?))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A number of seats: at least one, at most eight (a car, or a minibus at the most).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeatCount(u8);

impl SeatCount {
    pub const MAX: u8 = 8;

    pub fn new(n: i64) -> Result<SeatCount, Invalid> {
        if (1..=i64::from(Self::MAX)).contains(&n) {
            Ok(SeatCount(n as u8))
        } else {
            Err(Invalid::Seats { max: Self::MAX })
        }
    }

    pub fn parse(input: &str) -> Result<SeatCount, Invalid> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
        {
            return Err(Invalid::WholeNumber);
        }
        match s.parse::<i64>() {
            Ok(n) => SeatCount::new(n),
            // Digits that do not fit in an i64 are still a number, just far too large.
            Err(_)
                if s.trim_start_matches(['-', '+'])
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
            {
                Err(Invalid::Seats { max: Self::MAX })
            }
            Err(_) => Err(Invalid::WholeNumber),
        }
    }

    pub fn get(self) -> i32 {
        i32::from(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("  Marie   Curie ").unwrap().as_str(),
            "Marie Curie"
        );
        assert_eq!(Name::parse("   "), Err(Invalid::Required));
        assert_eq!(
            Name::parse(&"x".repeat(81)),
            Err(Invalid::TooLong { max: 80 })
        );
        assert_eq!(
            Name::parse("Bob\r\nBcc: x"),
            Err(Invalid::ControlCharacters)
        );
    }

    #[test]
    fn optional_text_keeps_line_breaks_only() {
        assert_eq!(
            OptionalText::parse("a\r\nb", 10).unwrap().into_string(),
            "a\nb"
        );
        assert_eq!(
            OptionalText::parse("a\u{7}b", 10),
            Err(Invalid::ControlCharacters)
        );
        assert_eq!(OptionalText::parse("", 10).unwrap().into_string(), "");
    }

    #[test]
    fn seat_counts() {
        assert_eq!(SeatCount::parse("3").unwrap().get(), 3);
        assert_eq!(SeatCount::parse("0"), Err(Invalid::Seats { max: 8 }));
        assert_eq!(SeatCount::parse("-2"), Err(Invalid::Seats { max: 8 }));
        assert_eq!(
            SeatCount::parse("99999999999999999999999"),
            Err(Invalid::Seats { max: 8 })
        );
        assert_eq!(SeatCount::parse("2.5"), Err(Invalid::WholeNumber));
        assert_eq!(SeatCount::parse("deux"), Err(Invalid::WholeNumber));
        assert_eq!(SeatCount::parse(""), Err(Invalid::Required));
    }

    proptest! {
        #[test]
        fn accepted_names_have_no_control_chars(s in "\\PC{0,100}|.{0,100}") {
            if let Ok(n) = Name::parse(&s) {
                prop_assert!(!n.as_str().chars().any(char::is_control));
                prop_assert!(n.as_str().chars().count() <= Name::MAX);
                prop_assert!(!n.as_str().is_empty());
            }
        }

        #[test]
        fn seat_parse_matches_the_range(n in any::<i64>()) {
            prop_assert_eq!(SeatCount::parse(&n.to_string()).is_ok(), (1..=8).contains(&n));
        }
    }
}
