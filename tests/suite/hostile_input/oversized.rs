//! hostile_input: Oversized fields.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(
    api_oversized_fields,
    form_oversized_fields_keep_typed_values
);
on_both_backends!(values_at_the_limits_are_accepted);

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
        T::get(Lang::En).invalid(&Invalid::TooLong { max: 150 }),
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
    let too_long = T::get(Lang::En).invalid(&Invalid::TooLong { max: 150 });

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
        page.contains("<option value=\"en\" lang=\"en\" selected>"),
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
            assert!(page.contains(&T::get(Lang::En).invalid(&Invalid::TooLong { max: 1000 })));
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
        Status::SeeOther,
        "the valid booking form is accepted"
    );
    assert!(location.is_some_and(|l| l.contains("/sent?")));
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
