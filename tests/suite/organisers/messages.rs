//! Messages to participants: one text to a group (drivers, confirmed passengers, everyone of
//! one direction), each person once through the outbox, in a frame in their language; a
//! double click sends once; at most five a day; logged on the organiser page.
use super::{ANNE, BRUNO, WANDA, post, queued, smtp_app, story, text};
use crate::common::{self, TestApp, inbox::one};
use covoit::domain::{EmailKind, Lang};
use covoit::i18n::T;
use futures::future::join_all;
use rocket::http::Status;

on_both_backends!(a_message_reaches_its_group_once_in_each_language);

fn form(audience: &str, message: &str) -> Vec<(&'static str, String)> {
    vec![
        ("audience", audience.to_owned()),
        ("message", message.to_owned()),
    ]
}

async fn a_message_reaches_its_group_once_in_each_language(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let t = T::get(Lang::Fr);
    let send = format!("{}/messages", s.organiser);

    // To all drivers, sent three times at once (a double click): once.
    let words = "Rendez-vous à 9 h devant le gymnase <b>côté parking</b>.";
    let drivers = form("drivers", words);
    let answers = join_all((0..3).map(|_| post(&app, &send, &drivers))).await;
    let sent = answers
        .iter()
        .filter(|(_, _, l)| l.as_deref().is_some_and(|l| l.ends_with("?done=sent")))
        .count();
    assert_eq!(
        sent,
        1,
        "{:?}",
        answers.iter().map(|a| &a.2).collect::<Vec<_>>()
    );
    assert_eq!(queued(&app, EmailKind::OrganiserMessage).await, 1);
    let mails = s.inbox.deliver().await;
    assert_eq!(mails.len(), 1);
    let driver = one(&mails, common::DRIVER_EMAIL);
    assert!(
        driver
            .subject
            .starts_with("Message des organisateurs — Tournoi de printemps")
    );
    assert!(
        driver.text.contains(words),
        "the words as written: {}",
        driver.text
    );
    assert!(
        driver.html.contains("&#60;b&#62;côté parking")
            || driver.html.contains("&lt;b&gt;côté parking")
    );

    // Everyone on the way there: the driver, Anne (a seat there), Wanda (waiting for one);
    // not Bruno (his request is for the ride back). Each in their language.
    post(&app, &send, &form("to_event", "Le parking est fermé.")).await;
    let mails = s.inbox.deliver().await;
    assert_eq!(
        mails.len(),
        3,
        "{:?}",
        mails.iter().map(|m| &m.to).collect::<Vec<_>>()
    );
    one(&mails, common::DRIVER_EMAIL);
    assert!(one(&mails, ANNE).text.contains("Le parking est fermé."));
    let wanda = one(&mails, WANDA);
    assert!(
        wanda.subject.starts_with("Nachricht der Veranstalter"),
        "{}",
        wanda.subject
    );
    assert!(wanda.text.contains("Le parking est fermé."));
    assert!(mails.iter().all(|m| m.to != BRUNO));

    // Confirmed passengers: Anne only (Bruno waits for an answer). Back: driver and Bruno.
    post(&app, &send, &form("passengers", "Pensez aux gourdes.")).await;
    let mails = s.inbox.deliver().await;
    assert_eq!(mails.len(), 1);
    one(&mails, ANNE);
    post(&app, &send, &form("from_event", "Retour à 19 h.")).await;
    let mails = s.inbox.deliver().await;
    assert_eq!(mails.len(), 2);
    assert!(
        one(&mails, BRUNO)
            .subject
            .starts_with("A message from the organisers")
    );

    // Logged on the organiser page.
    let (_, page) = app.get(&s.organiser).await;
    let seen = text(&page);
    assert!(seen.contains("Tous les conducteurs — 1 personne"), "{seen}");
    assert!(seen.contains("Tout le monde à l'aller — 3 personnes"));
    assert!(seen.contains(words));

    // A fifth is fine, a sixth in the day is refused with its reason; bad input names fields.
    let (_, _, location) = post(&app, &send, &form("drivers", "Cinquième.")).await;
    assert!(location.unwrap().ends_with("?done=sent"));
    let (status, page, _) = post(&app, &send, &form("drivers", "Sixième.")).await;
    assert_eq!(status, Status::Conflict);
    assert!(
        text(&page).contains(t.t("org-msg-too-many-title")),
        "{page}"
    );
    let (status, _, _) = post(&app, &send, &form("drivers", "  ")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let (status, _, _) = post(&app, &send, &form("everyone-on-earth", "Hello")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(s.inbox.deliver().await.len(), 1, "only the fifth went out");
    app.finish().await;
}
