//! Reading the configuration key by key, so that every bad value is reported under its key
//! (not just the first), and the small parsers of sizes and mailboxes that several keys use.
use std::fmt;
use std::ops::RangeInclusive;

use rocket::figment::Figment;
use serde::Deserialize;

use crate::domain::Email;

/// A key given as one string (`SECRET_KEY=...`) or as a list (`secret_keys = [...]`).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Reads each key on its own so that every bad value is reported, not just the first.
pub(crate) struct Reader<'a> {
    pub(super) figment: &'a Figment,
    pub(super) problems: Vec<String>,
}

impl Reader<'_> {
    pub(crate) fn get<T: for<'de> Deserialize<'de>>(
        &mut self,
        key: &str,
        expected: &str,
    ) -> Option<T> {
        if !self.figment.contains(key) {
            return None;
        }
        match self.figment.extract_inner::<T>(key) {
            Ok(value) => Some(value),
            Err(e) => {
                let found = e.to_string();
                self.problems
                    .push(format!("`{key}`: expected {expected} ({found})"));
                None
            }
        }
    }

    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        // Env values that look like numbers arrive as numbers; a text key takes them as text.
        match self.figment.find_value(key) {
            Ok(value) => match value.clone().into_string() {
                Some(s) => Some(s),
                None => match value.to_num() {
                    Some(n) => Some(num_to_string(n)),
                    None => {
                        self.problems.push(format!("`{key}`: expected a string"));
                        None
                    }
                },
            },
            Err(_) => None,
        }
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
    }

    pub(crate) fn problem(&mut self, key: &str, message: impl fmt::Display) {
        self.problems.push(format!("`{key}`: {message}"));
    }

    /// A whole number of `unit` within `range`, `default` when the key is absent.
    pub(crate) fn bounded<T>(
        &mut self,
        key: &str,
        range: RangeInclusive<T>,
        default: T,
        unit: &str,
    ) -> T
    where
        T: for<'de> Deserialize<'de> + PartialOrd + fmt::Display + Copy,
    {
        let expected = format!(
            "a whole number of {unit} from {} to {}",
            range.start(),
            range.end()
        );
        let value = self.get(key, &expected).unwrap_or(default);
        if !range.contains(&value) {
            self.problem(key, format_args!("expected {expected}"));
        }
        value
    }

    /// On or off: `true`/`false` (also `1`/`0`, `on`/`off`, `yes`/`no`, as environment
    /// variables give them), `default` when the key is absent.
    pub(crate) fn switch(&mut self, key: &str, default: bool) -> bool {
        let Ok(value) = self.figment.find_value(key) else {
            return default;
        };
        let text = match (value.to_bool(), value.to_num()) {
            (Some(b), _) => return b,
            (None, Some(n)) => num_to_string(n),
            (None, None) => value.into_string().unwrap_or_default(),
        };
        match text.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => true,
            "0" | "false" | "off" | "no" => false,
            _ => {
                self.problem(key, "expected true or false (or 1 or 0)");
                default
            }
        }
    }
}

fn num_to_string(n: rocket::figment::value::Num) -> String {
    use rocket::figment::value::Num;
    match n {
        Num::U8(v) => v.to_string(),
        Num::U16(v) => v.to_string(),
        Num::U32(v) => v.to_string(),
        Num::U64(v) => v.to_string(),
        Num::U128(v) => v.to_string(),
        Num::USize(v) => v.to_string(),
        Num::I8(v) => v.to_string(),
        Num::I16(v) => v.to_string(),
        Num::I32(v) => v.to_string(),
        Num::I64(v) => v.to_string(),
        Num::I128(v) => v.to_string(),
        Num::ISize(v) => v.to_string(),
        Num::F32(v) => v.to_string(),
        Num::F64(v) => v.to_string(),
    }
}

/// `800KB`, `512MB`, `2GB` (or `MiB`…, or a number of bytes): bytes, at least 64 KiB.
pub(super) fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_uppercase().replace(' ', "");
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(factor).filter(|b| *b >= 64 << 10)
}

pub(super) fn mailbox_is_valid(value: &str) -> bool {
    if value.contains(['\r', '\n']) {
        return false;
    }
    let addr = match (value.find('<'), value.rfind('>')) {
        (Some(start), Some(end)) if start < end && end == value.len() - 1 => &value[start + 1..end],
        (None, None) => value,
        _ => return false,
    };
    Email::parse_with_local_domains(addr).is_ok()
}
