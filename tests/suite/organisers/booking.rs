//! Closing and reopening booking: while closed, no new offer, request or need (each refused
//! with its reason, the public page says so); what exists goes on; reopened, booking works.
use super::{post, text};
use crate::common::{self, TestApp};
use chrono::Utc;
use covoit::domain::Lang;
use covoit::i18n::T;
use rocket::http::Status;
use serde_json::json;

on_both_backends!(closing_booking_stops_new_bookings_until_reopened);

async fn closing_booking_stops_new_bookings_until_reopened(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let offer = offer["id"].as_str().unwrap().to_owned();
    let e = covoit::services::events::by_slug(&app.db, &slug)
        .await
        .unwrap();
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        e.id,
        Utc::now() + chrono::Duration::days(1),
    );
    let organiser = format!("/link/event/{token}");
    let t = T::get(Lang::Fr);
    let (status, _) = app.book(&offer, "early@example.org", 1).await;
    assert_eq!(status, Status::Created);

    // Closed twice (a double click): closed once, no error.
    let closed = vec![("booking", "closed".to_owned())];
    for _ in 0..2 {
        let (status, _, location) = post(app, &format!("{organiser}/booking"), &closed).await;
        assert_eq!(status, Status::SeeOther);
        assert!(location.unwrap().ends_with("?done=closed"));
    }
    let (_, page) = app.get(&format!("{organiser}?done=closed")).await;
    assert!(text(&page).contains(t.t("org-booking-closed-done")));
    assert!(text(&page).contains(t.t("org-booking-reopen")));
    let (_, public) = app.get(&format!("/e/{slug}")).await;
    assert!(text(&public).contains(t.t("org-public-closed")), "{public}");
    assert!(!text(&public).contains("#book"));

    let (status, body) = app.book(&offer, "late@example.org", 1).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (Status::Conflict, Some("booking_closed"))
    );
    let (status, body) = app
        .post_json(&format!("/api/events/{slug}/offers"), &common::offer_body())
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (Status::Conflict, Some("booking_closed"))
    );
    let (status, body) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": "Wanda", "email": "w@example.org", "direction": "to_event",
                    "place": "Bron"}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (Status::Conflict, Some("booking_closed"))
    );
    // The booking form's answer says why, in words.
    let (status, page, _) = app
        .post_form(
            &format!("/o/{offer}/requests"),
            &[
                ("passenger_name", "Léa"),
                ("passenger_email", "lea@example.org"),
                ("seats", "1"),
            ],
        )
        .await;
    assert_eq!(status, Status::Conflict);
    assert!(
        text(&page).contains(t.t("org-booking-closed-body")),
        "{page}"
    );

    // A value other than open or closed is refused, naming the field.
    let (status, _, _) = post(
        app,
        &format!("{organiser}/booking"),
        &[("booking", "maybe".to_owned())],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);

    // Reopened: booking works again.
    let open = vec![("booking", "open".to_owned())];
    let (_, _, location) = post(app, &format!("{organiser}/booking"), &open).await;
    assert!(location.unwrap().ends_with("?done=reopened"));
    let (status, body) = app.book(&offer, "late@example.org", 1).await;
    assert_eq!(status, Status::Created, "{body}");
    let (_, public) = app.get(&format!("/e/{slug}")).await;
    assert!(!text(&public).contains(t.t("org-public-closed")));
}
