//! The forms: what they say after publishing, time zones, error summaries, seats left.
use crate::common;

use common::html::visible_text;
use common::{TestApp, local_in_days};
use covoit::entities::reservation;
use rocket::http::Status;
use sea_orm::EntityTrait;

use super::{event_form, post};

on_sqlite!(
    the_driver_is_told_the_ride_is_theirs_after_publishing,
    a_time_zone_is_understood_in_any_case_or_by_its_city,
    every_field_error_is_reported_at_once_and_named,
    the_zone_field_offers_a_list_and_the_browser_zone,
    asking_more_seats_than_are_free_says_how_many_are,
    the_offer_form_opens_on_the_event_day,
);

async fn the_driver_is_told_the_ride_is_theirs_after_publishing(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _, location) = app
        .post_form(
            &format!("/e/{slug}/offers?lang=en"),
            &[
                ("direction", "to_event"),
                ("place", "Vénissieux"),
                ("departs_at", &local_in_days(10, 8)),
                ("seats", "4"),
                ("driver_name", "Dan Driver"),
                ("driver_email", "dan@example.org"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    let location = location.expect("a redirect to the ride's page");
    let (status, page) = app.get_lang(&location, "en").await;
    assert_eq!(status, Status::Ok);
    let seen = visible_text(&page);
    for expected in [
        "Your ride is published.",
        "This is your ride's public page",
        "To answer requests, change or cancel your ride, use the private link we have just emailed you.",
        "This form is for your passengers: you have nothing to fill in here.",
    ] {
        assert!(seen.contains(expected), "{expected:?} not in: {seen}");
    }
    // A passenger opening the same page later is not told it is theirs.
    let plain = location.split('?').next().unwrap();
    let (_, page) = app.get_lang(plain, "en").await;
    let seen = visible_text(&page);
    assert!(!seen.contains("Your ride is published"), "{seen}");
    assert!(!seen.contains("This form is for your passengers"), "{seen}");
}

async fn a_time_zone_is_understood_in_any_case_or_by_its_city(app: &TestApp) {
    for (typed, zone) in [
        ("europe/paris", "Europe/Paris"),
        ("Paris", "Europe/Paris"),
        ("america/new york", "America/New_York"),
    ] {
        let (status, page, location) = post(
            app,
            "/events?lang=en",
            &event_form(typed, &local_in_days(20, 10)),
        )
        .await;
        assert_eq!(status, Status::SeeOther, "{typed}: {}", visible_text(&page));
        let (_, page) = app.get_lang(&location.unwrap(), "en").await;
        assert!(
            visible_text(&page).contains(&format!("Times shown in the time zone {zone}.")),
            "{typed}: {}",
            visible_text(&page)
        );
    }
}

async fn every_field_error_is_reported_at_once_and_named(app: &TestApp) {
    let mut form = event_form("Mars/Olympus", "");
    form.retain(|(k, _)| *k != "organizer_email");
    let (status, page, _) = post(app, "/events?lang=en", &form).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let seen = visible_text(&page);
    // The summary names each field, in the form's order, and links to it.
    let starts = seen
        .find("Starts (local date and time): This field is required.")
        .unwrap_or_else(|| panic!("the missing date is reported with the bad zone: {seen}"));
    let zone = seen
        .find("Time zone: Unknown time zone")
        .unwrap_or_else(|| panic!("the zone is named: {seen}"));
    let email = seen
        .find("Your email address: This field is required.")
        .unwrap_or_else(|| panic!("the email is named: {seen}"));
    assert!(starts < zone && zone < email, "in the form's order: {seen}");
    assert!(page.contains("href=\"#f-starts_at\""), "{page}");
    assert!(page.contains("href=\"#f-timezone\""));
    // The summary takes the focus, so that a screen reader starts there.
    let summary = &page[page.find("class=\"problems\"").expect("a summary")..];
    let summary = &summary[..summary.find('>').unwrap()];
    assert!(
        summary.contains("autofocus") && summary.contains("tabindex=\"-1\""),
        "{summary}"
    );
    // What was typed is kept.
    assert!(page.contains("value=\"Mars/Olympus\""));
}

async fn the_zone_field_offers_a_list_and_the_browser_zone(app: &TestApp) {
    let (status, page) = app.get_lang("/events/new", "en").await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("list=\"zones\""), "{page}");
    assert!(page.contains("<datalist id=\"zones\">"));
    for zone in ["Europe/Paris", "Europe/London", "America/New_York", "UTC"] {
        assert!(
            page.contains(&format!("<option value=\"{zone}\">")),
            "{zone}"
        );
    }
    assert!(!page.contains("<option value=\"US/Eastern\">"));
    // The browser's zone replaces the default (progressive enhancement: a script file, the
    // CSP allows no inline script).
    assert!(page.contains("data-guess-zone"));
    assert!(page.contains("<script src=\"/static/forms.js\" defer></script>"));
    let res = app.client.get("/static/forms.js").dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    assert_eq!(
        res.content_type().map(|c| c.to_string()),
        Some("text/javascript".to_owned())
    );
    let js = res.into_string().await.unwrap();
    assert!(js.contains("resolvedOptions().timeZone"), "{js}");
    // A form shown again with the person's choice keeps it: no guess over it.
    let (_, page, _) = post(app, "/events?lang=en", &event_form("Asia/Tokyo", "")).await;
    assert!(page.contains("value=\"Asia/Tokyo\""));
    assert!(!page.contains("data-guess-zone"));
}

async fn asking_more_seats_than_are_free_says_how_many_are(app: &TestApp) {
    let (_, offer, _) = app.event_with_offer().await;
    let book = format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap());
    for asked in ["4", "9"] {
        let (status, page, _) = app
            .post_form(
                &book,
                &[
                    ("passenger_name", "Pia"),
                    ("passenger_email", "pia@example.org"),
                    ("seats", asked),
                    ("locale", "en"),
                ],
            )
            .await;
        assert_eq!(status, Status::Conflict, "{asked}");
        // Next to the seats field, and named in the summary.
        let at_field = page
            .split("id=\"e-seats\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{asked}: no error on the seats field: {page}"));
        assert!(
            at_field.starts_with("Only 3 seats are left on this ride."),
            "{asked}: {at_field}"
        );
        assert!(
            visible_text(&page).contains("Number of seats: Only 3 seats are left on this ride."),
            "{asked}: {}",
            visible_text(&page)
        );
    }
    let stored = reservation::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(stored.is_empty());
}

async fn the_offer_form_opens_on_the_event_day(app: &TestApp) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    // The event starts in ten days at 14:00 (Paris): a ride there leaves an hour before.
    let (_, page) = app.get_lang(&format!("/e/{slug}/offers/new"), "en").await;
    assert!(
        page.contains(&format!("value=\"{}\"", local_in_days(10, 13))),
        "{page}"
    );
    let (_, page) = app
        .get_lang(&format!("/e/{slug}/offers/new?direction=from_event"), "en")
        .await;
    assert!(page.contains(&format!("value=\"{}\"", local_in_days(10, 14))));
    // The ride-back section goes away when "from the event" is chosen (CSS, no script).
    let css = app.get("/static/style.css").await.1;
    assert!(css.contains(
        "form:has(input[name=direction][value=from_event]:checked) fieldset.return { display: none; }"
    ));
    assert!(page.contains("<fieldset class=\"return\">"));
}
