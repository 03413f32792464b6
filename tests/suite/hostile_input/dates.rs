//! hostile_input: Dates and time zones.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(api_bad_dates, form_bad_dates, unknown_time_zones);
on_both_backends!(extreme_dates);

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
        T::get(Lang::En).invalid(&Invalid::NonexistentLocalTime)
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
        T::get(Lang::En).invalid(&Invalid::NonexistentLocalTime)
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
        T::get(Lang::En).invalid(&Invalid::NonexistentLocalTime)
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
        page.contains(&html_escape(
            &T::get(Lang::En).invalid(&Invalid::NonexistentLocalTime)
        )),
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
    assert!(page.contains(&html_escape(
        &T::get(Lang::En).invalid(&Invalid::NonexistentLocalTime)
    )));
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
        T::get(Lang::En).invalid(&Invalid::TimeZone)
    );
    let (_, page, _) = post_fields(
        app,
        "/events?lang=en",
        &set(&event_form(), "timezone", "Mars/Olympus"),
    )
    .await;
    assert!(
        page.contains(&T::get(Lang::En).invalid(&Invalid::TimeZone)),
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
        T::get(Lang::En).invalid(&Invalid::TooFarAhead)
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
