//! link_safety: 6. A manage link acts only on its own offer.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(manage_link_is_scoped_to_its_offer,);

async fn manage_link_is_scoped_to_its_offer(app: &TestApp) {
    let a = fixture(app, &test_keys()).await;
    // Offer B, on another event, with a pending request and a confirmed one.
    let b_event = app.create_event().await;
    let (b_offer, _) = app.create_offer(b_event["slug"].as_str().unwrap()).await;
    let b_offer = app.offer_row(b_offer["id"].as_str().unwrap()).await.id;
    let b_pending = request(app, b_offer, "bea@example.org", 1).await;
    let b_confirmed = request(app, b_offer, "ben@example.org", 1).await;
    let b_accept = mailed_token(app, &test_keys(), Purpose::Accept, b_confirmed).await;
    post(app, &link(Purpose::Accept, &b_accept), &[])
        .await
        .expect(Status::SeeOther);
    let b_manage = link(
        Purpose::Manage,
        &mailed_token(app, &test_keys(), Purpose::Manage, b_offer).await,
    );
    // And a request on A's own ride back (a linked offer, still another offer).
    let a_return_pending = request(app, a.return_id, "rae@example.org", 1).await;

    let manage_a = a.path(Purpose::Manage);
    let page = get(app, &manage_a).await;
    page.expect(Status::Ok);
    assert!(!page.body.contains("bea@example.org") && !page.body.contains("ben@example.org"));

    let before = snapshot(app).await;
    for (action, rid) in [
        ("accept", b_pending),
        ("refuse", b_pending),
        ("remove", b_confirmed),
        ("accept", b_confirmed),
        ("refuse", b_confirmed),
        ("remove", b_pending),
        ("accept", a_return_pending),
        ("refuse", a_return_pending),
    ] {
        let answer = post(app, &format!("{manage_a}/{action}/{rid}"), &[]).await;
        answer.expect(Status::NotFound);
        answer.expect_private();
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "offer A's manage link on offer B's requests",
    );
    assert_eq!(
        reservation_row(app, b_pending).await.status.as_str(),
        "pending"
    );
    assert_eq!(
        reservation_row(app, b_confirmed).await.status.as_str(),
        "confirmed"
    );

    // B's own manage link can (so the 404s above were about the scope).
    let ok = post(app, &format!("{b_manage}/accept/{b_pending}"), &[]).await;
    ok.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, b_pending).await.status.as_str(),
        "confirmed"
    );
    post(app, &format!("{b_manage}/remove/{b_confirmed}"), &[])
        .await
        .expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, b_confirmed).await.status.as_str(),
        "cancelled"
    );
    // And A's own request is still A's to decide.
    post(app, &format!("{manage_a}/accept/{}", a.rid), &[])
        .await
        .expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, a.rid).await.status.as_str(),
        "confirmed"
    );
}
