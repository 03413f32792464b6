//! hostile_input: Control characters.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(api_control_characters, form_control_characters);

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
        T::get(Lang::En).invalid(&Invalid::ControlCharacters)
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
    assert!(page.contains(&T::get(Lang::En).invalid(&Invalid::ControlCharacters)));
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
