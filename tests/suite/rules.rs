//! Each booking rule, in JSON (422 `invalid` with `fields`, or a 409 code) and in pages
//! (422 page with the field's message and the typed values kept; 409 page), on both backends.
use crate::common;

use chrono::{Duration, Utc};
use common::{TestApp, event_body, local_in_days, offer_body};
use covoit::entities::{offer, reservation};
use rocket::http::Status;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use serde_json::{Value, json};

on_both_backends!(
    event_rules_in_json,
    offer_rules_in_json,
    reservation_rules_in_json,
    conflicts_in_json,
    rules_in_pages,
    conflicts_in_pages,
);

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

async fn expect_invalid(app: &TestApp, path: &str, body: Value, field: &str) {
    let (status, answer) = app.post_json(path, &body).await;
    assert_eq!(status, Status::UnprocessableEntity, "{field}: {answer}");
    assert_eq!(answer["error"]["code"], "invalid");
    let message = answer["error"]["fields"][field].as_str().unwrap_or("");
    assert!(!message.is_empty(), "no message for {field}: {answer}");
}

async fn event_rules_in_json(app: &TestApp) {
    let path = "/api/events";
    for field in [
        "name",
        "venue",
        "starts_at",
        "organizer_name",
        "organizer_email",
    ] {
        expect_invalid(app, path, with(event_body(), field, json!("")), field).await;
    }
    expect_invalid(
        app,
        path,
        with(event_body(), "organizer_email", json!("not-an-email")),
        "organizer_email",
    )
    .await;
    expect_invalid(
        app,
        path,
        with(event_body(), "timezone", json!("Europe/Atlantis")),
        "timezone",
    )
    .await;
    expect_invalid(
        app,
        path,
        with(event_body(), "starts_at", json!(local_in_days(-2, 10))),
        "starts_at",
    )
    .await;
    expect_invalid(
        app,
        path,
        with(event_body(), "locale", json!("pt")),
        "locale",
    )
    .await;
    // Several problems are reported together.
    let (_, answer) = app
        .post_json(
            path,
            &json!({"name": "", "organizer_email": "x", "starts_at": "soon"}),
        )
        .await;
    let fields = answer["error"]["fields"].as_object().unwrap();
    for f in [
        "name",
        "venue",
        "organizer_email",
        "starts_at",
        "organizer_name",
    ] {
        assert!(fields.contains_key(f), "{f} missing: {answer}");
    }
    assert_eq!(
        covoit::entities::event::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        0
    );
    // RFC 3339 is accepted as well as local time, and an explicit zone is kept.
    let (status, answer) = app
        .post_json(
            path,
            &with(
                with(
                    event_body(),
                    "starts_at",
                    json!((Utc::now() + Duration::days(3)).to_rfc3339()),
                ),
                "timezone",
                json!("America/New_York"),
            ),
        )
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    let starts = answer["event"]["starts_at"].as_str().unwrap();
    assert!(
        starts.ends_with("-05:00") || starts.ends_with("-04:00"),
        "{starts}"
    );
}

async fn offer_rules_in_json(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/events/{slug}/offers");
    let cases: Vec<(&str, Value, &str)> = vec![
        ("driver_name", json!(""), "driver_name"),
        ("driver_email", json!("driver@"), "driver_email"),
        ("driver_phone", json!("call me maybe"), "driver_phone"),
        ("direction", json!("sideways"), "direction"),
        ("direction", json!(null), "direction"),
        ("place", json!("   "), "place"),
        ("departs_at", json!("2030-02-30T10:00"), "departs_at"),
        ("departs_at", json!(local_in_days(-1, 10)), "departs_at"),
        // A ride to the event leaves before it starts (the event is at 14:00 in 10 days).
        ("departs_at", json!(local_in_days(10, 15)), "departs_at"),
        ("seats", json!(0), "seats"),
        ("seats", json!(9), "seats"),
        ("seats", json!(-3), "seats"),
        ("notes", json!("x".repeat(1001)), "notes"),
        (
            "return",
            json!({"departs_at": local_in_days(10, 11)}),
            "return.departs_at",
        ),
        ("return", json!({"seats": 2}), "return.departs_at"),
        (
            "return",
            json!({"departs_at": local_in_days(10, 19), "seats": 12}),
            "return.seats",
        ),
    ];
    for (key, value, field) in cases {
        expect_invalid(app, &path, with(offer_body(), key, value), field).await;
    }
    // A ride back cannot carry a return of its own.
    let body = with(
        with(offer_body(), "direction", json!("from_event")),
        "departs_at",
        json!(local_in_days(10, 18)),
    );
    expect_invalid(app, &path, body, "return.departs_at").await;
    assert_eq!(
        offer::Entity::find().count(&app.db.conn).await.unwrap(),
        0,
        "nothing saved"
    );
    // Without a return, a single offer.
    let mut single = offer_body();
    single.as_object_mut().unwrap().remove("return");
    let (status, answer) = app.post_json(&path, &single).await;
    assert_eq!(status, Status::Created, "{answer}");
    assert!(answer["return_offer"].is_null());
}

async fn reservation_rules_in_json(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let path = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    let good = json!({"passenger_name": "Paul", "passenger_email": "paul@example.org"});
    for (key, value, field) in [
        ("passenger_name", json!(""), "passenger_name"),
        ("passenger_email", json!("paul"), "passenger_email"),
        ("passenger_phone", json!("12"), "passenger_phone"),
        ("seats", json!(0), "seats"),
        ("seats", json!(100), "seats"),
        ("seats", json!("2"), "seats"),
        ("seats", json!(1.5), "seats"),
        ("message", json!("y".repeat(1001)), "message"),
        ("pickup", json!("z".repeat(201)), "pickup"),
    ] {
        expect_invalid(app, &path, with(good.clone(), key, value), field).await;
    }
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        0
    );
    // seats defaults to 1
    let (status, answer) = app.post_json(&path, &good).await;
    assert_eq!(status, Status::Created, "{answer}");
    assert_eq!(answer["reservation"]["seats"], 1);
}

async fn set_offer(app: &TestApp, id: i64, change: impl FnOnce(&mut offer::ActiveModel)) {
    let model = offer::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let mut active = model.into_active_model();
    change(&mut active);
    active.update(&app.db.conn).await.unwrap();
}

async fn conflicts_in_json(app: &TestApp) {
    let (_, offer, ret) = app.event_with_offer().await;
    let id = offer["id"].as_str().unwrap().to_owned();

    // More seats than left (3 offered).
    let (status, answer) = app.book(&id, "a@example.org", 4).await;
    assert_eq!(status, Status::Conflict, "{answer}");
    assert_eq!(answer["error"]["code"], "not_enough_seats");
    assert_eq!(answer["error"]["seats_left"], 3);
    set_offer(app, app.offer_row(&id).await.id, |o| o.seats_taken = Set(2)).await;
    let (status, answer) = app.book(&id, "a@example.org", 2).await;
    assert_eq!(status, Status::Conflict, "{answer}");
    assert_eq!(answer["error"]["code"], "not_enough_seats");
    assert_eq!(answer["error"]["seats_left"], 1);

    // One active request per passenger email per offer (case-insensitive).
    let (status, _) = app.book(&id, "b@example.org", 1).await;
    assert_eq!(status, Status::Created);
    let (status, answer) = app.book(&id, "B@Example.org", 1).await;
    assert_eq!(status, Status::Conflict);
    assert_eq!(answer["error"]["code"], "duplicate_request");
    // ... but the same person may ask for the ride back.
    let (status, _) = app
        .book(ret["id"].as_str().unwrap(), "b@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);

    // Departed.
    set_offer(app, app.offer_row(&id).await.id, |o| {
        o.departs_at = Set(Utc::now() - Duration::minutes(1))
    })
    .await;
    let (status, answer) = app.book(&id, "c@example.org", 1).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (Status::Conflict, Some("departed"))
    );

    // Cancelled.
    set_offer(app, app.offer_row(&id).await.id, |o| {
        o.departs_at = Set(Utc::now() + Duration::days(2));
        o.status = Set(covoit::domain::OfferStatus::Cancelled);
    })
    .await;
    let (status, answer) = app.book(&id, "d@example.org", 1).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (Status::Conflict, Some("offer_cancelled"))
    );
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        2
    );
}

fn input_value<'a>(page: &'a str, name: &str) -> &'a str {
    let marker = format!("name=\"{name}\" ");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no input {name}"));
    let rest = &page[start..];
    let v = rest.find("value=\"").unwrap() + 7;
    let end = rest[v..].find('"').unwrap();
    &rest[v..v + end]
}

async fn rules_in_pages(app: &TestApp) {
    // Event form: a bad email is named, everything typed is kept.
    let (status, page, _) = app
        .post_form(
            "/events?lang=en",
            &[
                ("name", "Gala <b>2027</b>"),
                ("venue", "Salle"),
                ("starts_at", &local_in_days(5, 20)),
                ("timezone", "Europe/Paris"),
                ("organizer_name", "Odile"),
                ("organizer_email", "odile-at-example"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Invalid email address"), "{page}");
    assert!(
        page.contains("id=\"e-organizer_email\""),
        "message tied to the field"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("href=\"#f-organizer_email\""),
        "summary links to the field"
    );
    assert_eq!(input_value(&page, "organizer_email"), "odile-at-example");
    assert_eq!(
        input_value(&page, "name"),
        "Gala &#60;b&#62;2027&#60;/b&#62;",
        "kept, and escaped"
    );

    // Offer form, in French: seats out of range and a ride back before the ride there.
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, page, _) = app
        .post_form(
            &format!("/e/{slug}/offers?lang=fr"),
            &[
                ("direction", "to_event"),
                ("place", "Bron"),
                ("departs_at", &local_in_days(10, 12)),
                ("seats", "12"),
                ("driver_name", "Denise"),
                ("driver_email", "denise@example.org"),
                ("driver_phone", ""),
                ("return_departs_at", &local_in_days(10, 9)),
                ("return_seats", ""),
                ("return_place", ""),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("Un nombre de places entre 1 et 8."), "{page}");
    assert!(page.contains("id=\"e-return_departs_at\""));
    assert_eq!(input_value(&page, "seats"), "12");
    assert_eq!(input_value(&page, "place"), "Bron");
    assert_eq!(offer::Entity::find().count(&app.db.conn).await.unwrap(), 0);

    // Booking form.
    let (offer, _) = app.create_offer(&slug).await;
    let (status, page, _) = app
        .post_form(
            &format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap()),
            &[
                ("passenger_name", ""),
                ("passenger_email", "pia@example.org"),
                ("seats", "zero"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("This field is required."));
    assert!(page.contains("A whole number is expected."));
    assert_eq!(input_value(&page, "passenger_email"), "pia@example.org");
}

async fn conflicts_in_pages(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let path = format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap());
    let form = [
        ("passenger_name", "Pia"),
        ("passenger_email", "pia@example.org"),
        ("seats", "1"),
    ];
    let (status, _, _) = app.post_form(&path, &form).await;
    assert_eq!(status, Status::SeeOther);
    let (status, page, _) = app.post_form(&path, &form).await;
    assert_eq!(status, Status::Conflict);
    assert!(
        page.contains("You already have a pending or accepted request for this ride."),
        "{page}"
    );
    assert_eq!(input_value(&page, "passenger_email"), "pia@example.org");

    let (status, page, _) = app
        .post_form(
            &path,
            &[
                ("passenger_name", "Max"),
                ("passenger_email", "max@example.org"),
                ("seats", "5"),
            ],
        )
        .await;
    assert_eq!(status, Status::Conflict);
    assert!(
        page.contains("Only 3 seats are left on this ride."),
        "{page}"
    );

    let (status, page) = app.get("/e/no-such-event-42?lang=en").await;
    assert_eq!(status, Status::NotFound);
    assert!(page.contains("Page not found"));
}
