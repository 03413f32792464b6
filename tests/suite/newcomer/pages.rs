//! The pages around the forms: the booking's confirmation, the ride there and back in one
//! form, confirmation steps, ride cards, the home page, the icon, ways forward, tables.
use crate::common;

use chrono::{Duration, Utc};
use common::html::visible_text;
use common::{TEST_KEY, TestApp};
use covoit::entities::reservation;
use covoit::links::{Purpose, sign};
use rocket::http::Status;
use sea_orm::EntityTrait;

use super::post;

on_sqlite!(
    the_site_has_an_icon_and_link_errors_lead_somewhere,
    the_organiser_table_scrolls_by_keyboard,
    irreversible_actions_ask_first,
    a_ride_is_a_card_with_its_seats_and_one_clear_action,
    the_home_page_shows_the_three_roles,
);
on_both_backends!(
    a_booking_is_answered_by_a_page_that_a_reload_does_not_resend,
    one_form_requests_the_ride_there_and_back,
    a_card_draws_the_seats_awaiting_an_answer,
);

async fn a_booking_is_answered_by_a_page_that_a_reload_does_not_resend(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let id = offer["id"].as_str().unwrap();
    let (status, _, location) = app
        .post_form(
            &format!("/o/{id}/requests?lang=en"),
            &[
                ("passenger_name", "Pia"),
                ("passenger_email", "pia@example.org"),
                ("seats", "2"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther, "Post/Redirect/Get");
    let location = location.unwrap();
    assert!(
        location.starts_with(&format!("/o/{id}/sent?")),
        "{location}"
    );
    // Reloading the confirmation shows it again and sends nothing.
    for _ in 0..2 {
        let (status, page) = app.get_lang(&location, "en").await;
        assert_eq!(status, Status::Ok);
        let seen = visible_text(&page);
        assert!(seen.contains("Request sent"), "{seen}");
        assert!(seen.contains("Number of seats 2"), "{seen}");
        assert!(seen.contains("Answer expected before"), "{seen}");
    }
    let stored = reservation::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(stored.len(), 1);
    // An address edited by hand shows no confirmation.
    let (status, _) = app.get(&format!("/o/{id}/sent?seats=99&by=1")).await;
    assert_eq!(status, Status::NotFound);
}

async fn one_form_requests_the_ride_there_and_back(app: &TestApp) {
    let (_, offer, back) = app.event_with_offer().await;
    let (id, back_id) = (offer["id"].as_str().unwrap(), back["id"].as_str().unwrap());
    let (_, page) = app.get_lang(&format!("/o/{id}"), "en").await;
    assert!(
        visible_text(&page).contains("Also request the same seats on the ride back ("),
        "{}",
        visible_text(&page)
    );
    let form = |email: &'static str| {
        vec![
            ("passenger_name", "Pia".to_owned()),
            ("passenger_email", email.to_owned()),
            ("seats", "2".to_owned()),
            ("with_return", "on".to_owned()),
            ("locale", "en".to_owned()),
        ]
    };
    let (status, _, sent) = post(
        app,
        &format!("/o/{id}/requests?lang=en"),
        &form("pia@example.org"),
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.get_lang(&sent.unwrap(), "en").await;
    let seen = visible_text(&page);
    assert!(
        seen.contains("Your request for the ride back (") && seen.contains(") is sent as well"),
        "{seen}"
    );
    let stored = reservation::Entity::find().all(&app.db.conn).await.unwrap();
    let mut offers: Vec<i64> = stored.iter().map(|r| r.offer_id).collect();
    offers.sort_unstable();
    let (out_row, back_row) = (app.offer_row(id).await.id, app.offer_row(back_id).await.id);
    assert_eq!(offers, vec![out_row.min(back_row), out_row.max(back_row)]);
    assert!(stored.iter().all(|r| r.seats == 2));

    // Already on the ride back: the ride there is requested, and the page says the ride back
    // was not, with the way to it.
    let (status, _) = app.book(back_id, "lou@example.org", 1).await;
    assert_eq!(status, Status::Created);
    let (_, _, sent) = post(
        app,
        &format!("/o/{id}/requests?lang=en"),
        &form("lou@example.org"),
    )
    .await;
    let (_, page) = app.get_lang(&sent.unwrap(), "en").await;
    let seen = visible_text(&page);
    assert!(
        seen.contains("Request sent") && seen.contains("could not be sent"),
        "{seen}"
    );
    assert!(
        page.contains(&format!("href=\"/o/{back_id}\">See the ride back</a>")),
        "{page}"
    );
}

async fn the_site_has_an_icon_and_link_errors_lead_somewhere(app: &TestApp) {
    let (_, home) = app.get("/").await;
    assert!(
        home.contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
    );
    for path in ["/static/favicon.svg", "/favicon.ico"] {
        let res = app.client.get(path).dispatch().await;
        assert_eq!(res.status(), Status::Ok, "{path}");
        assert_eq!(
            res.content_type().map(|c| c.to_string()),
            Some("image/svg+xml".to_owned())
        );
        assert!(res.into_string().await.unwrap().starts_with("<svg"));
    }
    let (status, page) = app.get_lang("/link/booking/not-a-token", "en").await;
    assert_eq!(status, Status::BadRequest);
    assert!(page.contains("<a href=\"/\">Home</a>"), "{page}");
}

async fn the_organiser_table_scrolls_by_keyboard(app: &TestApp) {
    let event = app.create_event().await;
    app.create_offer(event["slug"].as_str().unwrap()).await;
    let token = sign(
        TEST_KEY.as_bytes(),
        Purpose::Event,
        event["id"].as_i64().unwrap_or(1),
        Utc::now() + Duration::days(30),
    );
    let (status, page) = app.get_lang(&format!("/link/event/{token}"), "en").await;
    assert_eq!(status, Status::Ok, "{page}");
    assert!(
        page.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\""),
        "{page}"
    );
}

async fn irreversible_actions_ask_first(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let public_id = offer["id"].as_str().unwrap();
    let (status, body) = app.book(public_id, "paul@example.org", 2).await;
    assert_eq!(status, Status::Created, "{body}");
    let rid = body["reservation"]["id"].as_i64().unwrap();
    let offer_id = app.offer_row(public_id).await.id;
    let until = Utc::now() + Duration::days(30);
    let manage = format!(
        "/link/manage/{}",
        sign(TEST_KEY.as_bytes(), Purpose::Manage, offer_id, until)
    );
    let booking = format!(
        "/link/booking/{}",
        sign(TEST_KEY.as_bytes(), Purpose::Booking, rid, until)
    );

    // The private pages offer the step, not the action.
    let (_, page) = app.get_lang(&manage, "en").await;
    assert!(
        page.contains(&format!(
            "<a class=\"button secondary inline\" href=\"{manage}/refuse/{rid}\">Refuse</a>"
        )),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<a class=\"button danger\" href=\"{manage}/cancel\">Cancel the ride</a>"
    )));
    assert!(!page.contains(&format!("action=\"{manage}/cancel\"")));
    let (_, page) = app.get_lang(&booking, "en").await;
    assert!(
        page.contains(&format!(
            "<a class=\"button danger\" href=\"{booking}/cancel\">Cancel my request</a>"
        )),
        "{page}"
    );

    // Each step says what will happen, holds the one (destructive) button, and a way back.
    for (path, title, who, button, action) in [
        (
            format!("{manage}/refuse/{rid}"),
            "Refuse this request?",
            Some("Paul Passager — 2 seats"),
            "Refuse the request",
            format!("{manage}/refuse/{rid}"),
        ),
        (
            format!("{manage}/cancel"),
            "Cancel the whole ride?",
            None,
            "Cancel the ride",
            format!("{manage}/cancel"),
        ),
        (
            format!("{booking}/cancel"),
            "Cancel your request?",
            None,
            "I confirm the cancellation",
            booking.clone(),
        ),
    ] {
        let (status, page) = app.get_lang(&path, "en").await;
        assert_eq!(status, Status::Ok, "{path}");
        let seen = visible_text(&page);
        assert!(
            seen.contains(title) && seen.contains("This cannot be undone."),
            "{seen}"
        );
        if let Some(who) = who {
            assert!(seen.contains(who), "{seen}");
        }
        assert!(page.contains(&format!("<form method=\"post\" action=\"{action}\" class=\"inline\"><button type=\"submit\" class=\"danger\">{button}</button></form>")), "{page}");
        let back = if path.starts_with(&booking) {
            &booking
        } else {
            &manage
        };
        assert!(page.contains(&format!(
            "<a class=\"button secondary\" href=\"{back}\">No, go back</a>"
        )));
    }
    // Looking changed nothing.
    let stored = reservation::Entity::find_by_id(rid)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status.as_str(), "pending");
    // Another ride's request is not found through this ride's link.
    let (status, _) = app.get(&format!("{manage}/remove/{}", rid + 100)).await;
    assert_eq!(status, Status::NotFound);
}

/// The first ride card of an event page.
fn first_card(page: &str) -> &str {
    page.split("<li class=\"offer card\">")
        .nth(1)
        .and_then(|c| c.split("</li>").next())
        .unwrap_or_else(|| panic!("a card: {page}"))
}

/// An event with one ride there (3 seats, auto-accepting or not) on which Paul asked for
/// `seats`; returns the event's slug and the ride's id.
async fn one_way_ride_booked(app: &TestApp, auto_accept: bool, seats: i64) -> (String, String) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = common::offer_body();
    body["auto_accept"] = serde_json::json!(auto_accept);
    body.as_object_mut().unwrap().remove("return");
    let (status, created) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let id = created["offer"]["id"].as_str().unwrap().to_owned();
    let (status, booked) = app.book(&id, "paul@example.org", seats).await;
    assert_eq!(status, Status::Created, "{booked}");
    (slug, id)
}

/// A request awaiting the driver's answer is drawn on the card too (between taken and free
/// seats), and said in words.
async fn a_card_draws_the_seats_awaiting_an_answer(app: &TestApp) {
    let (slug, _) = one_way_ride_booked(app, false, 2).await;

    let (_, page) = app.get_lang(&format!("/e/{slug}"), "en").await;
    let card = first_card(&page);
    assert_eq!(
        card.matches("<span class=\"seat pending\"></span>").count(),
        2,
        "{card}"
    );
    assert_eq!(
        card.matches("<span class=\"seat\"></span>").count(),
        1,
        "{card}"
    );
    assert!(
        visible_text(card).contains("3 seats left · 1 request awaiting an answer"),
        "{}",
        visible_text(card)
    );
}

async fn a_ride_is_a_card_with_its_seats_and_one_clear_action(app: &TestApp) {
    let (slug, id) = one_way_ride_booked(app, true, 1).await;

    let (_, page) = app.get_lang(&format!("/e/{slug}"), "en").await;
    let card = first_card(&page);
    // Three seats drawn, one taken; the words say the same for those who do not see them.
    assert_eq!(
        card.matches("<span class=\"seat taken\"></span>").count(),
        1,
        "{card}"
    );
    assert_eq!(
        card.matches("<span class=\"seat\"></span>").count(),
        2,
        "{card}"
    );
    assert!(card.contains("aria-hidden=\"true\""));
    assert!(
        visible_text(card).contains("Driver: Denise 2 seats left"),
        "{}",
        visible_text(card)
    );
    // The passenger's action is the card's button; offering a ride is the secondary one.
    assert!(
        card.contains(&format!(
            "<a class=\"button\" href=\"/o/{id}#book\">Request a seat</a>"
        )),
        "{card}"
    );
    assert!(page.contains("<a class=\"button secondary\" href=\"/e/"));
}

async fn the_home_page_shows_the_three_roles(app: &TestApp) {
    let (_, page) = app.get_lang("/", "en").await;
    let seen = visible_text(&page);
    for role in ["Organiser", "Driver", "Passenger"] {
        assert!(page.contains(&format!("<h2>{role}</h2>")), "{role}: {seen}");
    }
    assert!(
        seen.contains("request a seat, without an account"),
        "{seen}"
    );
    // The logo, decorative next to the name it stands for.
    assert!(page.contains("<a class=\"brand\" href=\"/\"><img src=\"/static/favicon.svg\" alt=\"\" width=\"28\" height=\"28\"> covoit</a>"));
}
