//! Co-organisers: invited by email, each gets an `event` link of their own that works like the
//! organiser's; revoked, that link opens nothing (page, actions, CSV) while the organiser's
//! still works. Invitations and revocations raced happen once.
use super::{edit_form, post, queued, smtp_app, story, text};
use crate::common::{TestApp, inbox::link, inbox::one};
use covoit::domain::{EmailKind, Lang};
use covoit::i18n::T;
use futures::future::join_all;
use rocket::http::Status;

on_both_backends!(a_co_organiser_gets_a_link_of_their_own_until_revoked);

const CORA: &str = "cora@club.example";

async fn a_co_organiser_gets_a_link_of_their_own_until_revoked(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let t = T::get(Lang::Fr);

    // Invited five times at once: one invitation, one email.
    let invite = format!("{}/co-organisers", s.organiser);
    let form = vec![
        ("co_name", "Cora Coorganisatrice".to_owned()),
        ("co_email", CORA.to_owned()),
    ];
    let answers = join_all((0..5).map(|_| post(&app, &invite, &form))).await;
    for (status, body, _) in &answers {
        assert_eq!(*status, Status::SeeOther, "{body}");
    }
    assert_eq!(queued(&app, EmailKind::CoOrganiserInvited).await, 1);
    let mails = s.inbox.deliver().await;
    let invitation = one(&mails, CORA);
    assert!(
        invitation
            .subject
            .contains("Vous co-organisez Tournoi de printemps")
    );
    let cora = link(&invitation.text, "event");
    assert_ne!(cora, s.organiser, "a link of her own");

    // Her link opens the organiser page, and she can act from it.
    let (status, page) = app.get(&cora).await;
    assert_eq!(status, Status::Ok);
    assert!(text(&page).contains("Anne Aubert"), "the roster");
    let (status, _, location) =
        post(&app, &format!("{cora}/edit"), &edit_form("Gymnase", 10)).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=saved"));
    assert_eq!(s.inbox.deliver().await.len(), 4, "everyone concerned told");

    // The organiser sees her and revokes her (twice at once: revoked once).
    let (_, page) = app.get(&s.organiser).await;
    assert!(text(&page).contains("Cora Coorganisatrice"));
    let revoke = format!("{}/co-organisers/1/revoke", s.organiser);
    let answers = join_all((0..2).map(|_| post(&app, &revoke, &[]))).await;
    for (status, _, location) in &answers {
        assert_eq!(*status, Status::SeeOther);
        assert!(location.as_deref().unwrap().ends_with("?done=revoked"));
    }
    let (_, page) = app.get(&format!("{}?done=revoked", s.organiser)).await;
    assert!(text(&page).contains(t.t("org-co-revoked-done")));
    assert!(text(&page).contains(t.t("org-co-none")));

    // Her link opens nothing now: the page, the actions, the CSV.
    let (status, page) = app.get(&cora).await;
    assert_eq!(status, Status::Gone);
    assert!(text(&page).contains(t.t("org-revoked-body")), "{page}");
    assert!(!text(&page).contains("Anne Aubert"));
    let (status, _, _) = post(&app, &format!("{cora}/edit"), &edit_form("Ailleurs", 10)).await;
    assert_eq!(status, Status::Gone);
    let (status, _, _) = post(&app, &format!("{cora}/cancel"), &[]).await;
    assert_eq!(status, Status::Gone);
    assert_eq!(app.get(&format!("{cora}/csv")).await.0, Status::Gone);
    assert_eq!(
        app.get(&s.organiser).await.0,
        Status::Ok,
        "the organiser's link works"
    );
    assert!(s.inbox.deliver().await.is_empty());

    // Invited again later: a new link (the old one stays revoked).
    post(&app, &invite, &form).await;
    let mails = s.inbox.deliver().await;
    let again = link(&one(&mails, CORA).text, "event");
    assert_ne!(again, cora);
    assert_eq!(app.get(&again).await.0, Status::Ok);
    assert_eq!(app.get(&cora).await.0, Status::Gone);
    app.finish().await;
}
