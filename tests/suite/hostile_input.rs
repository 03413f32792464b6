//! Hostile input, through the JSON API and the HTML forms, on SQLite and on PostgreSQL: it
//! never yields a 500, each case gets a clear answer (a JSON error naming the field, or the
//! form shown again with its message and what was typed), and nothing is saved.
use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use common::{TestApp, event_body, local_in_days, offer_body};
use covoit::domain::Invalid;
use covoit::entities::{event, offer, reservation};
use covoit::i18n::EN;
use rocket::http::{ContentType, Status};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

on_both_backends!(
    api_oversized_fields,
    form_oversized_fields_keep_typed_values,
    values_at_the_limits_are_accepted,
    api_control_characters,
    form_control_characters,
    api_wrong_json_types,
    api_bodies_that_are_not_json_objects,
    unknown_slugs_and_ids,
    api_seat_counts,
    form_seat_counts,
    api_bad_dates,
    form_bad_dates,
    unknown_time_zones,
    malformed_form_encoding,
    bodies_over_the_limit,
    invalid_utf8_bodies,
    markup_is_escaped,
    extreme_dates,
);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// (events, offers, reservations) rows in the database.
async fn rows(app: &TestApp) -> (u64, u64, u64) {
    let c = &app.db.conn;
    (
        event::Entity::find().count(c).await.unwrap(),
        offer::Entity::find().count(c).await.unwrap(),
        reservation::Entity::find().count(c).await.unwrap(),
    )
}

/// An event (10 days away, Europe/Paris) with one offer to it (3 seats) and its ride back.
async fn event_with_offer(app: &TestApp) -> (String, String, String) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let (offer, ret) = app.create_offer(&slug).await;
    (
        slug,
        offer["id"].as_str().unwrap().to_owned(),
        ret["id"].as_str().unwrap().to_owned(),
    )
}

fn booking_body() -> Value {
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
fn with(base: &Value, key: &str, value: Value) -> Value {
    let mut b = base.clone();
    match key.split_once('.') {
        Some((outer, inner)) => b[outer][inner] = value,
        None => b[key] = value,
    }
    b
}

/// `base` with `key` set to a raw JSON literal (for numbers serde_json cannot hold).
fn with_raw(base: &Value, key: &str, literal: &str) -> String {
    with(base, key, json!("__RAW_LITERAL__"))
        .to_string()
        .replace("\"__RAW_LITERAL__\"", literal)
}

async fn post_json_text(app: &TestApp, path: &str, body: impl AsRef<[u8]>) -> (Status, Value) {
    let (status, text) = app.post_raw(path, ContentType::JSON, body).await;
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("POST {path}: not JSON ({status}): {text}"));
    (status, value)
}

fn short(s: &str) -> String {
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
fn expect_invalid(what: &str, answer: &(Status, Value), fields: &[&str]) {
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
fn expect_error(what: &str, answer: &(Status, Value), status: Status, code: &str) {
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

fn html_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// The per-field messages of a re-shown form (its summary: field → message).
fn form_errors(page: &str) -> BTreeMap<String, String> {
    let re = regex::Regex::new(r##"<a href="#f-([a-z_]+)">([^<]*)</a>"##).unwrap();
    re.captures_iter(page)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

fn is_html(page: &str) -> bool {
    page.trim_start()
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype html>"))
}

/// A form shown again with status 422, naming exactly `fields`, each with its message next to
/// its input and in the summary.
#[track_caller]
fn expect_form_invalid(what: &str, status: Status, page: &str, fields: &[&str]) {
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
            assert!(
                page.contains(&format!("id=\"e-{f}\">{}</p>", errors[*f])),
                "{what}: the message for {f} is shown next to its input"
            );
        }
    }
}

#[track_caller]
fn expect_html_status(what: &str, status: Status, page: &str, want: Status) {
    assert_eq!(status, want, "{what}: {}", short(page));
    assert!(
        is_html(page),
        "{what}: an HTML page is expected: {}",
        short(page)
    );
}

type Fields = Vec<(&'static str, String)>;

fn set(base: &Fields, key: &'static str, value: &str) -> Fields {
    let mut f: Fields = base.iter().filter(|(k, _)| *k != key).cloned().collect();
    f.push((key, value.to_owned()));
    f
}

async fn post_fields(
    app: &TestApp,
    path: &str,
    fields: &Fields,
) -> (Status, String, Option<String>) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(path, &pairs).await
}

fn event_form() -> Fields {
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

fn offer_form() -> Fields {
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

fn booking_form() -> Fields {
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

// ---------------------------------------------------------------------------------------------
// Oversized fields
// ---------------------------------------------------------------------------------------------

async fn api_oversized_fields(app: &TestApp) {
    let long = "x".repeat(10_000);
    let long_json = json!(long);

    let (status, body) = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "name", long_json.clone()),
        )
        .await;
    expect_invalid(
        "event name 10,000 chars",
        &(status, body.clone()),
        &["name"],
    );
    assert_eq!(
        body["error"]["fields"]["name"],
        EN.invalid(&Invalid::TooLong { max: 150 }),
        "the message gives the limit"
    );
    for field in [
        "venue",
        "organizer_name",
        "organizer_email",
        "starts_at",
        "timezone",
        "locale",
    ] {
        let answer = app
            .post_json(
                "/api/events",
                &with(&event_body(), field, long_json.clone()),
            )
            .await;
        expect_invalid(&format!("event {field} 10,000 chars"), &answer, &[field]);
    }
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/api/events/{slug}/offers");
    for (field, named) in [
        ("driver_name", "driver_name"),
        ("driver_email", "driver_email"),
        ("driver_phone", "driver_phone"),
        ("direction", "direction"),
        ("place", "place"),
        ("departs_at", "departs_at"),
        ("notes", "notes"),
        ("locale", "locale"),
        ("return.departs_at", "return.departs_at"),
        ("return.place", "return.place"),
    ] {
        let answer = app
            .post_json(&offers, &with(&offer_body(), field, long_json.clone()))
            .await;
        expect_invalid(&format!("offer {field} 10,000 chars"), &answer, &[named]);
    }
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let reservations = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    for field in [
        "passenger_name",
        "passenger_email",
        "passenger_phone",
        "pickup",
        "message",
        "locale",
    ] {
        let answer = app
            .post_json(
                &reservations,
                &with(&booking_body(), field, long_json.clone()),
            )
            .await;
        expect_invalid(
            &format!("reservation {field} 10,000 chars"),
            &answer,
            &[field],
        );
    }
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");
}

async fn form_oversized_fields_keep_typed_values(app: &TestApp) {
    let long = "y".repeat(10_000);
    let too_long = EN.invalid(&Invalid::TooLong { max: 150 });

    // The event form: the message is shown, and every typed value is kept in its input.
    let fields = set(&event_form(), "name", &long);
    let (status, page, _) = post_fields(app, "/events?lang=en", &fields).await;
    expect_form_invalid("event form, 10,000-char name", status, &page, &["name"]);
    assert!(
        page.contains(&too_long),
        "the message is shown: {}",
        short(&page)
    );
    assert!(
        page.contains(&format!("value=\"{long}\"")),
        "the long name is kept in its input"
    );
    for (key, value) in &fields {
        if *key != "locale" {
            assert!(
                page.contains(&format!("name=\"{key}\" type="))
                    && page.contains(&format!("value=\"{}\"", html_escape(value))),
                "typed {key} is kept: {value}"
            );
        }
    }
    assert!(
        page.contains("<option value=\"en\" selected>"),
        "the chosen locale is kept"
    );
    for field in [
        "venue",
        "organizer_name",
        "organizer_email",
        "starts_at",
        "timezone",
    ] {
        let (status, page, _) =
            post_fields(app, "/events?lang=en", &set(&event_form(), field, &long)).await;
        expect_form_invalid(
            &format!("event form, 10,000-char {field}"),
            status,
            &page,
            &[field],
        );
        assert!(
            page.contains(&format!("value=\"{long}\"")),
            "{field} is kept"
        );
    }
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    // The offer form.
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let offers = format!("/e/{slug}/offers?lang=en");
    for field in [
        "driver_name",
        "driver_email",
        "driver_phone",
        "place",
        "departs_at",
        "notes",
        "return_departs_at",
        "return_place",
    ] {
        let fields = set(&offer_form(), field, &long);
        let (status, page, _) = post_fields(app, &offers, &fields).await;
        expect_form_invalid(
            &format!("offer form, 10,000-char {field}"),
            status,
            &page,
            &[field],
        );
        if field == "notes" {
            assert!(
                page.contains(&format!(">{long}</textarea>")),
                "the notes are kept"
            );
            assert!(page.contains(&EN.invalid(&Invalid::TooLong { max: 1000 })));
        } else {
            assert!(
                page.contains(&format!("value=\"{long}\"")),
                "{field} is kept"
            );
        }
        assert!(
            field == "place" || page.contains("value=\"Villeurbanne\""),
            "the other values are kept"
        );
        assert!(field == "driver_email" || page.contains("value=\"dan@mail.example\""));
        assert!(
            page.contains("value=\"to_event\" checked"),
            "the direction is kept"
        );
    }
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    // The booking form.
    let (offer, _) = app.create_offer(&slug).await;
    let book = format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap());
    for field in [
        "passenger_name",
        "passenger_email",
        "passenger_phone",
        "pickup",
        "message",
    ] {
        let fields = set(&booking_form(), field, &long);
        let (status, page, _) = post_fields(app, &book, &fields).await;
        expect_form_invalid(
            &format!("booking form, 10,000-char {field}"),
            status,
            &page,
            &[field],
        );
        if field == "message" {
            assert!(
                page.contains(&format!(">{long}</textarea>")),
                "the message is kept"
            );
        } else {
            assert!(
                page.contains(&format!("value=\"{long}\"")),
                "{field} is kept"
            );
        }
        assert!(page.contains("value=\"Station\"") || field == "pickup");
    }
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");

    // The same forms, without the hostile field, go through.
    let (status, _, location) = post_fields(app, &book, &booking_form()).await;
    assert_eq!(
        status,
        Status::Created,
        "the valid booking form is accepted"
    );
    assert!(location.is_none());
    let (status, _, _) = post_fields(app, &offers, &offer_form()).await;
    assert_eq!(status, Status::SeeOther, "the valid offer form is accepted");
    let (status, _, _) = post_fields(app, "/events", &event_form()).await;
    assert_eq!(status, Status::SeeOther, "the valid event form is accepted");
    assert_eq!(rows(app).await, (2, 4, 1));
}

/// Values exactly at the limits, in multi-byte characters, fit in both databases.
async fn values_at_the_limits_are_accepted(app: &TestApp) {
    let email = format!(
        "{}@{}.{}.{}",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(61)
    );
    assert_eq!(email.len(), 254);
    let mut body = event_body();
    body["name"] = json!("é".repeat(150));
    body["venue"] = json!("🚗".repeat(200));
    body["organizer_name"] = json!("Ö".repeat(80));
    body["organizer_email"] = json!(email);
    let (status, answer) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::Created, "{answer}");
    assert_eq!(answer["event"]["name"], "é".repeat(150));
    let slug = answer["event"]["slug"].as_str().unwrap();

    let mut body = offer_body();
    body["driver_name"] = json!("Ü".repeat(80));
    body["driver_email"] = json!(email);
    body["driver_phone"] = json!(
        format!("+33 {}", "6 ".repeat(13).trim())
            .chars()
            .take(30)
            .collect::<String>()
    );
    body["place"] = json!("ß".repeat(200));
    body["notes"] = json!("🚙\n".repeat(500));
    body["seats"] = json!(8);
    let (status, answer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    assert_eq!(answer["offer"]["seats_total"], 8);

    let mut body = booking_body();
    body["passenger_name"] = json!("ñ".repeat(80));
    body["passenger_email"] = json!(email);
    body["pickup"] = json!("€".repeat(200));
    body["message"] = json!("😀".repeat(1000));
    body["seats"] = json!(8);
    let (status, answer) = app
        .post_json(
            &format!(
                "/api/offers/{}/reservations",
                answer["offer"]["id"].as_str().unwrap()
            ),
            &body,
        )
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    assert_eq!(rows(app).await, (1, 2, 1));
}

// ---------------------------------------------------------------------------------------------
// Control characters
// ---------------------------------------------------------------------------------------------

const CONTROL_VALUES: &[&str] = &[
    "Bob\r\nBcc: x@y.z",
    "\u{0007}",
    "Bob\u{0000}",
    "Bob\u{001b}[31mred",
    "Bob\u{0085}Bcc",
    "Bob\rX",
];

async fn api_control_characters(app: &TestApp) {
    for bad in CONTROL_VALUES {
        for field in [
            "name",
            "venue",
            "organizer_name",
            "organizer_email",
            "timezone",
            "starts_at",
        ] {
            let answer = app
                .post_json("/api/events", &with(&event_body(), field, json!(bad)))
                .await;
            expect_invalid(&format!("event {field} = {bad:?}"), &answer, &[field]);
        }
    }
    // Line breaks are refused in one-line fields, and the message says why.
    let (_, body) = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "organizer_name", json!("Bob\r\nBcc: x@y.z")),
        )
        .await;
    assert_eq!(
        body["error"]["fields"]["organizer_name"],
        EN.invalid(&Invalid::ControlCharacters)
    );
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/api/events/{slug}/offers");
    for bad in CONTROL_VALUES {
        for field in [
            "driver_name",
            "driver_email",
            "driver_phone",
            "place",
            "direction",
            "departs_at",
            "return.place",
        ] {
            let answer = app
                .post_json(&offers, &with(&offer_body(), field, json!(bad)))
                .await;
            expect_invalid(&format!("offer {field} = {bad:?}"), &answer, &[field]);
        }
    }
    // Notes are multi-line: line breaks are fine there, other control characters are not.
    for bad in ["\u{0007}", "a\u{0000}b", "\u{001b}[2J", "a\rb"] {
        let answer = app
            .post_json(&offers, &with(&offer_body(), "notes", json!(bad)))
            .await;
        expect_invalid(&format!("offer notes = {bad:?}"), &answer, &["notes"]);
    }
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let reservations = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    for bad in CONTROL_VALUES {
        for field in [
            "passenger_name",
            "passenger_email",
            "passenger_phone",
            "locale",
        ] {
            let answer = app
                .post_json(&reservations, &with(&booking_body(), field, json!(bad)))
                .await;
            expect_invalid(&format!("reservation {field} = {bad:?}"), &answer, &[field]);
        }
    }
    // The pickup and the message may hold line breaks, no other control character.
    for bad in ["\u{0007}", "a\u{0000}b", "\u{001b}[2J", "a\u{0085}b"] {
        for field in ["pickup", "message"] {
            let answer = app
                .post_json(&reservations, &with(&booking_body(), field, json!(bad)))
                .await;
            expect_invalid(&format!("reservation {field} = {bad:?}"), &answer, &[field]);
        }
    }
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");

    // A multi-line message is fine.
    let answer = app
        .post_json(
            &reservations,
            &with(&booking_body(), "message", json!("Hello\r\nsee you\tsoon")),
        )
        .await;
    assert_eq!(answer.0, Status::Created, "{}", answer.1);
}

async fn form_control_characters(app: &TestApp) {
    for bad in CONTROL_VALUES {
        for field in [
            "name",
            "venue",
            "organizer_name",
            "organizer_email",
            "timezone",
        ] {
            let (status, page, _) =
                post_fields(app, "/events?lang=en", &set(&event_form(), field, bad)).await;
            expect_form_invalid(
                &format!("event form {field} = {bad:?}"),
                status,
                &page,
                &[field],
            );
        }
    }
    let (_, page, _) = post_fields(
        app,
        "/events?lang=en",
        &set(&event_form(), "organizer_name", "Bob\r\nBcc: x@y.z"),
    )
    .await;
    assert!(page.contains(&EN.invalid(&Invalid::ControlCharacters)));
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/e/{slug}/offers?lang=en");
    for bad in CONTROL_VALUES {
        for field in [
            "driver_name",
            "driver_email",
            "driver_phone",
            "place",
            "return_place",
        ] {
            let (status, page, _) =
                post_fields(app, &offers, &set(&offer_form(), field, bad)).await;
            expect_form_invalid(
                &format!("offer form {field} = {bad:?}"),
                status,
                &page,
                &[field],
            );
        }
    }
    for bad in ["\u{0007}", "a\u{0000}b"] {
        let (status, page, _) = post_fields(app, &offers, &set(&offer_form(), "notes", bad)).await;
        expect_form_invalid(
            &format!("offer form notes = {bad:?}"),
            status,
            &page,
            &["notes"],
        );
    }
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let book = format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap());
    for bad in CONTROL_VALUES {
        for field in ["passenger_name", "passenger_email", "passenger_phone"] {
            let (status, page, _) =
                post_fields(app, &book, &set(&booking_form(), field, bad)).await;
            expect_form_invalid(
                &format!("booking form {field} = {bad:?}"),
                status,
                &page,
                &[field],
            );
        }
    }
    for bad in ["\u{0007}", "a\u{0000}b", "\u{001b}[2J"] {
        for field in ["pickup", "message"] {
            let (status, page, _) =
                post_fields(app, &book, &set(&booking_form(), field, bad)).await;
            expect_form_invalid(
                &format!("booking form {field} = {bad:?}"),
                status,
                &page,
                &[field],
            );
        }
    }
    // Percent-encoded by hand, as a hostile client would send it.
    let (status, page) = app
        .post_raw(
            &book,
            ContentType::Form,
            "passenger_name=Bob%0D%0ABcc%3A+x%40y.z&passenger_email=pia%40mail.example&seats=1&message=%07",
        )
        .await;
    expect_form_invalid(
        "raw %0D%0A and %07",
        status,
        &page,
        &["passenger_name", "message"],
    );
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");
}

// ---------------------------------------------------------------------------------------------
// Wrong JSON types and bodies that are not JSON objects
// ---------------------------------------------------------------------------------------------

async fn api_wrong_json_types(app: &TestApp) {
    let wrong: [Value; 5] = [
        json!(42),
        json!(true),
        json!(["a"]),
        json!({"a": "b"}),
        json!(1.5),
    ];
    for value in &wrong {
        for field in [
            "name",
            "venue",
            "starts_at",
            "timezone",
            "organizer_name",
            "organizer_email",
            "locale",
        ] {
            let answer = app
                .post_json("/api/events", &with(&event_body(), field, value.clone()))
                .await;
            expect_invalid(&format!("event {field} = {value}"), &answer, &[field]);
        }
    }
    let (_, body) = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "name", json!(42)),
        )
        .await;
    assert_eq!(
        body["error"]["fields"]["name"],
        EN.invalid(&Invalid::WrongType { expected: "string" }),
        "the message says a string is expected"
    );
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/api/events/{slug}/offers");
    for value in &wrong {
        for field in [
            "driver_name",
            "driver_email",
            "driver_phone",
            "direction",
            "place",
            "departs_at",
            "notes",
            "return.departs_at",
            "return.place",
        ] {
            let answer = app
                .post_json(&offers, &with(&offer_body(), field, value.clone()))
                .await;
            expect_invalid(&format!("offer {field} = {value}"), &answer, &[field]);
        }
    }
    // Seats: a string, a float, an array, an object, a boolean.
    for value in [
        json!("3"),
        json!("three"),
        json!(2.5),
        json!([3]),
        json!({"n": 3}),
        json!(true),
    ] {
        let answer = app
            .post_json(&offers, &with(&offer_body(), "seats", value.clone()))
            .await;
        expect_invalid(&format!("offer seats = {value}"), &answer, &["seats"]);
        let answer = app
            .post_json(&offers, &with(&offer_body(), "return.seats", value.clone()))
            .await;
        expect_invalid(
            &format!("offer return.seats = {value}"),
            &answer,
            &["return.seats"],
        );
    }
    let (_, body) = app
        .post_json(
            &format!("{offers}?lang=en"),
            &with(&offer_body(), "seats", json!("3")),
        )
        .await;
    assert_eq!(
        body["error"]["fields"]["seats"],
        EN.invalid(&Invalid::WrongType {
            expected: "integer"
        })
    );
    // `return` must be an object.
    for value in [
        json!("tomorrow 19:00"),
        json!([]),
        json!([local_in_days(10, 19)]),
        json!(5),
        json!(true),
    ] {
        let answer = app
            .post_json(&offers, &with(&offer_body(), "return", value.clone()))
            .await;
        expect_invalid(&format!("offer return = {value}"), &answer, &["return"]);
    }
    // An empty `return` object lacks its departure time.
    let answer = app
        .post_json(&offers, &with(&offer_body(), "return", json!({})))
        .await;
    expect_invalid("offer return = {}", &answer, &["return.departs_at"]);
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let reservations = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    for value in &wrong {
        for field in [
            "passenger_name",
            "passenger_email",
            "passenger_phone",
            "pickup",
            "message",
            "locale",
        ] {
            let answer = app
                .post_json(&reservations, &with(&booking_body(), field, value.clone()))
                .await;
            expect_invalid(&format!("reservation {field} = {value}"), &answer, &[field]);
        }
    }
    for value in [
        json!("1"),
        json!(1.5),
        json!([1]),
        json!({"n": 1}),
        json!(false),
    ] {
        let answer = app
            .post_json(
                &reservations,
                &with(&booking_body(), "seats", value.clone()),
            )
            .await;
        expect_invalid(&format!("reservation seats = {value}"), &answer, &["seats"]);
    }
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");
}

async fn api_bodies_that_are_not_json_objects(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    let paths = [
        "/api/events".to_owned(),
        format!("/api/events/{slug}/offers"),
        format!("/api/offers/{offer_id}/reservations"),
    ];
    let deep = format!("{{\"name\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("an array", b"[1, 2]".to_vec()),
        ("an empty array", b"[]".to_vec()),
        ("a string", b"\"hello\"".to_vec()),
        ("a number", b"42".to_vec()),
        ("null", b"null".to_vec()),
        ("true", b"true".to_vec()),
        ("malformed: unclosed", b"{".to_vec()),
        ("malformed: missing value", b"{\"name\": }".to_vec()),
        ("malformed: single quotes", b"{'name': 'x'}".to_vec()),
        ("malformed: trailing comma", b"{\"name\": \"x\",}".to_vec()),
        ("malformed: two objects", b"{}{}".to_vec()),
        (
            "malformed: lone surrogate",
            b"{\"name\": \"\\ud800\"}".to_vec(),
        ),
        ("malformed: bad escape", b"{\"name\": \"\\x41\"}".to_vec()),
        ("malformed: form encoding", b"name=x&venue=y".to_vec()),
        ("malformed: nested 5000 deep", deep.into_bytes()),
        ("empty body", Vec::new()),
        ("whitespace only", b"  \n ".to_vec()),
    ];
    for path in &paths {
        for (what, body) in &bodies {
            let answer = post_json_text(app, path, body).await;
            expect_error(
                &format!("POST {path} with {what}"),
                &answer,
                Status::BadRequest,
                "malformed",
            );
        }
    }
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");
}

// ---------------------------------------------------------------------------------------------
// Unknown slugs and ids
// ---------------------------------------------------------------------------------------------

async fn unknown_slugs_and_ids(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    let upper = slug.to_uppercase();
    let long_slug = "a".repeat(5000);

    for path in [
        "/e/nope-123".to_owned(),
        "/e/nope-123?created=1".to_owned(),
        "/e/nope-123/offers/new".to_owned(),
        format!("/e/{upper}"),
        "/e/%00".to_owned(),
        "/e/%FF".to_owned(),
        "/e/..%2F..%2Fetc%2Fpasswd".to_owned(),
        format!("/e/{long_slug}"),
        "/o/999999".to_owned(),
        "/o/abc".to_owned(),
        "/o/-1".to_owned(),
        "/o/0".to_owned(),
        "/o/1.5".to_owned(),
        "/o/99999999999999999999".to_owned(),
        "/o/9223372036854775807".to_owned(),
        "/o/%00".to_owned(),
        "/nope".to_owned(),
    ] {
        let (status, page) = app.get(&path).await;
        expect_html_status(&format!("GET {path}"), status, &page, Status::NotFound);
    }

    for path in [
        "/api/events/nope-123".to_owned(),
        "/api/events/UPPER".to_owned(),
        format!("/api/events/{upper}"),
        "/api/events/%00".to_owned(),
        "/api/events/%FF".to_owned(),
        format!("/api/events/{long_slug}"),
        "/api/offers/999999".to_owned(),
        "/api/offers/99999999999999999999".to_owned(),
        "/api/offers/abc".to_owned(),
        "/api/offers/-1".to_owned(),
        "/api/offers/0".to_owned(),
        "/api/offers/%00".to_owned(),
        "/api/nope".to_owned(),
    ] {
        let answer = app.get_json(&path).await;
        expect_error(
            &format!("GET {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }

    // POSTs to unknown targets, with otherwise valid bodies.
    for path in [
        "/e/nope-123/offers".to_owned(),
        format!("/e/{upper}/offers"),
    ] {
        let (status, page, _) = post_fields(app, &path, &offer_form()).await;
        expect_html_status(&format!("POST {path}"), status, &page, Status::NotFound);
    }
    for path in [
        "/o/999999/requests",
        "/o/abc/requests",
        "/o/-1/requests",
        "/o/99999999999999999999/requests",
    ] {
        let (status, page, _) = post_fields(app, path, &booking_form()).await;
        expect_html_status(&format!("POST {path}"), status, &page, Status::NotFound);
    }
    for path in [
        "/api/events/nope-123/offers".to_owned(),
        format!("/api/events/{upper}/offers"),
    ] {
        let answer = app.post_json(&path, &offer_body()).await;
        expect_error(
            &format!("POST {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }
    for path in [
        "/api/offers/999999/reservations",
        "/api/offers/99999999999999999999/reservations",
        "/api/offers/abc/reservations",
        "/api/offers/-1/reservations",
    ] {
        let answer = app.post_json(path, &booking_body()).await;
        expect_error(
            &format!("POST {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");

    // The real ones are found.
    let (status, _) = app.get(&format!("/e/{slug}")).await;
    assert_eq!(status, Status::Ok);
    let (status, _) = app.get_json(&format!("/api/offers/{offer_id}")).await;
    assert_eq!(status, Status::Ok);
}

// ---------------------------------------------------------------------------------------------
// Seat counts
// ---------------------------------------------------------------------------------------------

const BAD_SEATS: &[&str] = &[
    "-1",
    "0",
    "9",
    "1e30",
    "99999999999999999999",
    "-99999999999999999999",
];

async fn api_seat_counts(app: &TestApp) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/api/events/{slug}/offers");
    for literal in BAD_SEATS {
        let answer = post_json_text(app, &offers, with_raw(&offer_body(), "seats", literal)).await;
        expect_invalid(&format!("offer seats = {literal}"), &answer, &["seats"]);
        let answer = post_json_text(
            app,
            &offers,
            with_raw(&offer_body(), "return.seats", literal),
        )
        .await;
        expect_invalid(
            &format!("offer return.seats = {literal}"),
            &answer,
            &["return.seats"],
        );
    }
    let (_, body) = app
        .post_json(
            &format!("{offers}?lang=en"),
            &with(&offer_body(), "seats", json!(9)),
        )
        .await;
    assert_eq!(
        body["error"]["fields"]["seats"],
        EN.invalid(&Invalid::Seats { max: 8 })
    );
    // A missing seat count is required.
    let mut body = offer_body();
    body.as_object_mut().unwrap().remove("seats");
    let answer = app.post_json(&offers, &body).await;
    expect_invalid("offer without seats", &answer, &["seats"]);
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let reservations = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    for literal in BAD_SEATS {
        let answer = post_json_text(
            app,
            &reservations,
            with_raw(&booking_body(), "seats", literal),
        )
        .await;
        expect_invalid(
            &format!("reservation seats = {literal}"),
            &answer,
            &["seats"],
        );
    }
    // Within 1..=8 but more than the offer has: a 409, not a 422.
    let answer = app
        .post_json(&reservations, &with(&booking_body(), "seats", json!(4)))
        .await;
    expect_error(
        "reservation seats = 4 of 3",
        &answer,
        Status::Conflict,
        "not_enough_seats",
    );
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");
}

async fn form_seat_counts(app: &TestApp) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let offers = format!("/e/{slug}/offers?lang=en");
    let bad: Vec<&str> = BAD_SEATS
        .iter()
        .copied()
        .chain(["2.5", "three", "3 seats", "+-3"])
        .collect();
    for value in &bad {
        let (status, page, _) =
            post_fields(app, &offers, &set(&offer_form(), "seats", value)).await;
        expect_form_invalid(
            &format!("offer form seats = {value}"),
            status,
            &page,
            &["seats"],
        );
        assert!(
            page.contains(&format!("value=\"{value}\"")),
            "the typed seats are kept"
        );
        let (status, page, _) =
            post_fields(app, &offers, &set(&offer_form(), "return_seats", value)).await;
        expect_form_invalid(
            &format!("offer form return_seats = {value}"),
            status,
            &page,
            &["return_seats"],
        );
    }
    let (status, page, _) = post_fields(app, &offers, &set(&offer_form(), "seats", "")).await;
    expect_form_invalid("offer form without seats", status, &page, &["seats"]);
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    let (offer, _) = app.create_offer(slug).await;
    let book = format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap());
    for value in &bad {
        let (status, page, _) =
            post_fields(app, &book, &set(&booking_form(), "seats", value)).await;
        expect_form_invalid(
            &format!("booking form seats = {value}"),
            status,
            &page,
            &["seats"],
        );
    }
    let (status, page, _) = post_fields(app, &book, &set(&booking_form(), "seats", "4")).await;
    expect_html_status(
        "booking form seats = 4 of 3",
        status,
        &page,
        Status::Conflict,
    );
    assert_eq!(rows(app).await, (1, 2, 0), "no reservation saved");
}

// ---------------------------------------------------------------------------------------------
// Dates and time zones
// ---------------------------------------------------------------------------------------------

const NOT_DATES: &[&str] = &[
    "tomorrow",
    "2027-02-30T10:00",
    "2027-13-01T10:00",
    "2027-03-10T25:00",
    "10:00",
    "27/03/2027 10:00",
    "0000-00-00T00:00",
    "2027-03-10T10:00+25:00",
    "1e30",
    "-1",
    "2027-03-10T10:00:00.000000000000000000000000000000000000000000000Z",
];

/// 28 March 2027, 02:30 does not exist in Paris (clocks go from 02:00 to 03:00).
const SKIPPED_IN_PARIS: &str = "2027-03-28T02:30";

async fn api_bad_dates(app: &TestApp) {
    for value in [
        "2020-01-01T10:00",
        "2001-01-01T00:00:00Z",
        &local_in_days(-1, 10),
    ] {
        let answer = app
            .post_json(
                "/api/events",
                &with(&event_body(), "starts_at", json!(value)),
            )
            .await;
        expect_invalid(
            &format!("event starts_at = {value} (past)"),
            &answer,
            &["starts_at"],
        );
    }
    for value in NOT_DATES {
        let answer = app
            .post_json(
                "/api/events",
                &with(&event_body(), "starts_at", json!(value)),
            )
            .await;
        expect_invalid(
            &format!("event starts_at = {value}"),
            &answer,
            &["starts_at"],
        );
    }
    let answer = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "starts_at", json!(SKIPPED_IN_PARIS)),
        )
        .await;
    expect_invalid("event starts_at in the DST gap", &answer, &["starts_at"]);
    assert_eq!(
        answer.1["error"]["fields"]["starts_at"],
        EN.invalid(&Invalid::NonexistentLocalTime)
    );
    let answer = app
        .post_json("/api/events", &with(&event_body(), "starts_at", json!("")))
        .await;
    expect_invalid("event starts_at empty", &answer, &["starts_at"]);
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    // An event on the day of the change, so that the offer times only fail for the gap.
    let mut body = event_body();
    body["starts_at"] = json!("2027-03-28T10:00");
    let (status, event) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::Created, "{event}");
    let offers = format!(
        "/api/events/{}/offers?lang=en",
        event["event"]["slug"].as_str().unwrap()
    );
    let mut offer = offer_body();
    offer["departs_at"] = json!("2027-03-28T08:00");
    offer["return"] = json!({"departs_at": "2027-03-28T19:00"});

    let answer = app
        .post_json(
            &offers,
            &with(&offer, "departs_at", json!(SKIPPED_IN_PARIS)),
        )
        .await;
    expect_invalid("offer departs_at in the DST gap", &answer, &["departs_at"]);
    assert_eq!(
        answer.1["error"]["fields"]["departs_at"],
        EN.invalid(&Invalid::NonexistentLocalTime)
    );
    let answer = app
        .post_json(
            &offers,
            &with(&offer, "return.departs_at", json!(SKIPPED_IN_PARIS)),
        )
        .await;
    expect_invalid(
        "offer return.departs_at in the DST gap",
        &answer,
        &["return.departs_at"],
    );
    assert_eq!(
        answer.1["error"]["fields"]["return.departs_at"],
        EN.invalid(&Invalid::NonexistentLocalTime)
    );
    for value in NOT_DATES
        .iter()
        .copied()
        .chain(["2020-01-01T10:00", "2001-01-01T00:00:00Z"])
    {
        let answer = app
            .post_json(&offers, &with(&offer, "departs_at", json!(value)))
            .await;
        expect_invalid(
            &format!("offer departs_at = {value}"),
            &answer,
            &["departs_at"],
        );
        let answer = app
            .post_json(&offers, &with(&offer, "return.departs_at", json!(value)))
            .await;
        expect_invalid(
            &format!("offer return.departs_at = {value}"),
            &answer,
            &["return.departs_at"],
        );
    }
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");

    // The same offer, with real times, is accepted (03:30 exists: it is 02:30 that does not).
    let answer = app
        .post_json(
            &offers,
            &with(&offer, "departs_at", json!("2027-03-28T03:30")),
        )
        .await;
    assert_eq!(answer.0, Status::Created, "{}", answer.1);
    assert_eq!(answer.1["offer"]["departs_at"], "2027-03-28T03:30:00+02:00");
}

async fn form_bad_dates(app: &TestApp) {
    let past = local_in_days(-1, 10);
    for value in
        NOT_DATES
            .iter()
            .copied()
            .chain(["2020-01-01T10:00", past.as_str(), SKIPPED_IN_PARIS, ""])
    {
        let (status, page, _) = post_fields(
            app,
            "/events?lang=en",
            &set(&event_form(), "starts_at", value),
        )
        .await;
        expect_form_invalid(
            &format!("event form starts_at = {value}"),
            status,
            &page,
            &["starts_at"],
        );
        assert!(
            page.contains(&format!("value=\"{}\"", html_escape(value))),
            "the typed date is kept"
        );
    }
    let (_, page, _) = post_fields(
        app,
        "/events?lang=en",
        &set(&event_form(), "starts_at", SKIPPED_IN_PARIS),
    )
    .await;
    assert!(
        page.contains(&html_escape(&EN.invalid(&Invalid::NonexistentLocalTime))),
        "the DST message is shown"
    );
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let mut event = event_body();
    event["starts_at"] = json!("2027-03-28T10:00");
    let (status, event) = app.post_json("/api/events", &event).await;
    assert_eq!(status, Status::Created, "{event}");
    let offers = format!(
        "/e/{}/offers?lang=en",
        event["event"]["slug"].as_str().unwrap()
    );
    let form = set(
        &set(&offer_form(), "departs_at", "2027-03-28T08:00"),
        "return_departs_at",
        "2027-03-28T19:00",
    );
    for value in NOT_DATES
        .iter()
        .copied()
        .chain(["2020-01-01T10:00", SKIPPED_IN_PARIS])
    {
        let (status, page, _) = post_fields(app, &offers, &set(&form, "departs_at", value)).await;
        expect_form_invalid(
            &format!("offer form departs_at = {value}"),
            status,
            &page,
            &["departs_at"],
        );
        let (status, page, _) =
            post_fields(app, &offers, &set(&form, "return_departs_at", value)).await;
        expect_form_invalid(
            &format!("offer form return_departs_at = {value}"),
            status,
            &page,
            &["return_departs_at"],
        );
    }
    let (_, page, _) = post_fields(app, &offers, &set(&form, "departs_at", SKIPPED_IN_PARIS)).await;
    assert!(page.contains(&html_escape(&EN.invalid(&Invalid::NonexistentLocalTime))));
    assert_eq!(rows(app).await, (1, 0, 0), "no offer saved");
    let (status, _, _) = post_fields(app, &offers, &form).await;
    assert_eq!(
        status,
        Status::SeeOther,
        "the same form with real times is accepted"
    );
}

async fn unknown_time_zones(app: &TestApp) {
    let long = "Europe/".repeat(2000);
    let zones = [
        "Mars/Olympus",
        "Europe/Pariss",
        "UTC+2",
        "+02:00",
        "../../etc/passwd",
        "Europe/Paris\u{0000}",
        "Europe/Paris\r\nX: y",
        long.as_str(),
    ];
    for zone in zones {
        let answer = app
            .post_json("/api/events", &with(&event_body(), "timezone", json!(zone)))
            .await;
        expect_invalid(
            &format!("API timezone = {}", short(zone)),
            &answer,
            &["timezone"],
        );
        let (status, page, _) = post_fields(
            app,
            "/events?lang=en",
            &set(&event_form(), "timezone", zone),
        )
        .await;
        expect_form_invalid(
            &format!("form timezone = {}", short(zone)),
            status,
            &page,
            &["timezone"],
        );
    }
    let (_, body) = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "timezone", json!("Mars/Olympus")),
        )
        .await;
    assert_eq!(
        body["error"]["fields"]["timezone"],
        EN.invalid(&Invalid::TimeZone)
    );
    let (_, page, _) = post_fields(
        app,
        "/events?lang=en",
        &set(&event_form(), "timezone", "Mars/Olympus"),
    )
    .await;
    assert!(
        page.contains(&EN.invalid(&Invalid::TimeZone)),
        "the message is shown"
    );
    assert!(
        page.contains("value=\"Mars/Olympus\""),
        "the typed zone is kept"
    );
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    // A real zone other than the default is fine.
    let answer = app
        .post_json(
            "/api/events",
            &with(&event_body(), "timezone", json!("America/New_York")),
        )
        .await;
    assert_eq!(answer.0, Status::Created, "{}", answer.1);
    assert_eq!(answer.1["event"]["timezone"], "America/New_York");
}

// ---------------------------------------------------------------------------------------------
// Malformed bodies
// ---------------------------------------------------------------------------------------------

async fn malformed_form_encoding(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    let garbage = "name=%ZZ%&&=&seats=%FF";
    let targets = [
        "/events?lang=en".to_owned(),
        format!("/e/{slug}/offers?lang=en"),
        format!("/o/{offer_id}/requests?lang=en"),
    ];
    for path in &targets {
        for body in [
            garbage,
            "%",
            "&&&",
            "=",
            "==&==",
            "a=%",
            "%%%%=%%%%",
            "seats=1&seats=%FF%FE",
        ] {
            let (status, page) = app.post_raw(path, ContentType::Form, body).await;
            assert_eq!(
                status,
                Status::UnprocessableEntity,
                "POST {path} {body:?}: {}",
                short(&page)
            );
            assert!(is_html(&page), "POST {path} {body:?}: HTML expected");
            assert!(
                !form_errors(&page).is_empty(),
                "POST {path} {body:?}: errors are listed"
            );
        }
        // A form sent with the wrong content type, or none, is read as a form all the same.
        for (ct, body) in [
            (ContentType::JSON, "{\"name\": \"x\"}"),
            (ContentType::Plain, "hello"),
            (ContentType::Binary, "\u{0}\u{1}\u{2}"),
        ] {
            let (status, page) = app.post_raw(path, ct.clone(), body).await;
            assert_eq!(
                status,
                Status::UnprocessableEntity,
                "POST {path} as {ct}: {}",
                short(&page)
            );
        }
    }
    // Booking: the undecodable seat count is named.
    let (_, page) = app.post_raw(&targets[2], ContentType::Form, garbage).await;
    assert!(form_errors(&page).contains_key("seats"), "seats is named");
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");

    // Junk pairs around a valid form do not stop it.
    let valid = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(event_form())
        .finish();
    let (status, page) = app
        .post_raw(
            "/events",
            ContentType::Form,
            format!("%ZZ=%&&=&{valid}&x=%E9%"),
        )
        .await;
    assert_eq!(status, Status::SeeOther, "{}", short(&page));
    assert_eq!(rows(app).await, (2, 2, 0));
}

async fn bodies_over_the_limit(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    const KIB: usize = 1024;
    // Every case is tried, and every wrong answer listed, before the test fails.
    let mut wrong: Vec<String> = Vec::new();

    // Forms: 70 KiB, then 2 MiB, to each form: 413 and an HTML page.
    for size in [70 * KIB, 2048 * KIB] {
        for (path, base) in [
            ("/events".to_owned(), event_form()),
            (format!("/e/{slug}/offers"), offer_form()),
            (format!("/o/{offer_id}/requests"), booking_form()),
        ] {
            let mut body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(base)
                .finish();
            body.push_str("&padding=");
            body.push_str(&"z".repeat(size));
            let (status, page) = app.post_raw(&path, ContentType::Form, body).await;
            if status != Status::PayloadTooLarge || !is_html(&page) {
                wrong.push(format!(
                    "POST {path} with a {} KiB form: expected 413 (HTML), got {status}",
                    size / KIB
                ));
            }
        }
    }
    // JSON: 70 KiB, then 2 MiB, to each call: 413 with code too_large.
    for size in [70 * KIB, 2048 * KIB] {
        for (path, base) in [
            ("/api/events".to_owned(), event_body()),
            (format!("/api/events/{slug}/offers"), offer_body()),
            (
                format!("/api/offers/{offer_id}/reservations"),
                booking_body(),
            ),
        ] {
            let body = with(&base, "padding", json!("z".repeat(size)));
            let (status, answer) = app.post_json(&path, &body).await;
            if status != Status::PayloadTooLarge || answer["error"]["code"] != "too_large" {
                wrong.push(format!(
                    "POST {path} with a {} KiB JSON body: expected 413 too_large, got {status} {}",
                    size / KIB,
                    short(&answer.to_string())
                ));
            }
        }
    }
    let saved = rows(app).await;
    if saved != (1, 2, 0) {
        wrong.push(format!(
            "bodies over the limit saved rows: (events, offers, reservations) = {saved:?}, expected (1, 2, 0)"
        ));
    }

    // Under the 64 KiB limit, a body with an unknown padding field is read as usual.
    let mut body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(booking_form())
        .finish();
    body.push_str("&padding=");
    body.push_str(&"z".repeat(48 * KIB));
    let (status, _) = app
        .post_raw(&format!("/o/{offer_id}/requests"), ContentType::Form, body)
        .await;
    if status != Status::Created {
        wrong.push(format!(
            "POST /o/{offer_id}/requests with a 48 KiB form (under 64 KiB): expected 201, got {status}"
        ));
    }
    let (status, answer) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &with(
                &with(
                    &booking_body(),
                    "passenger_email",
                    json!("other@example.org"),
                ),
                "padding",
                json!("z".repeat(48 * KIB)),
            ),
        )
        .await;
    if status != Status::Created {
        wrong.push(format!(
            "POST /api/offers/{offer_id}/reservations with a 48 KiB JSON body (under 64 KiB): expected 201, got {status} {answer}"
        ));
    }
    assert!(wrong.is_empty(), "body limits:\n{}", wrong.join("\n"));
}

async fn invalid_utf8_bodies(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    fn form_bytes(fields: &Fields, key: &str, raw: &[u8]) -> Vec<u8> {
        let rest: Fields = fields.iter().filter(|(k, _)| *k != key).cloned().collect();
        let mut body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(rest)
            .finish()
            .into_bytes();
        body.extend_from_slice(format!("&{key}=").as_bytes());
        body.extend_from_slice(raw);
        body
    }
    let bad: &[&[u8]] = &[
        b"\xff\xfe",
        b"caf\xe9",
        b"\xc3\x28",
        b"\xed\xa0\x80",
        b"\xf8\x88\x80\x80\x80",
    ];

    for raw in bad {
        for field in ["organizer_email", "starts_at", "timezone", "locale"] {
            let (status, page) = app
                .post_raw(
                    "/events?lang=en",
                    ContentType::Form,
                    form_bytes(&event_form(), field, raw),
                )
                .await;
            expect_form_invalid(
                &format!("event form {field} = {raw:?}"),
                status,
                &page,
                &[field],
            );
        }
        for field in [
            "driver_email",
            "driver_phone",
            "departs_at",
            "seats",
            "direction",
        ] {
            let (status, page) = app
                .post_raw(
                    &format!("/e/{slug}/offers?lang=en"),
                    ContentType::Form,
                    form_bytes(&offer_form(), field, raw),
                )
                .await;
            expect_form_invalid(
                &format!("offer form {field} = {raw:?}"),
                status,
                &page,
                &[field],
            );
        }
        for field in ["passenger_email", "passenger_phone", "seats"] {
            let (status, page) = app
                .post_raw(
                    &format!("/o/{offer_id}/requests?lang=en"),
                    ContentType::Form,
                    form_bytes(&booking_form(), field, raw),
                )
                .await;
            expect_form_invalid(
                &format!("booking form {field} = {raw:?}"),
                status,
                &page,
                &[field],
            );
        }
        // The same bytes raw in a JSON string: JSON must be UTF-8, so the body is malformed.
        let mut json_body = br#"{"passenger_name": "Paul", "passenger_email": "p"#.to_vec();
        json_body.extend_from_slice(raw);
        json_body.extend_from_slice(br#"@example.org", "seats": 1}"#);
        let answer = post_json_text(
            app,
            &format!("/api/offers/{offer_id}/reservations"),
            json_body,
        )
        .await;
        assert_eq!(answer.0, Status::BadRequest, "{}", answer.1);
        assert_eq!(answer.1["error"]["code"], "malformed", "{}", answer.1);
        // Percent-encoded invalid UTF-8.
        let encoded: String = raw.iter().map(|b| format!("%{b:02X}")).collect();
        let (status, page) = app
            .post_raw(
                &format!("/o/{offer_id}/requests?lang=en"),
                ContentType::Form,
                format!("passenger_name=Pia&passenger_email=pia{encoded}%40mail.example&seats=1"),
            )
            .await;
        expect_form_invalid(
            &format!("booking form %-encoded {raw:?}"),
            status,
            &page,
            &["passenger_email"],
        );
    }
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");

    // In free text too, bytes that are not UTF-8 are refused under their field, never stored.
    let (status, page) = app
        .post_raw(
            "/events?lang=en",
            ContentType::Form,
            form_bytes(&event_form(), "name", b"Caf\xe9 \xff party"),
        )
        .await;
    expect_form_invalid("event name with invalid UTF-8", status, &page, &["name"]);
    assert!(page.contains("not UTF-8"), "{}", short(&page));
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");
}

// ---------------------------------------------------------------------------------------------
// Markup
// ---------------------------------------------------------------------------------------------

async fn markup_is_escaped(app: &TestApp) {
    let script = "<script>alert(1)</script>";
    let breakout = "\"><img src=x onerror=alert(2)>";
    let mut body = event_body();
    body["name"] = json!(format!("Fête {script}"));
    body["venue"] = json!(breakout);
    let (status, event) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::Created, "{event}");
    let slug = event["event"]["slug"].as_str().unwrap();
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug}"
    );
    let mut offer = offer_body();
    offer["driver_name"] = json!(format!("{breakout} Smith"));
    offer["place"] = json!(script);
    offer["notes"] = json!(format!("{script}\n{breakout}"));
    let (status, created) = app
        .post_json(&format!("/api/events/{slug}/offers"), &offer)
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let id = created["offer"]["id"].as_str().unwrap().to_owned();

    let (status, typed, _) = post_fields(
        app,
        &format!("/o/{id}/requests?lang=en"),
        &set(&set(&booking_form(), "pickup", breakout), "seats", "zero"),
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    for (what, page) in [
        ("event page", app.get(&format!("/e/{slug}")).await.1),
        ("offer page", app.get(&format!("/o/{id}")).await.1),
        (
            "new offer page",
            app.get(&format!("/e/{slug}/offers/new")).await.1,
        ),
        ("booking form shown again", typed),
    ] {
        assert!(
            !page.contains("<script>alert"),
            "{what}: a script tag got through"
        );
        assert!(
            !page.contains("<img src=x"),
            "{what}: an attribute breakout got through"
        );
        assert!(
            page.contains("&#60;script&#62;alert(1)") || page.contains("&lt;script&gt;alert(1)"),
            "{what}: the event name is shown, escaped"
        );
    }
}

/// Far-future and out-of-range dates (year 10000, the largest year a date library holds, a zone
/// fourteen hours east) are refused under their field everywhere a date is typed: creating an
/// event, offering a ride and its return (API and forms), and editing a ride. Never a 500,
/// nothing saved, and the two-year horizon holds.
async fn extreme_dates(app: &TestApp) {
    const FAR: &[&str] = &[
        "+262142-12-31T23:59:59+14:00",
        "262142-12-31T23:59",
        "+262142-12-31T23:59",
        "10000-01-01T00:00",
        "9999-12-31T23:59:59+14:00",
        "9999-12-31T23:59",
        "2999-01-01T10:00",
    ];
    let beyond_horizon = local_in_days(800, 10);
    let far = FAR.iter().copied().chain([beyond_horizon.as_str()]);
    for zone in ["Pacific/Kiritimati", "Etc/GMT+12"] {
        for value in far.clone() {
            let mut body = with(&event_body(), "starts_at", json!(value));
            body["timezone"] = json!(zone);
            let answer = app.post_json("/api/events?lang=en", &body).await;
            expect_invalid(
                &format!("event starts_at = {value} ({zone})"),
                &answer,
                &["starts_at"],
            );
            let mut form = set(&event_form(), "starts_at", value);
            form = set(&form, "timezone", zone);
            let (status, page, _) = post_fields(app, "/events?lang=en", &form).await;
            expect_form_invalid(
                &format!("event form starts_at = {value}"),
                status,
                &page,
                &["starts_at"],
            );
        }
    }
    let answer = app
        .post_json(
            "/api/events?lang=en",
            &with(&event_body(), "starts_at", json!(beyond_horizon)),
        )
        .await;
    assert_eq!(
        answer.1["error"]["fields"]["starts_at"],
        EN.invalid(&Invalid::TooFarAhead)
    );
    assert_eq!(rows(app).await, (0, 0, 0), "no event saved");

    let (slug, offer_id, _) = event_with_offer(app).await;
    let offers = format!("/api/events/{slug}/offers?lang=en");
    let form_offers = format!("/e/{slug}/offers?lang=en");
    for value in far.clone() {
        for key in ["departs_at", "return.departs_at"] {
            let answer = app
                .post_json(&offers, &with(&offer_body(), key, json!(value)))
                .await;
            expect_invalid(&format!("offer {key} = {value}"), &answer, &[key]);
        }
        for key in ["departs_at", "return_departs_at"] {
            let form = set(
                &set(&offer_form(), "return_departs_at", &local_in_days(10, 19)),
                key,
                value,
            );
            let (status, page, _) = post_fields(app, &form_offers, &form).await;
            expect_form_invalid(
                &format!("offer form {key} = {value}"),
                status,
                &page,
                &[key],
            );
        }
    }
    assert_eq!(rows(app).await, (1, 2, 0), "no offer saved");

    // Editing a ride through the driver's link.
    let internal = app.offer_row(&offer_id).await;
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Manage,
        internal.id,
        chrono::Utc::now() + chrono::Duration::days(1),
    );
    let edit = format!("/link/manage/{token}/edit?lang=en");
    for value in far {
        let fields: Fields = vec![
            ("departs_at", value.to_owned()),
            ("place", "Villeurbanne".to_owned()),
            ("seats", "3".to_owned()),
            ("notes", String::new()),
        ];
        let (status, page, _) = post_fields(app, &edit, &fields).await;
        expect_form_invalid(
            &format!("edit departs_at = {value}"),
            status,
            &page,
            &["departs_at"],
        );
    }
    assert_eq!(
        app.offer_row(&offer_id).await.departs_at,
        internal.departs_at,
        "unchanged"
    );
}
