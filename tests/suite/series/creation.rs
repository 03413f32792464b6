//! Creating a series from the form and from the API: one event per date, each with its page
//! listing the other dates; one email to the organiser with the one link; that link manages
//! every date (here: cancelling the third from it). Bad series fields are named.
use super::{day_in, events, inbox, post, smtp_app, text, weekly_three};
use crate::common::{self, TestApp, inbox::link, inbox::one, local_in_days};
use chrono::Timelike;
use covoit::domain::{EventStatus, Lang};
use covoit::i18n::T;
use rocket::http::Status;
use serde_json::json;

on_both_backends!(
    a_weekly_series_from_the_form_is_managed_from_one_link,
    a_series_from_the_api_mixes_repeats_and_extra_dates
);
on_sqlite!(
    bad_series_fields_are_named,
    a_link_reaches_no_other_series,
    a_co_organiser_of_one_date_manages_every_date_until_revoked
);

/// The new-event form, in French, with the series fields given.
fn form(every: &str, until: &str, dates: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Entraînement du mercredi".to_owned()),
        ("venue", "Stade municipal, Lyon".to_owned()),
        ("starts_at", local_in_days(10, 18)),
        ("timezone", "Europe/Paris".to_owned()),
        ("every_weeks", every.to_owned()),
        ("until", until.to_owned()),
        ("dates", dates.to_owned()),
        ("organizer_name", "Odile Organisatrice".to_owned()),
        ("organizer_email", common::ORGANIZER_EMAIL.to_owned()),
        ("locale", "fr".to_owned()),
    ]
}

async fn a_weekly_series_from_the_form_is_managed_from_one_link(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let inbox = inbox(&app, server);
    let t = T::get(Lang::Fr);

    let (status, body, location) = post(&app, "/events", &form("1", &day_in(24), "")).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    let all = events(&app).await;
    assert_eq!(all.len(), 3, "three dates");
    let series = all[0].series_id.expect("grouped in a series");
    assert!(all.iter().all(|e| e.series_id == Some(series)));
    assert_eq!(location.unwrap(), format!("/e/{}?created=1", all[0].slug));
    for (i, e) in all.iter().enumerate() {
        // Each a week apart, at 18:00 in Paris.
        let local = e.starts_at.with_timezone(&chrono_tz::Europe::Paris);
        assert_eq!(local.hour(), 18);
        if i > 0 {
            assert_eq!((e.starts_at - all[i - 1].starts_at).num_days(), 7);
        }
    }

    // Every date has its page, which links the other dates.
    for e in &all {
        let (status, page) = app.get(&format!("/e/{}", e.slug)).await;
        assert_eq!(status, Status::Ok);
        let page = text(&page);
        assert!(page.contains(t.t("series-other-dates")), "{page}");
        for other in all.iter().filter(|o| o.id != e.id) {
            assert!(
                page.contains(&format!("href=\"/e/{}\"", other.slug)),
                "{page}"
            );
        }
    }

    // One email, listing the three dates, with the one link.
    let mails = inbox.deliver().await;
    assert_eq!(mails.len(), 1);
    let mail = one(&mails, common::ORGANIZER_EMAIL);
    assert!(
        mail.text
            .contains(&t.t1("series-created-dates", "count", 3usize))
    );
    for e in &all {
        assert!(
            mail.text
                .contains(&format!("https://covoit.test/e/{}", e.slug))
        );
    }
    assert!(mail.text.contains(t.t("series-created-one-link")));
    let organiser = link(&mail.text, "event");

    // The link's page lists every date, and leads to each one's own management.
    let (status, page) = app.get(&organiser).await;
    assert_eq!(status, Status::Ok);
    let page = text(&page);
    assert!(page.contains(t.t("series-dates-heading")), "{page}");
    let third = format!("{organiser}~{}", all[2].id);
    assert!(page.contains(&format!("href=\"{third}\"")), "{page}");
    let (status, third_page) = app.get(&third).await;
    assert_eq!(status, Status::Ok);
    let when = t.datetime(all[2].starts_at, all[2].zone());
    assert!(text(&third_page).contains(&format!("<dd>{when}</dd>")));

    // Cancelling the third date from it: only that date is cancelled.
    let note = vec![("note", "Terrain réservé ce jour-là.".to_owned())];
    let (status, _, location) = post(&app, &format!("{third}/cancel"), &note).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(location.unwrap(), format!("{third}?done=cancelled"));
    let states: Vec<EventStatus> = events(&app).await.iter().map(|e| e.status).collect();
    assert_eq!(
        states,
        vec![EventStatus::Open, EventStatus::Open, EventStatus::Cancelled]
    );
    let (_, third_public) = app.get(&format!("/e/{}", all[2].slug)).await;
    assert!(text(&third_public).contains(t.t("org-public-cancelled")));
    let (_, page) = app.get(&organiser).await;
    assert!(
        text(&page).contains(t.t("org-state-cancelled")),
        "the list says so"
    );
}

async fn a_series_from_the_api_mixes_repeats_and_extra_dates(app: &TestApp) {
    let mut body = common::event_body();
    body["every_weeks"] = json!(2);
    body["until"] = json!(day_in(40));
    // An extra date at the same time, one with its own time, and a repeat given twice.
    body["dates"] = json!([day_in(11), format!("{}T09:30", day_in(12)), day_in(24)]);
    let (status, answer) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::Created, "{answer}");
    let dates = answer["occurrences"].as_array().unwrap();
    // 10, 24, 38 (every two weeks) + 11 and 12 (24 once).
    assert_eq!(dates.len(), 5, "{answer}");
    assert_eq!(answer["event"], dates[0]);
    let all = events(app).await;
    assert_eq!(all.len(), 5);
    let local = all[2].starts_at.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!((local.hour(), local.minute()), (9, 30));
    for (json, e) in dates.iter().zip(&all) {
        assert_eq!(json["slug"], e.slug.as_str());
        let (status, page) = app.get(&format!("/e/{}", e.slug)).await;
        assert_eq!(status, Status::Ok, "{page}");
        // Each date's API answer lists every date of its series.
        let (status, read) = app.get_json(&format!("/api/events/{}", e.slug)).await;
        assert_eq!(status, Status::Ok);
        assert_eq!(&read["series"], &answer["occurrences"]);
    }
    // A plain event is no series.
    let single = app.create_event().await;
    let (_, page) = app
        .get(&format!("/e/{}", single["slug"].as_str().unwrap()))
        .await;
    assert!(!text(&page).contains(T::get(Lang::Fr).t("series-other-dates")));
    let (_, read) = app
        .get_json(&format!("/api/events/{}", single["slug"].as_str().unwrap()))
        .await;
    assert!(read.get("series").is_none(), "{read}");
}

async fn bad_series_fields_are_named(app: &TestApp) {
    let t = T::get(Lang::Fr);
    // The form: each refused field named next to it, nothing saved.
    let cases = [
        (
            form("1", "", ""),
            "until",
            t.t("invalid-required").to_owned(),
        ),
        (
            form("0", &day_in(24), ""),
            "every_weeks",
            t.t1("invalid-every-weeks", "max", 52),
        ),
        (
            form("1", &day_in(3), ""),
            "until",
            t.t("invalid-until-before-start").to_owned(),
        ),
        (
            form("1", &day_in(600), ""),
            "until",
            t.t1("invalid-too-many-dates", "max", 60),
        ),
        (
            form("", "", "2026-13-45"),
            "dates",
            t.t("invalid-date").to_owned(),
        ),
        (
            form("", "", &format!("{}\n2020-01-01", day_in(12))),
            "dates",
            t.t("invalid-in-the-past").to_owned(),
        ),
    ];
    for (fields, field, message) in cases {
        let (status, page, _) = super::post(app, "/events", &fields).await;
        assert_eq!(status, Status::UnprocessableEntity, "{field}: {page}");
        let page = text(&page);
        assert!(
            page.contains(&format!(
                "<p class=\"error\" id=\"e-{field}\">{message}</p>"
            )),
            "{field}: {message}\n{page}"
        );
    }
    assert!(events(app).await.is_empty(), "nothing saved");

    // The API: 422 with the field named, never a 500.
    let mut body = common::event_body();
    body["every_weeks"] = json!("weekly");
    body["dates"] = json!("2026-12-01");
    let (status, answer) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    let fields = &answer["error"]["fields"];
    assert!(fields["every_weeks"].is_string(), "{answer}");
    assert!(fields["dates"].is_string(), "{answer}");
    let mut body = common::event_body();
    body["every_weeks"] = json!(1);
    body["until"] = json!(day_in(2000));
    let (status, answer) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    assert!(answer["error"]["fields"]["until"].is_string(), "{answer}");
    assert!(events(app).await.is_empty(), "nothing saved");
}

async fn a_link_reaches_no_other_series(app: &TestApp) {
    let ours = weekly_three(app).await;
    let theirs = weekly_three(app).await;
    let all = events(app).await;
    let id_of = |slug: &str| all.iter().find(|e| e.slug == slug).unwrap().id;
    let emails = app.emails();
    let now = chrono::Utc::now();
    let first = all.iter().find(|e| e.slug == ours[0]).unwrap();
    let token_link = emails.urls.link(
        covoit::links::Purpose::Event,
        first.id,
        now,
        now + chrono::Duration::days(1),
    );
    let path = token_link.trim_start_matches(emails.urls.base());
    let (status, _) = app.get(&format!("{path}~{}", id_of(&ours[1]))).await;
    assert_eq!(status, Status::Ok);
    for bad in [id_of(&theirs[1]).to_string(), "x".into(), "99999".into()] {
        let (status, _) = app.get(&format!("{path}~{bad}")).await;
        assert_eq!(status, Status::NotFound, "{bad}");
        let (status, _, _) = post(app, &format!("{path}~{bad}/cancel"), &[]).await;
        assert_eq!(status, Status::NotFound, "{bad}");
    }
    let untouched = events(app).await;
    assert!(untouched.iter().all(|e| e.status == EventStatus::Open));
}

async fn a_co_organiser_of_one_date_manages_every_date_until_revoked(app: &TestApp) {
    weekly_three(app).await;
    let all = events(app).await;
    let now = chrono::Utc::now();
    let emails = app.emails();
    // Invited on the second date.
    let invited = covoit::services::co_organisers::invite(
        &app.db,
        &emails,
        all[1].id,
        ("Cora Coorganisatrice", "cora@club.example"),
        Lang::Fr,
        now,
    )
    .await
    .unwrap();
    assert_eq!(invited, covoit::services::co_organisers::Invited::Sent);
    let co = covoit::services::co_organisers::active(&app.db, all[1].id)
        .await
        .unwrap()
        .remove(0);
    let link = emails.urls.link(
        covoit::links::Purpose::Event,
        covoit::links::EventLink::CoOrganiser { id: co.id }.id(),
        now,
        now + chrono::Duration::days(1),
    );
    let cora = link.trim_start_matches(emails.urls.base()).to_owned();
    let (status, page) = app.get(&cora).await;
    assert_eq!(status, Status::Ok);
    let first = format!("{cora}~{}", all[0].id);
    assert!(text(&page).contains(&format!("href=\"{first}\"")), "{page}");
    // She closes booking on the first date from her link.
    let (status, _, _) = post(
        app,
        &format!("{first}/booking"),
        &[("booking", "closed".into())],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    assert!(events(app).await[0].booking_closed);
    // Revoked, her link reaches no date.
    covoit::services::co_organisers::revoke(&app.db, all[1].id, co.id, now)
        .await
        .unwrap();
    for path in [cora.clone(), first.clone()] {
        let (status, _) = app.get(&path).await;
        assert_eq!(status, Status::Gone, "{path}");
    }
    let (status, _, _) = post(
        app,
        &format!("{first}/booking"),
        &[("booking", "open".into())],
    )
    .await;
    assert_eq!(status, Status::Gone);
    assert!(events(app).await[0].booking_closed, "unchanged");
}
