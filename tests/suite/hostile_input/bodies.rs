//! hostile_input: Malformed bodies.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(
    malformed_form_encoding,
    bodies_over_the_limit,
    invalid_utf8_bodies
);

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
    if status != Status::SeeOther {
        wrong.push(format!(
            "POST /o/{offer_id}/requests with a 48 KiB form (under 64 KiB): expected 303 to its confirmation, got {status}"
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
