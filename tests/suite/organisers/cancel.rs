//! Cancelling the event: a confirmation step (a GET that changes nothing), then every ride
//! cancelled, every request and need ended, everyone told once (seats' calendar entries
//! withdrawn); the public pages say so and take no bookings. Raced, it happens once.
use super::{ANNE, BRUNO, WANDA, post, queued, smtp_app, story, text};
use crate::common::{self, TestApp, inbox::one};
use covoit::domain::{EmailKind, EventStatus, Lang, NeedStatus, OfferStatus, Reason};
use covoit::entities::{event, need, offer, reservation};
use covoit::i18n::T;
use futures::future::join_all;
use rocket::http::Status;
use sea_orm::EntityTrait;

on_both_backends!(a_cancellation_ends_everything_and_tells_everyone_once);

async fn a_cancellation_ends_everything_and_tells_everyone_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let t = T::get(Lang::Fr);
    let cancel = format!("{}/cancel", s.organiser);

    // The page links to the confirmation step; opening it changes nothing.
    let (_, page) = app.get(&s.organiser).await;
    assert!(
        text(&page).contains(&format!("href=\"{cancel}\"")),
        "{page}"
    );
    let (status, confirm) = app.get(&cancel).await;
    assert_eq!(status, Status::Ok);
    assert!(
        text(&confirm).contains("method=\"post\"") && text(&confirm).contains("class=\"danger\"")
    );
    assert!(text(&confirm).contains(t.t("org-cancel-confirm")));
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.status, EventStatus::Open);

    // Six confirmations at once: one cancels, the others are told it is done already.
    let form = vec![("note", "Terrain inondé, désolés !".to_owned())];
    let answers = join_all((0..6).map(|_| post(&app, &cancel, &form))).await;
    let done = answers
        .iter()
        .filter(|(s, _, l)| {
            *s == Status::SeeOther && l.as_deref().is_some_and(|l| l.ends_with("?done=cancelled"))
        })
        .count();
    assert_eq!(
        done,
        1,
        "{:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    for (status, body, _) in answers.iter().filter(|a| a.0 != Status::SeeOther) {
        assert_eq!(*status, Status::Gone);
        assert!(
            text(body).contains(t.t("org-event-cancelled-body")),
            "{body}"
        );
    }
    assert_eq!(queued(&app, EmailKind::EventCancelled).await, 4);
    // No other email than the one per person (no "ride cancelled" on top of it).
    assert_eq!(queued(&app, EmailKind::OfferCancelled).await, 0);

    // Everything ended.
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.status, EventStatus::Cancelled);
    for o in offer::Entity::find().all(&app.db.conn).await.unwrap() {
        assert_eq!(o.status, OfferStatus::Cancelled);
    }
    for r in reservation::Entity::find().all(&app.db.conn).await.unwrap() {
        assert!(!r.status.is_active(), "{r:?}");
        assert_eq!(r.reason, Some(Reason::EventCancelled));
    }
    for n in need::Entity::find().all(&app.db.conn).await.unwrap() {
        assert_eq!(n.status, NeedStatus::Cancelled);
    }

    // Everyone told once, in their language, with the organisers' word.
    let mails = s.inbox.deliver().await;
    assert_eq!(mails.len(), 4);
    let driver = one(&mails, common::DRIVER_EMAIL);
    assert!(
        driver
            .subject
            .starts_with("Événement annulé — Tournoi de printemps")
    );
    assert!(
        driver.text.contains("Terrain inondé, désolés !"),
        "{}",
        driver.text
    );
    assert_eq!(
        driver.text.matches("Votre trajet").count(),
        2,
        "{}",
        driver.text
    );
    let anne = one(&mails, ANNE);
    assert_eq!(anne.calendars.len(), 1, "her seat's entry is withdrawn");
    assert_eq!(anne.calendars[0].0, "CANCEL");
    let bruno = one(&mails, BRUNO);
    assert!(
        bruno.subject.starts_with("Event cancelled"),
        "{}",
        bruno.subject
    );
    assert!(bruno.calendars.is_empty());
    let wanda = one(&mails, WANDA);
    assert!(
        wanda.subject.starts_with("Veranstaltung abgesagt"),
        "{}",
        wanda.subject
    );

    // The public pages say so and take no booking.
    let (_, public) = app.get(&format!("/e/{}", s.slug)).await;
    assert!(
        text(&public).contains(t.t("org-public-cancelled")),
        "{public}"
    );
    assert!(!text(&public).contains("#book"), "no booking button");
    let (_, offer_page) = app.get(&format!("/o/{}", s.offer)).await;
    assert!(text(&offer_page).contains(t.t("org-public-cancelled")));
    assert!(
        !text(&offer_page).contains("passenger_email"),
        "no booking form"
    );
    let (status, body) = app.book(&s.back, "late@example.org", 1).await;
    assert_eq!(status, Status::Gone, "{body}");
    assert_eq!(body["error"]["code"], "event_cancelled");
    let (status, body) = app
        .post_json(
            &format!("/api/events/{}/offers", s.slug),
            &common::offer_body(),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (Status::Gone, Some("event_cancelled"))
    );

    // The organiser page says it, without the forms; an edit is refused.
    let (_, page) = app.get(&s.organiser).await;
    assert!(text(&page).contains(t.t("org-state-cancelled")));
    assert!(!text(&page).contains(&format!("{}/edit", s.organiser)));
    let (status, _, _) = post(
        &app,
        &format!("{}/edit", s.organiser),
        &super::edit_form("X", 9),
    )
    .await;
    assert_eq!(status, Status::Gone);
    assert!(s.inbox.deliver().await.is_empty(), "nobody told twice");
    app.finish().await;
}
