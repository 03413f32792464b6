//! matching: 3. The whole story, through HTTP and the emails really sent over SMTP only: a full
//! ride, two people waiting, a cancellation, the first one's claim, an invitation to the second
//! from another driver, a ride that accepts automatically, and a "no" to "still going?" that
//! frees a seat which the waiting list then takes.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use std::cell::RefCell;

use common::inbox::{Inbox, one};
use common::smtp::{SmtpServer, smtp_figment};
use covoit::domain::NeedStatus;
use covoit::services::still;

on_both_backends!(the_waiting_list_story);

/// What the story's emails were, for the closing note: (to, subject).
fn subjects(mails: &[Mail]) -> Vec<(String, String)> {
    mails
        .iter()
        .map(|m| (m.to.clone(), m.subject.clone()))
        .collect()
}

async fn the_waiting_list_story(base: &TestApp) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(base.backend, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    let mut log = Vec::new();
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();

    // Adam's ride has one seat; Paula takes it: the ride is full.
    let adam = offer(&app, &slug, "adam@example.org", "to_event", 1, false).await;
    let paula = book(&app, &adam, "Paula Passagère", "paula@example.org").await;
    let mails = inbox.deliver().await;
    let accept = link_in(&mails, "adam@example.org", "accept");
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&accept, &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &adam).await, 0);
    log.extend(subjects(&inbox.deliver().await));

    // Two people find no ride and join the waiting list; each gets their need's link.
    let (status, _) = need(
        &app,
        &slug,
        "Wilma Première",
        "wilma@example.org",
        "to_event",
    )
    .await;
    assert_eq!(status, Status::Created);
    let (status, _) = need(&app, &slug, "Walter Second", "walter@example.org", "both").await;
    assert_eq!(status, Status::Created);
    let mails = inbox.deliver().await;
    for who in ["wilma@example.org", "walter@example.org"] {
        let m = one(&mails, who);
        assert!(
            m.subject.starts_with("Vous êtes sur la liste d'attente"),
            "{}",
            m.subject
        );
        let (status, page) = app.get(&link(&m.text, "need")).await;
        assert_eq!(status, Status::Ok);
        assert!(
            page.contains("/withdraw"),
            "a waiting need can be withdrawn: {page}"
        );
    }
    log.extend(subjects(&mails));
    let (_, page) = app.get(&format!("/e/{slug}")).await;
    assert!(page.contains("2 personnes cherchent un trajet"), "{page}");

    // Paula cancels: her seat is free, and both waiting people hear of it.
    let paula_id = paula["reservation"]["id"].as_i64().unwrap();
    let (status, _, _) = app
        .post_form(&link_for(Purpose::Booking, paula_id, far()), &[])
        .await;
    assert_eq!(status, Status::SeeOther);
    let freed = inbox.deliver().await;
    let told = freed
        .iter()
        .filter(|m| m.subject.starts_with("Des places se libèrent"))
        .count();
    assert_eq!(told, 2, "{:?}", subjects(&freed));
    log.extend(subjects(&freed));

    // Wilma claims first: her request goes to Adam, who accepts it.
    let claim = link_in(&freed, "wilma@example.org", "claim");
    let (status, page) = app.get(&claim).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("Prendre les places"),
        "GET only shows: {page}"
    );
    assert_eq!(
        need_row(&app, "wilma@example.org").await.status,
        NeedStatus::Waiting
    );
    let (status, _, location) = app.post_form(&claim, &[]).await;
    assert_eq!(status, Status::SeeOther, "{location:?}");
    assert_eq!(
        need_row(&app, "wilma@example.org").await.status,
        NeedStatus::Matched
    );
    let mails = inbox.deliver().await;
    let accept = link(&one(&mails, "adam@example.org").text, "accept");
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&accept, &[]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "wilma@example.org")
            .subject
            .starts_with("C'est accepté")
    );
    log.extend(subjects(&mails));
    // Walter's claim comes too late: the seat is taken, and he still waits.
    let late = link_in(&freed, "walter@example.org", "claim");
    let (status, page, _) = app.post_form(&late, &[]).await;
    assert_eq!(status, Status::Conflict, "{page}");
    assert_eq!(
        need_row(&app, "walter@example.org").await.status,
        NeedStatus::Waiting
    );

    // Béa offers another ride: the email lists Walter, who waits; from her page she invites
    // him, and his "join" confirms the seat at once.
    let bea = offer(&app, &slug, "bea@example.org", "to_event", 2, false).await;
    let mails = inbox.deliver().await;
    let published = one(&mails, "bea@example.org");
    assert!(published.text.contains("Walter"), "{}", published.text);
    assert!(!published.text.contains("walter@example.org"));
    let manage = link(&published.text, "manage");
    log.extend(subjects(&mails));
    let walter = need_row(&app, "walter@example.org").await;
    let (status, _, _) = app
        .post_form(&format!("{manage}/invite/{}", walter.public_id), &[])
        .await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    let join = link_in(&mails, "walter@example.org", "join");
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&join, &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &bea).await, 1);
    let mails = inbox.deliver().await;
    let accepted = one(&mails, "walter@example.org");
    assert!(
        accepted.subject.starts_with("C'est accepté"),
        "{}",
        accepted.subject
    );
    assert!(
        accepted.text.contains("bea@example.org"),
        "the driver's contact"
    );
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&join, &[]).await;
    assert_eq!(status, Status::Conflict, "a replay changes nothing");

    // Carl's ride back accepts automatically: Quentin's request is confirmed at once.
    let carl = offer(&app, &slug, "carl@example.org", "from_event", 2, true).await;
    inbox.deliver().await;
    let q = book(&app, &carl, "Quentin", "quentin@example.org").await;
    assert_eq!(q["reservation"]["status"], "confirmed");
    let mails = inbox.deliver().await;
    assert!(
        one(&mails, "quentin@example.org")
            .subject
            .starts_with("C'est accepté")
    );
    assert!(
        one(&mails, "carl@example.org")
            .subject
            .starts_with("Vos passagers")
    );
    log.extend(subjects(&mails));

    // Someone else now waits for a ride there.
    let (status, _) = need(&app, &slug, "Xena Third", "xena@example.org", "to_event").await;
    assert_eq!(status, Status::Created);
    log.extend(subjects(&inbox.deliver().await));

    // Two days before departure, everyone travelling is asked "still going?"; Wilma says no:
    // her seat on Adam's ride is free again, and Xena, waiting, hears of it and takes it.
    let departs = offer_of(&app, &adam).await.departs_at;
    let emails = app.emails();
    let asked_at = departs - Duration::hours(40);
    let asked = still::ask_due(&app.db, &emails, Duration::hours(48), asked_at)
        .await
        .unwrap();
    assert_eq!(asked, 3, "Adam's, Béa's and Carl's rides");
    let mails = inbox.deliver_at(asked_at).await;
    for who in [
        "adam@example.org",
        "bea@example.org",
        "carl@example.org",
        "wilma@example.org",
        "walter@example.org",
        "quentin@example.org",
    ] {
        assert!(
            one(&mails, who).subject.starts_with("Vous partez toujours"),
            "{who}"
        );
    }
    log.extend(subjects(&mails));
    let still_link = link_in(&mails, "wilma@example.org", "still");
    let (status, page) = app.get(&format!("{still_link}?answer=no")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("libérer ma place"), "{page}");
    assert_eq!(seats_left(&app, &adam).await, 0, "GET changes nothing");
    let (status, _, _) = app.post_form(&still_link, &[("answer", "no")]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &adam).await, 1);
    let (status, _, _) = app.post_form(&still_link, &[("answer", "yes")]).await;
    assert_eq!(status, Status::Conflict, "answered once");
    let mails = inbox.deliver().await;
    assert!(one(&mails, "adam@example.org").subject.contains("a annulé"));
    let claim = link_in(&mails, "xena@example.org", "claim");
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&claim, &[]).await;
    assert_eq!(status, Status::SeeOther);
    let mails = inbox.deliver().await;
    let accept = link(&one(&mails, "adam@example.org").text, "accept");
    log.extend(subjects(&mails));
    let (status, _, _) = app.post_form(&accept, &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(seats_left(&app, &adam).await, 0);
    assert_eq!(
        need_row(&app, "xena@example.org").await.status,
        NeedStatus::Matched
    );
    log.extend(subjects(&inbox.deliver().await));

    // Every email went out once, multipart, over SMTP; the story's emails, for the record.
    for (to, subject) in &log {
        println!("story email: {to} — {subject}");
    }
    assert!(log.len() >= 25, "{}", log.len());
    app.finish().await;
}
