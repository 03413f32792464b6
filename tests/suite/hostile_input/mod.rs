//! Hostile input, through the JSON API and the HTML forms: it never yields a 500, each case gets
//! a clear answer (a JSON error naming the field, or the form shown again with its message and
//! what was typed), and nothing is saved. Checks that stop before the database run on SQLite;
//! those where the database matters (values at column limits, unknown ids, extreme dates) run
//! on PostgreSQL too.
use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{TestApp, event_body, local_in_days, offer_body};
use covoit::domain::{Invalid, Lang};
use covoit::entities::{event, offer, reservation};
use covoit::i18n::T;
use rocket::http::{ContentType, Status};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

mod bodies;
mod control;
mod dates;
mod ids;
mod json;
mod markup;
mod oversized;
mod seats;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// (events, offers, reservations) rows in the database.
pub(super) async fn rows(app: &TestApp) -> (u64, u64, u64) {
    let c = &app.db.conn;
    (
        event::Entity::find().count(c).await.unwrap(),
        offer::Entity::find().count(c).await.unwrap(),
        reservation::Entity::find().count(c).await.unwrap(),
    )
}

/// An event (10 days away, Europe/Paris) with one offer to it (3 seats) and its ride back.
pub(super) async fn event_with_offer(app: &TestApp) -> (String, String, String) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let (offer, ret) = app.create_offer(&slug).await;
    (
        slug,
        offer["id"].as_str().unwrap().to_owned(),
        ret["id"].as_str().unwrap().to_owned(),
    )
}

pub(super) fn booking_body() -> Value {
    json!({
        "passenger_name": "Paul Passager",
        "passenger_email": "paul@example.org",
        "passenger_phone": "07 98 76 54 32",
        "seats": 1,
        "pickup": "Gare",
        "message": "Merci !",
    })
}

/// `base` with `key` set to `value` (a JSON pointer-like dotted key for `return.x`).
pub(super) fn with(base: &Value, key: &str, value: Value) -> Value {
    let mut b = base.clone();
    match key.split_once('.') {
        Some((outer, inner)) => b[outer][inner] = value,
        None => b[key] = value,
    }
    b
}

/// `base` with `key` set to a raw JSON literal (for numbers serde_json cannot hold).
pub(super) fn with_raw(base: &Value, key: &str, literal: &str) -> String {
    with(base, key, json!("__RAW_LITERAL__"))
        .to_string()
        .replace("\"__RAW_LITERAL__\"", literal)
}

pub(super) async fn post_json_text(
    app: &TestApp,
    path: &str,
    body: impl AsRef<[u8]>,
) -> (Status, Value) {
    let (status, text) = app.post_raw(path, ContentType::JSON, body).await;
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("POST {path}: not JSON ({status}): {text}"));
    (status, value)
}

pub(super) fn short(s: &str) -> String {
    if s.chars().count() > 80 {
        format!(
            "{}… ({} chars)",
            s.chars().take(80).collect::<String>(),
            s.chars().count()
        )
    } else {
        format!("{s:?}")
    }
}

/// A 422 JSON error with code `invalid` that names exactly `fields`, each with a message.
#[track_caller]
pub(super) fn expect_invalid(what: &str, answer: &(Status, Value), fields: &[&str]) {
    let (status, body) = answer;
    assert_eq!(*status, Status::UnprocessableEntity, "{what}: {body}");
    assert_eq!(body["error"]["code"], "invalid", "{what}: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.trim().is_empty()),
        "{what}: an error message is expected: {body}"
    );
    let named: BTreeSet<&str> = body["error"]["fields"]
        .as_object()
        .unwrap_or_else(|| panic!("{what}: error.fields must be an object: {body}"))
        .keys()
        .map(String::as_str)
        .collect();
    let wanted: BTreeSet<&str> = fields.iter().copied().collect();
    assert_eq!(named, wanted, "{what}: fields named: {body}");
    for f in fields {
        assert!(
            body["error"]["fields"][*f]
                .as_str()
                .is_some_and(|m| !m.trim().is_empty()),
            "{what}: error.fields.{f} must be a non-empty message: {body}"
        );
    }
}

/// A JSON error with this status and code (and a message, and no field errors).
#[track_caller]
pub(super) fn expect_error(what: &str, answer: &(Status, Value), status: Status, code: &str) {
    let (got, body) = answer;
    assert_eq!(*got, status, "{what}: {body}");
    assert_eq!(body["error"]["code"], code, "{what}: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.trim().is_empty()),
        "{what}: an error message is expected: {body}"
    );
}

pub(super) fn html_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// The per-field messages of a re-shown form (its summary: field → message).
pub(super) fn form_errors(page: &str) -> BTreeMap<String, String> {
    let re = regex::Regex::new(r##"<a href="#f-([a-z_]+)">([^<]*)</a>"##).unwrap();
    re.captures_iter(page)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

pub(super) fn is_html(page: &str) -> bool {
    page.trim_start()
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype html>"))
}

/// A form shown again with status 422, naming exactly `fields`, each with its message next to
/// its input and in the summary.
#[track_caller]
pub(super) fn expect_form_invalid(what: &str, status: Status, page: &str, fields: &[&str]) {
    assert_eq!(
        status,
        Status::UnprocessableEntity,
        "{what}: {}",
        short(page)
    );
    assert!(
        is_html(page),
        "{what}: an HTML page is expected: {}",
        short(page)
    );
    let errors = form_errors(page);
    let named: BTreeSet<&str> = errors.keys().map(String::as_str).collect();
    let wanted: BTreeSet<&str> = fields.iter().copied().collect();
    assert_eq!(named, wanted, "{what}: fields named on the page");
    for f in fields {
        assert!(
            !errors[*f].trim().is_empty(),
            "{what}: empty message for {f}"
        );
        if *f != "direction" {
            // Next to its input the message alone; in the summary, after the field's label.
            let beside = page
                .split(&format!("id=\"e-{f}\">"))
                .nth(1)
                .and_then(|rest| rest.split("</p>").next())
                .unwrap_or_else(|| panic!("{what}: no message next to the input of {f}"));
            assert!(
                !beside.is_empty() && errors[*f].ends_with(beside) && errors[*f] != beside,
                "{what}: the summary names {f} and gives its message: {:?} / {beside:?}",
                errors[*f]
            );
        }
    }
}

#[track_caller]
pub(super) fn expect_html_status(what: &str, status: Status, page: &str, want: Status) {
    assert_eq!(status, want, "{what}: {}", short(page));
    assert!(
        is_html(page),
        "{what}: an HTML page is expected: {}",
        short(page)
    );
}

pub(super) type Fields = Vec<(&'static str, String)>;

pub(super) fn set(base: &Fields, key: &'static str, value: &str) -> Fields {
    let mut f: Fields = base.iter().filter(|(k, _)| *k != key).cloned().collect();
    f.push((key, value.to_owned()));
    f
}

pub(super) async fn post_fields(
    app: &TestApp,
    path: &str,
    fields: &Fields,
) -> (Status, String, Option<String>) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs).await
}

pub(super) fn event_form() -> Fields {
    vec![
        ("name", "Club party".into()),
        ("venue", "Town hall".into()),
        ("starts_at", local_in_days(10, 14)),
        ("timezone", "Europe/Paris".into()),
        ("organizer_name", "Olivia Organiser".into()),
        ("organizer_email", "olivia@club.example".into()),
        ("locale", "en".into()),
    ]
}

pub(super) fn offer_form() -> Fields {
    vec![
        ("direction", "to_event".into()),
        ("place", "Villeurbanne".into()),
        ("departs_at", local_in_days(10, 12)),
        ("seats", "3".into()),
        ("notes", "Small boot".into()),
        ("driver_name", "Dan Driver".into()),
        ("driver_email", "dan@mail.example".into()),
        ("driver_phone", "06 12 34 56 78".into()),
        ("return_departs_at", local_in_days(10, 19)),
        ("return_seats", "".into()),
        ("return_place", "".into()),
        ("locale", "en".into()),
    ]
}

pub(super) fn booking_form() -> Fields {
    vec![
        ("passenger_name", "Pia Passenger".into()),
        ("passenger_email", "pia@mail.example".into()),
        ("passenger_phone", "07 98 76 54 32".into()),
        ("seats", "1".into()),
        ("pickup", "Station".into()),
        ("message", "Thanks".into()),
        ("locale", "en".into()),
    ]
}
