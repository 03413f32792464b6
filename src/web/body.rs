//! Request bodies read by hand, so that every malformed body gets a clear answer: forms
//! are decoded without failing (bad percent-encoding is kept as typed; non-UTF-8 is a field
//! error), JSON fields are checked one by one so that a wrong type is named by its field.
use std::collections::HashMap;

use rocket::Request;
use rocket::data::{ByteUnit, Data, FromData, Outcome};
use rocket::http::Status;
use serde_json::{Map, Value};

use crate::domain::{FieldErrors, Invalid};
use crate::web::AppError;

/// Every body this app accepts is small: no form or JSON call needs more than this. A fixed
/// cap, whatever Rocket's own (per data type) limits say.
pub const BODY_LIMIT: ByteUnit = ByteUnit::Kibibyte(64);

async fn read(data: Data<'_>) -> Result<Vec<u8>, AppError> {
    let bytes = data
        .open(BODY_LIMIT)
        .into_bytes()
        .await
        .map_err(|e| AppError::Malformed(e.to_string()))?;
    if !bytes.is_complete() {
        return Err(AppError::TooLarge);
    }
    Ok(bytes.into_inner())
}

/// The names of every form field, so that an encoding problem is reported under its field.
const FORM_FIELDS: &[&str] = &[
    "name",
    "venue",
    "starts_at",
    "timezone",
    "organizer_name",
    "organizer_email",
    "locale",
    "driver_name",
    "driver_email",
    "driver_phone",
    "direction",
    "place",
    "departs_at",
    "seats",
    "notes",
    "return_departs_at",
    "return_seats",
    "return_place",
    "passenger_name",
    "passenger_email",
    "passenger_phone",
    "pickup",
    "message",
    "email",
    "phone",
    "earliest",
    "latest",
    "auto_accept",
    "share_contact",
];

/// An `application/x-www-form-urlencoded` body, as field → value (the last one wins).
/// Values that are not UTF-8 are kept (lossily) for re-display and reported as field errors.
pub struct FormFields {
    pub values: HashMap<String, String>,
    badly_encoded: Vec<String>,
}

/// Percent- and plus-decodes one part; Err carries the lossy text when it is not UTF-8.
fn decode(part: &[u8]) -> Result<String, String> {
    let plus_as_space: Vec<u8> = part
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes).map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl FormFields {
    pub fn get(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }

    pub fn parse(body: &[u8]) -> FormFields {
        let mut values = HashMap::new();
        let mut badly_encoded = Vec::new();
        for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
            let mut kv = pair.splitn(2, |&b| b == b'=');
            let key = decode(kv.next().unwrap_or_default()).unwrap_or_else(|lossy| lossy);
            let value = match decode(kv.next().unwrap_or_default()) {
                Ok(v) => v,
                Err(lossy) => {
                    badly_encoded.push(key.clone());
                    lossy
                }
            };
            values.insert(key, value);
        }
        FormFields {
            values,
            badly_encoded,
        }
    }

    /// Errors to start validation with: the fields whose bytes were not UTF-8 text.
    pub fn encoding_errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for key in &self.badly_encoded {
            if let Some(field) = FORM_FIELDS.iter().find(|f| **f == key.as_str()) {
                errors.add(field, Invalid::Encoding);
            }
        }
        errors
    }
}

#[rocket::async_trait]
impl<'r> FromData<'r> for FormFields {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        let _ = req;
        match read(data).await {
            Ok(body) => Outcome::Success(FormFields::parse(&body)),
            Err(e) => Outcome::Error((e.status(), e)),
        }
    }
}

/// A JSON object body. Wrong types are collected in `errors` by the accessors.
pub struct JsonFields {
    map: Map<String, Value>,
    pub errors: FieldErrors,
}

#[rocket::async_trait]
impl<'r> FromData<'r> for JsonFields {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        let _ = req;
        let body = match read(data).await {
            Ok(body) => body,
            Err(e) => return Outcome::Error((e.status(), e)),
        };
        // JSON is UTF-8 (RFC 8259); anything else is a malformed body, not a field error.
        let Ok(body) = String::from_utf8(body) else {
            let e = AppError::Malformed("the body is not UTF-8".into());
            return Outcome::Error((Status::BadRequest, e));
        };
        match JsonFields::parse(&body) {
            Ok(fields) => Outcome::Success(fields),
            Err(e) => Outcome::Error((Status::BadRequest, e)),
        }
    }
}

impl JsonFields {
    pub fn parse(body: &str) -> Result<JsonFields, AppError> {
        match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(map)) => Ok(JsonFields {
                map,
                errors: FieldErrors::default(),
            }),
            Ok(_) => Err(AppError::Malformed("the body must be a JSON object".into())),
            Err(e) => Err(AppError::Malformed(format!("invalid JSON: {e}"))),
        }
    }

    fn value<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
        map.get(key).filter(|v| !v.is_null())
    }

    /// A string field; absent or null is "".
    pub fn string(&mut self, key: &'static str) -> String {
        Self::string_in(&self.map, key, key, &mut self.errors)
    }

    fn string_in(
        map: &Map<String, Value>,
        key: &str,
        field: &'static str,
        errors: &mut FieldErrors,
    ) -> String {
        match Self::value(map, key) {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                errors.add(field, Invalid::WrongType { expected: "string" });
                String::new()
            }
        }
    }

    /// A whole-number field, returned as text for the domain parser; absent is "".
    pub fn integer(&mut self, key: &'static str) -> String {
        Self::integer_in(&self.map, key, key, &mut self.errors)
    }

    fn integer_in(
        map: &Map<String, Value>,
        key: &str,
        field: &'static str,
        errors: &mut FieldErrors,
    ) -> String {
        match Self::value(map, key) {
            None => String::new(),
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
            Some(Value::Number(_)) => {
                errors.add(field, Invalid::WholeNumber);
                String::new()
            }
            Some(_) => {
                errors.add(
                    field,
                    Invalid::WrongType {
                        expected: "integer",
                    },
                );
                String::new()
            }
        }
    }

    /// A boolean field, as "true" or "" (absent, null or false).
    pub fn boolean(&mut self, key: &'static str) -> String {
        match Self::value(&self.map, key) {
            None | Some(Value::Bool(false)) => String::new(),
            Some(Value::Bool(true)) => "true".into(),
            Some(_) => {
                self.errors.add(
                    key,
                    Invalid::WrongType {
                        expected: "boolean",
                    },
                );
                String::new()
            }
        }
    }

    /// The `return` object of an offer: (departs_at, seats, place), all "" when absent.
    pub fn return_trip(&mut self) -> (String, String, String) {
        match Self::value(&self.map, "return") {
            None => Default::default(),
            Some(Value::Object(inner)) => {
                let inner = inner.clone();
                let departs =
                    Self::string_in(&inner, "departs_at", "return_departs_at", &mut self.errors);
                if departs.trim().is_empty() && !self.errors.0.contains_key("return_departs_at") {
                    self.errors.add("return_departs_at", Invalid::Required);
                }
                (
                    departs,
                    Self::integer_in(&inner, "seats", "return_seats", &mut self.errors),
                    Self::string_in(&inner, "place", "return_place", &mut self.errors),
                )
            }
            Some(_) => {
                self.errors
                    .add("return", Invalid::WrongType { expected: "object" });
                Default::default()
            }
        }
    }

    pub fn take_errors(&mut self) -> FieldErrors {
        std::mem::take(&mut self.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_are_named() {
        let mut f =
            JsonFields::parse(r#"{"name": 3, "seats": "two", "n": 2.5, "return": []}"#).unwrap();
        assert_eq!(f.string("name"), "");
        assert_eq!(f.integer("seats"), "");
        assert_eq!(f.integer("n"), "");
        let _ = f.return_trip();
        let e = f.take_errors();
        assert_eq!(
            e.get("name"),
            Some(&Invalid::WrongType { expected: "string" })
        );
        assert_eq!(
            e.get("seats"),
            Some(&Invalid::WrongType {
                expected: "integer"
            })
        );
        assert_eq!(e.get("n"), Some(&Invalid::WholeNumber));
        assert_eq!(
            e.get("return"),
            Some(&Invalid::WrongType { expected: "object" })
        );
    }

    #[test]
    fn forms_decode_leniently() {
        let f = FormFields::parse(b"name=%E9t%C3%A9&b=%zz&c=x+y&place=caf\xe9&&=");
        assert_eq!(f.get("name"), "\u{fffd}té");
        assert_eq!(f.get("b"), "%zz");
        assert_eq!(f.get("c"), "x y");
        let errors = f.encoding_errors();
        assert_eq!(errors.get("name"), Some(&Invalid::Encoding));
        assert_eq!(errors.get("place"), Some(&Invalid::Encoding));
        assert_eq!(errors.get("c"), None);
        assert!(JsonFields::parse("[1]").is_err());
        assert!(JsonFields::parse("{").is_err());
    }
}
