//! link_safety: 3. Replays.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(
    replayed_posts_change_nothing,
    double_click_acts_once,
    double_click_on_a_large_request_says_already_done,
);

async fn replayed_posts_change_nothing(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;

    // Accept, then accept again.
    let first = post(app, &f.path(Purpose::Accept), &[]).await;
    first.expect(Status::SeeOther);
    assert_eq!(
        first.location.as_deref(),
        Some(format!("{}?done=1", f.path(Purpose::Accept)).as_str())
    );
    assert_eq!(
        reservation_row(app, f.rid).await.status.as_str(),
        "confirmed"
    );
    assert_eq!(offer_row(app, f.offer_id).await.seats_taken, 1);
    let mails = outbox_rows(app).await.len();
    let before = snapshot(app).await;
    let again = post(app, &f.path(Purpose::Accept), &[]).await;
    again.expect(Status::Conflict);
    again.expect_text("Already done");
    again.expect_text("confirmed");
    assert_eq!(
        outbox_rows(app).await.len(),
        mails,
        "a replayed accept sends no email"
    );
    assert_same(&before, &snapshot(app).await, "a replayed accept");

    // Refuse after accept.
    let refuse = post(
        app,
        &f.path(Purpose::Refuse),
        &[("note", "Changed my mind")],
    )
    .await;
    refuse.expect(Status::Conflict);
    refuse.expect_text("Already done");
    refuse.expect_text("confirmed");
    assert_same(&before, &snapshot(app).await, "a refuse after an accept");

    // The same through the manage page.
    let manage = f.path(Purpose::Manage);
    for action in ["accept", "refuse"] {
        let answer = post(app, &format!("{manage}/{action}/{}", f.rid), &[]).await;
        answer.expect(Status::Conflict);
        answer.expect_text("confirmed");
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "manage accept/refuse of a confirmed request",
    );

    // Refuse twice.
    let other = request(app, f.offer_id, "rita@example.org", 1).await;
    let refuse_other = link(
        Purpose::Refuse,
        &mailed_token(app, &test_keys(), Purpose::Refuse, other).await,
    );
    post(app, &refuse_other, &[("note", "")])
        .await
        .expect(Status::SeeOther);
    assert_eq!(reservation_row(app, other).await.status.as_str(), "refused");
    let before = snapshot(app).await;
    let again = post(app, &refuse_other, &[("note", "")]).await;
    again.expect(Status::Conflict);
    again.expect_text("refused");
    let accept_other = link(
        Purpose::Accept,
        &mailed_token(app, &test_keys(), Purpose::Accept, other).await,
    );
    post(app, &accept_other, &[]).await.expect(Status::Conflict);
    assert_same(
        &before,
        &snapshot(app).await,
        "a replayed refuse, then an accept",
    );

    // The passenger cancels the confirmed booking twice.
    let booking = f.path(Purpose::Booking);
    let cancelled = post(app, &booking, &[]).await;
    cancelled.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, f.rid).await.status.as_str(),
        "cancelled"
    );
    assert_eq!(
        offer_row(app, f.offer_id).await.seats_taken,
        0,
        "seats come back"
    );
    let mails = outbox_rows(app).await.len();
    let before = snapshot(app).await;
    let again = post(app, &booking, &[]).await;
    again.expect(Status::Conflict);
    again.expect_text("Already done");
    again.expect_text("cancelled");
    assert_eq!(
        outbox_rows(app).await.len(),
        mails,
        "a replayed cancel sends no email"
    );
    assert_same(&before, &snapshot(app).await, "a replayed cancellation");
    // Nor can the driver act on it any more.
    post(app, &f.path(Purpose::Accept), &[])
        .await
        .expect(Status::Conflict);
    post(app, &format!("{manage}/remove/{}", f.rid), &[])
        .await
        .expect(Status::Conflict);
    assert_same(
        &before,
        &snapshot(app).await,
        "acting on a cancelled request",
    );
}

/// Two identical POSTs at once: one acts, the other is told it is already done.
async fn double_post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (Answer, Answer) {
    let (a, b) = futures::join!(post(app, path, form), post(app, path, form));
    let mut pair = [a, b];
    pair.sort_by_key(|a| a.status.code);
    let [first, second] = pair;
    assert_eq!(
        (first.status, second.status),
        (Status::SeeOther, Status::Conflict),
        "double click on {path}: exactly one success and one 409\n{}\n{}",
        excerpt(&first.body),
        excerpt(&second.body)
    );
    (first, second)
}

fn kinds(rows: &[outbox::Model]) -> Vec<String> {
    let mut k: Vec<String> = rows.iter().map(|r| r.kind.as_str().to_owned()).collect();
    k.sort();
    k
}

async fn double_click_acts_once(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let second = request(app, f.offer_id, "sam@example.org", 1).await;
    let second_accept = mailed_token(app, &test_keys(), Purpose::Accept, second).await;
    let second_booking = mailed_token(app, &test_keys(), Purpose::Booking, second).await;

    for (rid, path) in [
        (f.rid, f.path(Purpose::Accept)),
        (second, link(Purpose::Accept, &second_accept)),
    ] {
        let before = outbox_rows(app).await.len();
        let taken = offer_row(app, f.offer_id).await.seats_taken;
        let (_, loser) = double_post(app, &path, &[]).await;
        loser.expect_text("Already done");
        loser.expect_text("confirmed");
        assert_eq!(reservation_row(app, rid).await.status.as_str(), "confirmed");
        assert_eq!(
            offer_row(app, f.offer_id).await.seats_taken,
            taken + 1,
            "one accept, one seat"
        );
        let rows = outbox_rows(app).await;
        assert_eq!(
            kinds(&rows[before..]),
            ["passenger_list_changed", "request_accepted"],
            "one set of emails for a double-clicked accept"
        );
    }

    // A double-clicked cancellation.
    let before = outbox_rows(app).await.len();
    let (_, loser) = double_post(app, &link(Purpose::Booking, &second_booking), &[]).await;
    loser.expect_text("cancelled");
    assert_eq!(
        reservation_row(app, second).await.status.as_str(),
        "cancelled"
    );
    assert_eq!(offer_row(app, f.offer_id).await.seats_taken, 1);
    let rows = outbox_rows(app).await;
    // The passenger, the driver, and the one person waiting for a ride (told of the seat).
    assert_eq!(
        kinds(&rows[before..]),
        [
            "cancellation_confirmed",
            "passenger_cancelled",
            "seat_freed"
        ],
        "one set of emails for a double-clicked cancellation"
    );

    // A double-clicked refusal.
    let third = request(app, f.offer_id, "tom@example.org", 1).await;
    let refuse = link(
        Purpose::Refuse,
        &mailed_token(app, &test_keys(), Purpose::Refuse, third).await,
    );
    let before = outbox_rows(app).await.len();
    double_post(app, &refuse, &[("note", "")]).await;
    assert_eq!(reservation_row(app, third).await.status.as_str(), "refused");
    let rows = outbox_rows(app).await;
    assert_eq!(kinds(&rows[before..]), ["request_refused"]);
}

/// A double click on Accept for a request of 2 seats on a 3-seat car: the second click is
/// still "already done, confirmed", not "not enough seats" (the seats it would need are the
/// ones the first click just took for this very request).
async fn double_click_on_a_large_request_says_already_done(app: &TestApp) {
    for round in 0..3 {
        let event = app.create_event().await;
        let (offer, _) = app.create_offer(event["slug"].as_str().unwrap()).await;
        let offer_id = app.offer_row(offer["id"].as_str().unwrap()).await.id;
        let rid = request(app, offer_id, &format!("big{round}@example.org"), 2).await;
        let accept = link(
            Purpose::Accept,
            &mailed_token(app, &test_keys(), Purpose::Accept, rid).await,
        );
        let before = outbox_rows(app).await.len();
        let (_, loser) = double_post(app, &accept, &[]).await;
        assert_eq!(reservation_row(app, rid).await.status.as_str(), "confirmed");
        assert_eq!(offer_row(app, offer_id).await.seats_taken, 2);
        let rows = outbox_rows(app).await;
        assert_eq!(
            kinds(&rows[before..]),
            ["passenger_list_changed", "request_accepted"],
            "one set of emails"
        );
        loser.expect_text("Already done");
        loser.expect_text("confirmed");
    }
}
