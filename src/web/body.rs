//! Request bodies read by hand, so that every malformed body gets a clear answer: forms are
//! decoded leniently (bad percent-encoding cannot fail), JSON fields are checked one by one
//! so that a wrong type is reported under its field's name.
use std::collections::HashMap;

use rocket::Request;
use rocket::data::{ByteUnit, Data, FromData, Outcome};
use rocket::http::Status;
use serde_json::{Map, Value};

use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;

const FORM_LIMIT: ByteUnit = ByteUnit::Kibibyte(64);
const JSON_LIMIT: ByteUnit = ByteUnit::Kibibyte(64);

async fn read(
    req: &Request<'_>,
    data: Data<'_>,
    name: &str,
    default: ByteUnit,
) -> Result<String, AppError> {
    let limit = req.limits().get(name).unwrap_or(default);
    let bytes = data
        .open(limit)
        .into_bytes()
        .await
        .map_err(|e| AppError::Malformed(e.to_string()))?;
    if !bytes.is_complete() {
        return Err(AppError::TooLarge);
    }
    Ok(String::from_utf8_lossy(&bytes.into_inner()).into_owned())
}

/// An `application/x-www-form-urlencoded` body, as field → value (the last one wins).
pub struct FormFields(pub HashMap<String, String>);

impl FormFields {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_default()
    }

    pub fn parse(body: &str) -> FormFields {
        FormFields(
            url::form_urlencoded::parse(body.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }
}

#[rocket::async_trait]
impl<'r> FromData<'r> for FormFields {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        match read(req, data, "form", FORM_LIMIT).await {
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
        let body = match read(req, data, "json", JSON_LIMIT).await {
            Ok(body) => body,
            Err(e) => return Outcome::Error((e.status(), e)),
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
        let f = FormFields::parse("a=%E9t%C3%A9&b=%zz&c=x+y");
        assert_eq!(f.get("a"), "\u{fffd}té");
        assert_eq!(f.get("b"), "%zz");
        assert_eq!(f.get("c"), "x y");
        assert!(JsonFields::parse("[1]").is_err());
        assert!(JsonFields::parse("{").is_err());
    }
}
