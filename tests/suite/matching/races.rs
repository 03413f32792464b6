//! matching: 2. Races: seats freed on a ride that accepts automatically, claimed by more
//! people than fit, at once; a driver's invitation racing a claim for the last seat; a
//! booking on such a ride racing them too; one person's overlapping needs sent at once. Never
//! oversold, never twice, on every database.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use std::cell::RefCell;

use common::inbox::Inbox;
use common::smtp::{SmtpServer, smtp_figment};
use futures::future::join_all;
use rocket::http::ContentType;

on_both_backends!(
    freed_seats_go_to_as_many_as_fit,
    an_invitation_racing_a_claim,
    overlapping_needs_of_one_person_at_once_let_one_in
);

/// Three people each send eight overlapping needs at once (`both` and `to_event`), while
/// eight other people each send theirs: exactly one of each person's gets in, and everyone
/// else's does.
async fn overlapping_needs_of_one_person_at_once_let_one_in(app: &TestApp) {
    let (slug, _, _) = app.event_with_offer().await;
    let people = ["wanda@example.org", "walt@example.org", "wilma@example.org"];
    let theirs = people.iter().flat_map(|email| {
        (0..8).map(|i| {
            let direction = if i % 2 == 0 { "both" } else { "to_event" };
            super::need(app, &slug, "Wanda Wait", email, direction)
        })
    });
    let others = (0..8).map(|i| {
        let email = format!("other{i}@example.org");
        let slug = slug.clone();
        async move { super::need(app, &slug, "Other", &email, "both").await }
    });
    let (theirs, others) = futures::future::join(join_all(theirs), join_all(others)).await;
    for (email, answers) in people.iter().zip(theirs.chunks(8)) {
        let created = answers
            .iter()
            .filter(|(s, _)| *s == Status::Created)
            .count();
        assert_eq!(created, 1, "{email}: {answers:?}");
        assert!(
            answers
                .iter()
                .all(|(s, b)| *s == Status::Created || b["error"]["code"] == "duplicate_need"),
            "{answers:?}"
        );
        let waiting = need::Entity::find()
            .filter(need::Column::ActiveEmail.eq(*email))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(waiting, 1, "{email}: one of their needs is saved");
    }
    assert!(
        others.iter().all(|(s, _)| *s == Status::Created),
        "{others:?}"
    );
    let (_, event) = app.get_json(&format!("/api/events/{slug}")).await;
    // Their one need each and the eight others all go to the event.
    assert_eq!(event["needs"]["to_event"], 11, "{event}");
}

async fn post_all(app: &TestApp, paths: &[String]) -> Vec<Status> {
    join_all(paths.iter().map(|p| async move {
        app.client
            .post(p.as_str())
            .header(ContentType::Form)
            .dispatch()
            .await
            .status()
    }))
    .await
}

async fn freed_seats_go_to_as_many_as_fit(base: &TestApp) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let owned = TestApp::start_with(base.backend, move |f| smtp_figment(f, port, &ca)).await;
    let app = &owned;
    let inbox = Inbox {
        app,
        server,
        seen: RefCell::new(0),
    };
    let (slug, _, _) = app.event_with_offer().await;
    let ride = offer(app, &slug, "auto@example.org", "to_event", 3, true).await;
    let mut booked = Vec::new();
    for i in 0..3 {
        let b = book(app, &ride, &format!("B{i}"), &format!("b{i}@example.org")).await;
        assert_eq!(b["reservation"]["status"], "confirmed", "automatic: {b}");
        booked.push(b["reservation"]["id"].as_i64().unwrap());
    }
    assert_eq!(seats_left(app, &ride).await, 0);
    // Six people wait for a ride there.
    for i in 0..6 {
        let (status, _) = need(
            app,
            &slug,
            &format!("W{i}"),
            &format!("w{i}@example.org"),
            "to_event",
        )
        .await;
        assert_eq!(status, Status::Created);
    }
    // Two passengers cancel: two seats free, and the waiting list hears of them.
    for id in &booked[..2] {
        let cancel = link_for(Purpose::Booking, *id, far());
        let (status, _, _) = app.post_form(&cancel, &[]).await;
        assert_eq!(status, Status::SeeOther);
    }
    assert_eq!(seats_left(app, &ride).await, 2);
    let mut claims = Vec::new();
    for i in 0..6 {
        let n = need_row(app, &format!("w{i}@example.org")).await;
        for a in alerts_for(app, n.id).await {
            claims.push(link_for(Purpose::Claim, a.id, far()));
        }
    }
    assert!(
        claims.len() >= 4,
        "at least two alerts per freed seat: {}",
        claims.len()
    );
    // Everyone told claims at once: exactly the two free seats are taken.
    let answers = post_all(app, &claims).await;
    let taken = answers.iter().filter(|s| **s == Status::SeeOther).count();
    assert_eq!(taken, 2, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|s| *s == Status::SeeOther || *s == Status::Conflict),
        "{answers:?}"
    );
    let o = offer_of(app, &ride).await;
    assert_eq!((o.seats_taken, o.seats_total), (3, 3));
    assert_eq!(confirmed_on(app, &ride).await, 3);
    // A replay of a winning claim is "already done" and takes nothing.
    let again = post_all(app, &claims).await;
    assert!(again.iter().all(|s| *s == Status::Conflict), "{again:?}");
    assert_eq!(offer_of(app, &ride).await.seats_taken, 3);
    // Over SMTP: each winner got one "accepted" email, nobody else did, none twice.
    let mails = inbox.deliver().await;
    let accepted: Vec<&str> = mails
        .iter()
        .filter(|m| m.subject.starts_with("C'est accepté") && m.to.starts_with('w'))
        .map(|m| m.to.as_str())
        .collect();
    assert_eq!(accepted.len(), 2, "{accepted:?}");
    assert_ne!(accepted[0], accepted[1]);
    for n in 0..6 {
        let who = format!("w{n}@example.org");
        let status = need_row(app, &who).await.status;
        assert_eq!(
            accepted.contains(&who.as_str()),
            status == covoit::domain::NeedStatus::Matched,
            "{who}: {status:?}"
        );
    }
    drop(inbox);
    owned.finish().await;
}

async fn an_invitation_racing_a_claim(app: &TestApp) {
    let (slug, _, _) = app.event_with_offer().await;
    // A ride with one seat, two people waiting: one is invited by the driver, the other
    // claims the seat the ride's publication told them of; both at once.
    let (status, _) = need(app, &slug, "Ines", "ines@example.org", "to_event").await;
    assert_eq!(status, Status::Created);
    let (status, _) = need(app, &slug, "Claude", "claude@example.org", "to_event").await;
    assert_eq!(status, Status::Created);
    let ride = offer(app, &slug, "one@example.org", "to_event", 1, true).await;
    let o = offer_of(app, &ride).await;
    let ines = need_row(app, "ines@example.org").await;
    let manage = link_for(Purpose::Manage, o.id, far());
    let (status, _, location) = app
        .post_form(&format!("{manage}/invite/{}", ines.public_id), &[])
        .await;
    assert_eq!(status, Status::SeeOther, "{location:?}");
    let invitation = covoit::entities::invitation::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let claude = need_row(app, "claude@example.org").await;
    let alert = alerts_for(app, claude.id).await;
    assert_eq!(alert.len(), 1, "the new ride was announced to Claude");
    let answers = post_all(
        app,
        &[
            link_for(Purpose::Join, invitation.id, far()),
            link_for(Purpose::Claim, alert[0].id, far()),
        ],
    )
    .await;
    let won = answers.iter().filter(|s| **s == Status::SeeOther).count();
    assert_eq!(won, 1, "exactly one gets the seat: {answers:?}");
    assert_eq!(offer_of(app, &ride).await.seats_taken, 1);
    assert_eq!(confirmed_on(app, &ride).await, 1);
}
