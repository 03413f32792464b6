//! The operator and an abusive event: hidden, its public page and API answer 404 while its
//! organisers still reach it; shown again; deleted (a ticked box; POST only, behind the
//! operator's access), everyone involved told once, the organisers by their own email, and
//! its personal data erased once those emails are sent.
use super::{ADMIN, scan, smtp_app, text};
use crate::common::{self, TestApp, inbox::one};
use crate::organisers::{ANNE, BRUNO, WANDA, story};
use chrono::Utc;
use covoit::domain::{EmailKind, Lang};
use covoit::entities::{event, purge};
use covoit::i18n::T;
use covoit::jobs::{Step, run};
use futures::future::join_all;
use rocket::http::{ContentType, Header, Status};
use sea_orm::EntityTrait;

on_both_backends!(an_abusive_event_is_hidden_then_deleted_once);

async fn moderate(app: &TestApp, slug: &str, action: &str, confirm: bool) -> (Status, String) {
    let mut body = format!("slug={slug}&action={action}");
    if confirm {
        body.push_str("&confirm=yes");
    }
    let res = app
        .client
        .post("/admin/events/moderate")
        .header(ContentType::Form)
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .body(body)
        .dispatch()
        .await;
    let status = res.status();
    let location = res.headers().get_one("Location").unwrap_or("").to_owned();
    (status, location)
}

async fn an_abusive_event_is_hidden_then_deleted_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let public = format!("/e/{}", s.slug);
    let api = format!("/api/events/{}", s.slug);

    // Without the operator's access, nothing happens.
    let res = app
        .client
        .post("/admin/events/moderate")
        .header(ContentType::Form)
        .body(format!("slug={}&action=hide", s.slug))
        .dispatch()
        .await;
    assert_ne!(res.status(), Status::SeeOther);
    drop(res);
    assert_eq!(app.get(&public).await.0, Status::Ok);

    // Hidden: the public page, the API and booking say "not found"; the organiser still sees it.
    let (status, location) = moderate(&app, &s.slug, "hide", false).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.contains("done=hidden"), "{location}");
    assert_eq!(app.get(&public).await.0, Status::NotFound);
    assert_eq!(app.get_json(&api).await.0, Status::NotFound);
    assert_eq!(
        app.get(&format!("/o/{}", s.offer)).await.0,
        Status::NotFound
    );
    let (status, _) = app.book(&s.offer, "someone@example.org", 1).await;
    assert_eq!(status, Status::NotFound);
    let (status, page) = app.get(&s.organiser).await;
    assert_eq!(status, Status::Ok, "{page}");
    let res = app
        .client
        .get("/admin?lang=en&done=hidden")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    let page = text(&res.into_string().await.unwrap());
    let en = T::get(Lang::En);
    assert!(page.contains(en.t("admin-hidden-done")), "{page}");
    assert!(page.contains(en.t("admin-hidden-badge")), "{page}");

    // Shown again.
    moderate(&app, &s.slug, "unhide", false).await;
    assert_eq!(app.get(&public).await.0, Status::Ok);

    // Delete without the ticked box: nothing.
    let (_, location) = moderate(&app, &s.slug, "delete", false).await;
    assert!(location.contains("done=confirm"), "{location}");
    let e = event::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert!(e.deleted_at.is_none());
    assert!(s.inbox.deliver().await.is_empty());

    // Three deletions at once: one.
    join_all((0..3).map(|_| moderate(&app, &s.slug, "delete", true))).await;
    assert_eq!(app.get(&public).await.0, Status::NotFound);
    let mails = s.inbox.deliver().await;
    let kinds = |to: &str| {
        mails
            .iter()
            .filter(|m| m.to == to)
            .map(|m| m.subject.clone())
            .collect::<Vec<_>>()
    };
    for person in [common::DRIVER_EMAIL, ANNE, BRUNO, WANDA] {
        assert_eq!(kinds(person).len(), 1, "{person}: {:?}", kinds(person));
    }
    let fr = T::get(Lang::Fr);
    let organiser = one(&mails, common::ORGANIZER_EMAIL);
    assert_eq!(
        organiser.subject,
        fr.t1("removed-subject", "event", "Tournoi de printemps")
    );
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squash(&organiser.text).contains(&squash(fr.t("removed-told"))),
        "{}",
        organiser.text
    );
    assert!(organiser.text.contains("https://covoit.test/link/data/"));
    assert_eq!(
        mails.len(),
        5,
        "{:?}",
        mails.iter().map(|m| &m.to).collect::<Vec<_>>()
    );
    let cancelled = mails
        .iter()
        .filter(|m| m.to == common::DRIVER_EMAIL)
        .count();
    assert_eq!(cancelled, 1);
    assert_eq!(
        super::super::organisers::queued(&app, EmailKind::EventRemoved).await,
        1
    );

    // Its emails sent, the next purge erases it.
    let r = run(
        &app.db,
        &app.emails(),
        &app.mailer(),
        "t",
        Step::Purge,
        Utc::now(),
    )
    .await;
    assert_eq!(r.purged, 1, "{r:?}");
    let purges = purge::Entity::find().all(&app.db.conn).await.unwrap();
    assert_eq!(purges[0].reason, "deleted");
    let left = scan(
        &app,
        &[
            "Anne Aubert",
            ANNE,
            BRUNO,
            WANDA,
            common::DRIVER_EMAIL,
            "Odile Organisatrice",
        ],
    )
    .await;
    assert!(left.is_empty(), "{left:?}");
    let res = app
        .client
        .get("/admin?lang=en")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    let page = text(&res.into_string().await.unwrap());
    assert!(page.contains(en.t("admin-purge-reason-deleted")), "{page}");
    drop(s);
    app.finish().await;
}
