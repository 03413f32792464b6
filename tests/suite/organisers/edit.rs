//! Editing the event: everyone concerned gets one email, in their language, saying what
//! changed in words; the driver whose ride no longer fits is asked to change it; the
//! passenger with a seat gets an updated calendar entry; a repeat changes nothing.
use super::{ANNE, BRUNO, WANDA, edit_form, post, queued, smtp_app, story, text};
use crate::common::{self, TestApp, inbox::one};
use chrono::Utc;
use covoit::domain::{EmailKind, Lang};
use covoit::entities::event;
use covoit::i18n::T;
use futures::future::join_all;
use rocket::http::Status;
use sea_orm::EntityTrait;

on_both_backends!(an_edit_tells_everyone_concerned_once);
on_sqlite!(bad_input_names_the_field_and_changes_nothing);

async fn an_edit_tells_everyone_concerned_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let edit = format!("{}/edit", s.organiser);

    // The organiser page holds the form, filled with the event as it is.
    let (status, page) = app.get(&s.organiser).await;
    assert_eq!(status, Status::Ok);
    assert!(
        text(&page).contains(&format!("action=\"{edit}\"")),
        "{page}"
    );
    assert!(text(&page).contains("value=\"Stade municipal, Lyon\""));

    // The venue moves and the event is a day earlier: the ride there (day 10, 12:00) now
    // leaves after the start; the ride back (day 10, 19:00) still fits. Sent eight times at
    // once (a double click, two organisers): one edit, one email each.
    let form = edit_form("Gymnase Jean Jaurès, Villeurbanne", 9);
    let answers = join_all((0..8).map(|_| post(&app, &edit, &form))).await;
    for (status, body, location) in &answers {
        assert_eq!(*status, Status::SeeOther, "{body}");
        let location = location.as_deref().unwrap();
        assert!(location.ends_with("?done=saved") || location.ends_with("?done=unchanged"));
    }
    let saved = answers
        .iter()
        .filter(|(_, _, l)| l.as_deref().unwrap().ends_with("saved"))
        .count();
    assert_eq!(saved, 1, "one edit");
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (e.version, e.venue.as_str()),
        (1, "Gymnase Jean Jaurès, Villeurbanne")
    );
    assert_eq!(queued(&app, EmailKind::EventChanged).await, 4);

    let mails = s.inbox.deliver().await;
    assert_eq!(
        mails.len(),
        4,
        "{:?}",
        mails.iter().map(|m| &m.to).collect::<Vec<_>>()
    );
    // The driver, in French: what changed in words, and the ride that no longer fits.
    let driver = one(&mails, common::DRIVER_EMAIL);
    assert!(
        driver
            .subject
            .starts_with("L'événement a changé — Tournoi de printemps")
    );
    assert!(
        driver
            .text
            .contains("Gymnase Jean Jaurès, Villeurbanne (au lieu de Stade municipal, Lyon)"),
        "{}",
        driver.text
    );
    assert!(driver.text.contains("Date et heure"), "{}", driver.text);
    assert_eq!(
        driver
            .text
            .matches("Cet horaire ne correspond plus")
            .count(),
        1,
        "only the ride there is flagged: {}",
        driver.text
    );
    assert!(driver.text.contains("https://covoit.test/link/manage/"));
    // Anne, with a seat: her booking page and the calendar entry, updated.
    let anne = one(&mails, ANNE);
    assert!(anne.text.contains("Votre place"), "{}", anne.text);
    assert!(anne.text.contains("https://covoit.test/link/booking/"));
    let (method, ics) = anne.calendars.first().expect("an updated calendar entry");
    assert_eq!(method, "REQUEST");
    assert!(ics.contains("SEQUENCE:1"), "{ics}");
    // Bruno reads English, Wanda German.
    let bruno = one(&mails, BRUNO);
    assert!(
        bruno.subject.starts_with("The event has changed"),
        "{}",
        bruno.subject
    );
    assert!(bruno.text.contains("Your request"), "{}", bruno.text);
    assert!(bruno.calendars.is_empty(), "no seat, no calendar entry");
    let wanda = one(&mails, WANDA);
    assert!(
        wanda
            .subject
            .starts_with("Die Veranstaltung hat sich geändert")
    );
    assert!(wanda.text.contains("Warteliste"), "{}", wanda.text);

    // The organiser sees it saved, and the public page shows the new venue.
    let (_, page) = app.get(&format!("{}?done=saved", s.organiser)).await;
    assert!(
        text(&page).contains(T::get(Lang::Fr).t("org-saved")),
        "{page}"
    );
    let (_, public) = app.get(&format!("/e/{}", s.slug)).await;
    assert!(text(&public).contains("Gymnase Jean Jaurès"));

    // The same form again: nothing to do, nobody told again.
    let (_, _, location) = post(&app, &edit, &form).await;
    assert!(location.unwrap().ends_with("?done=unchanged"));
    assert!(s.inbox.deliver().await.is_empty());
    // A second change is a new edit: each is told again (a new version).
    post(
        &app,
        &edit,
        &edit_form("Gymnase Jean Jaurès, Villeurbanne", 10),
    )
    .await;
    let mails = s.inbox.deliver().await;
    assert_eq!(mails.len(), 4);
    let driver = one(&mails, common::DRIVER_EMAIL);
    assert!(
        !driver.text.contains("Cet horaire ne correspond plus"),
        "{}",
        driver.text
    );
    app.finish().await;
}

async fn bad_input_names_the_field_and_changes_nothing(app: &TestApp) {
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let e = covoit::services::events::by_slug(&app.db, &slug)
        .await
        .unwrap();
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        e.id,
        Utc::now() + chrono::Duration::days(1),
    );
    let edit = format!("/link/event/{token}/edit");
    let form = vec![
        ("name", String::new()),
        ("venue", "Gymnase".to_owned()),
        ("starts_at", "2020-01-01T10:00".to_owned()),
        ("timezone", "Mars/Olympus_Mons".to_owned()),
    ];
    let (status, page, _) = post(app, &edit, &form).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let t = T::get(Lang::Fr);
    for words in [
        t.t("invalid-required"),
        t.t("invalid-time-zone"),
        t.t("event-name"),
    ] {
        assert!(text(&page).contains(words), "{words} in {page}");
    }
    assert!(
        text(&page).contains("value=\"Gymnase\""),
        "the form keeps what was typed"
    );
    let after = covoit::services::events::by_slug(&app.db, &slug)
        .await
        .unwrap();
    assert_eq!(after, e, "nothing changed");

    // A forged link acts on nothing.
    let (status, _, _) = post(app, "/link/event/forged.token/edit", &form).await;
    assert_eq!(status, Status::BadRequest);
    // A GET never acts: there is no GET behind the form's address.
    assert_eq!(app.get(&edit).await.0, Status::NotFound);
}
