//! What people see after the organisers' work: a wrong co-organiser address re-shows the page
//! with the field named and the typed value kept; a ride the event's move no longer fits is
//! flagged on its driver's own page; the event's JSON says whether it is cancelled and whether
//! booking is closed.
use super::{edit_form, post, smtp_app, story, text};
use crate::common::TestApp;
use covoit::domain::Lang;
use covoit::i18n::T;
use rocket::http::Status;

on_sqlite!(a_wrong_invitation_re_shows_the_page_with_what_was_typed);
on_sqlite!(the_driver_sees_the_ride_no_longer_fits_on_their_page);
on_sqlite!(the_event_json_says_cancelled_and_closed);

async fn a_wrong_invitation_re_shows_the_page_with_what_was_typed(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let fr = T::get(Lang::Fr);
    let (status, page, location) = post(
        &app,
        &format!("{}/co-organisers", s.organiser),
        &[
            ("co_name", "Cora Coorganisatrice".into()),
            ("co_email", "cora at club".into()),
        ],
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity, "{location:?}");
    let page = text(&page);
    assert!(
        page.contains(fr.t("link-organiser-title")),
        "the organiser page"
    );
    assert!(page.contains("Anne Aubert"), "with its roster");
    // The summary names the field, the field shows its error and what was typed.
    assert!(page.contains("href=\"#f-co_email\""), "{page}");
    assert!(page.contains(fr.t("org-co-email")));
    assert!(page.contains("value=\"cora at club\""), "{page}");
    assert!(page.contains("value=\"Cora Coorganisatrice\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(s.inbox.deliver().await.is_empty(), "nobody invited");
    app.finish().await;
}

async fn the_driver_sees_the_ride_no_longer_fits_on_their_page(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let fr = T::get(Lang::Fr);
    let mails = s.inbox.deliver().await;
    assert!(mails.is_empty());
    // The driver's page before: no flag.
    let e = covoit::services::events::by_slug(&app.db, &s.slug)
        .await
        .unwrap();
    let ride = app.offer_row(&s.offer).await;
    let manage = covoit::links::sign(
        crate::common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Manage,
        ride.id,
        e.starts_at + chrono::Duration::days(1),
    );
    let (_, page) = app.get(&format!("/link/manage/{manage}")).await;
    assert!(!text(&page).contains(fr.t("org-misfit")), "it fits");
    // The event moves a day earlier: the ride there (day 10, 12:00) now leaves after it starts.
    let (status, _, _) = post(
        &app,
        &format!("{}/edit", s.organiser),
        &edit_form("Stade municipal, Lyon", 9),
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    let (_, page) = app.get(&format!("/link/manage/{manage}")).await;
    let page = text(&page);
    assert!(page.contains(fr.t("org-misfit")), "{page}");
    assert!(page.contains(fr.t("org-misfit-why")));
    // The ride back still fits: no flag on its page.
    let back = app.offer_row(&s.back).await;
    let back = covoit::links::sign(
        crate::common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Manage,
        back.id,
        e.starts_at + chrono::Duration::days(1),
    );
    let (_, page) = app.get(&format!("/link/manage/{back}")).await;
    assert!(!text(&page).contains(fr.t("org-misfit")));
    app.finish().await;
}

async fn the_event_json_says_cancelled_and_closed(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let api = format!("/api/events/{}", s.slug);
    let (_, body) = app.get_json(&api).await;
    assert_eq!(body["event"]["status"], "scheduled", "{body}");
    assert_eq!(body["event"]["booking_closed"], false);
    post(
        &app,
        &format!("{}/booking", s.organiser),
        &[("booking", "closed".into())],
    )
    .await;
    let (_, body) = app.get_json(&api).await;
    assert_eq!(body["event"]["booking_closed"], true, "{body}");
    assert_eq!(body["event"]["status"], "scheduled");
    post(
        &app,
        &format!("{}/booking", s.organiser),
        &[("booking", "open".into())],
    )
    .await;
    post(
        &app,
        &format!("{}/cancel", s.organiser),
        &[("note", String::new())],
    )
    .await;
    let (status, body) = app.get_json(&api).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(body["event"]["status"], "cancelled", "{body}");
    app.finish().await;
}
