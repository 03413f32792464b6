//! hostile_input: Seat counts.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(api_seat_counts, form_seat_counts);

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
        T::get(Lang::En).invalid(&Invalid::Seats { max: 8 })
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
        if value.trim().parse::<i64>().is_ok_and(|n| n > 3) {
            // More than the ride has free: how many it has, on the seats field.
            expect_html_status(
                &format!("booking form seats = {value}"),
                status,
                &page,
                Status::Conflict,
            );
            assert!(
                page.contains("id=\"e-seats\">Only 3 seats are left on this ride.</p>"),
                "booking form seats = {value}"
            );
            continue;
        }
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
