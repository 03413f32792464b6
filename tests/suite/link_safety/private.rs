//! link_safety: 2. Link pages are private.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(link_pages_are_private,);

async fn link_pages_are_private(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let mut answers = Vec::new();
    for p in Purpose::ALL {
        answers.push(get(app, &f.path(p)).await);
        answers.push(head(app, &f.path(p)).await);
    }
    // POST answers: the redirect after acting, the page it leads to, a replay (409).
    let accepted = post(app, &f.path(Purpose::Accept), &[]).await;
    accepted.expect(Status::SeeOther);
    let target = accepted.location.clone().expect("a redirect");
    answers.push(accepted);
    answers.push(get(app, &target).await);
    let replay = post(app, &f.path(Purpose::Accept), &[]).await;
    replay.expect(Status::Conflict);
    answers.push(replay);
    // Error pages under /link/: invalid (400), expired (410), missing record (404), unknown
    // purpose (404), no such route (404), a refusal note too long (422).
    let invalid = link(Purpose::Accept, "nope.nope");
    let expired = link(
        Purpose::Accept,
        &sign(TEST_KEY.as_bytes(), Purpose::Accept, f.rid, in_days(-1)),
    );
    let missing = link(
        Purpose::Booking,
        &sign(TEST_KEY.as_bytes(), Purpose::Booking, 999_999, in_days(7)),
    );
    let expectations = [
        (get(app, &invalid).await, Status::BadRequest),
        (post(app, &invalid, &[]).await, Status::BadRequest),
        (get(app, &expired).await, Status::Gone),
        (post(app, &expired, &[]).await, Status::Gone),
        (get(app, &missing).await, Status::NotFound),
        (post(app, &missing, &[]).await, Status::NotFound),
        (
            get(app, &format!("/link/nope/{}", f.token(Purpose::Accept))).await,
            Status::NotFound,
        ),
        (
            post(app, &f.path(Purpose::Event), &[]).await,
            Status::NotFound,
        ),
    ];
    for (answer, status) in expectations {
        answer.expect(status);
        answers.push(answer);
    }
    let other = request(app, f.offer_id, "zoe@example.org", 1).await;
    let refuse_other = mailed_token(app, &test_keys(), Purpose::Refuse, other).await;
    let long_note = "x".repeat(600);
    let too_long = post(
        app,
        &link(Purpose::Refuse, &refuse_other),
        &[("note", long_note.as_str())],
    )
    .await;
    assert!(
        too_long.status.code >= 400 && too_long.status.code < 500,
        "{}",
        too_long.what()
    );
    answers.push(too_long);
    for a in &answers {
        a.expect_private();
    }
}
