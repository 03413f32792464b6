//! hostile_input: Unknown slugs and ids.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(unknown_slugs_and_ids,);

async fn unknown_slugs_and_ids(app: &TestApp) {
    let (slug, offer_id, _) = event_with_offer(app).await;
    let upper = slug.to_uppercase();
    let long_slug = "a".repeat(5000);

    for path in [
        "/e/nope-123".to_owned(),
        "/e/nope-123?created=1".to_owned(),
        "/e/nope-123/offers/new".to_owned(),
        format!("/e/{upper}"),
        "/e/%00".to_owned(),
        "/e/%FF".to_owned(),
        "/e/..%2F..%2Fetc%2Fpasswd".to_owned(),
        format!("/e/{long_slug}"),
        "/o/999999".to_owned(),
        "/o/abc".to_owned(),
        "/o/-1".to_owned(),
        "/o/0".to_owned(),
        "/o/1.5".to_owned(),
        "/o/99999999999999999999".to_owned(),
        "/o/9223372036854775807".to_owned(),
        "/o/%00".to_owned(),
        "/nope".to_owned(),
    ] {
        let (status, page) = app.get(&path).await;
        expect_html_status(&format!("GET {path}"), status, &page, Status::NotFound);
    }

    for path in [
        "/api/events/nope-123".to_owned(),
        "/api/events/UPPER".to_owned(),
        format!("/api/events/{upper}"),
        "/api/events/%00".to_owned(),
        "/api/events/%FF".to_owned(),
        format!("/api/events/{long_slug}"),
        "/api/offers/999999".to_owned(),
        "/api/offers/99999999999999999999".to_owned(),
        "/api/offers/abc".to_owned(),
        "/api/offers/-1".to_owned(),
        "/api/offers/0".to_owned(),
        "/api/offers/%00".to_owned(),
        "/api/nope".to_owned(),
    ] {
        let answer = app.get_json(&path).await;
        expect_error(
            &format!("GET {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }

    // POSTs to unknown targets, with otherwise valid bodies.
    for path in [
        "/e/nope-123/offers".to_owned(),
        format!("/e/{upper}/offers"),
    ] {
        let (status, page, _) = post_fields(app, &path, &offer_form()).await;
        expect_html_status(&format!("POST {path}"), status, &page, Status::NotFound);
    }
    for path in [
        "/o/999999/requests",
        "/o/abc/requests",
        "/o/-1/requests",
        "/o/99999999999999999999/requests",
    ] {
        let (status, page, _) = post_fields(app, path, &booking_form()).await;
        expect_html_status(&format!("POST {path}"), status, &page, Status::NotFound);
    }
    for path in [
        "/api/events/nope-123/offers".to_owned(),
        format!("/api/events/{upper}/offers"),
    ] {
        let answer = app.post_json(&path, &offer_body()).await;
        expect_error(
            &format!("POST {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }
    for path in [
        "/api/offers/999999/reservations",
        "/api/offers/99999999999999999999/reservations",
        "/api/offers/abc/reservations",
        "/api/offers/-1/reservations",
    ] {
        let answer = app.post_json(path, &booking_body()).await;
        expect_error(
            &format!("POST {path}"),
            &answer,
            Status::NotFound,
            "not_found",
        );
    }
    assert_eq!(rows(app).await, (1, 2, 0), "nothing saved");

    // The real ones are found.
    let (status, _) = app.get(&format!("/e/{slug}")).await;
    assert_eq!(status, Status::Ok);
    let (status, _) = app.get_json(&format!("/api/offers/{offer_id}")).await;
    assert_eq!(status, Status::Ok);
}
