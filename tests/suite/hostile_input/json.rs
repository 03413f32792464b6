//! hostile_input: Wrong JSON types and bodies that are not JSON objects.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(api_wrong_json_types, api_bodies_that_are_not_json_objects);

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
        T::get(Lang::En).invalid(&Invalid::WrongType { expected: "string" }),
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
        T::get(Lang::En).invalid(&Invalid::WrongType {
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
