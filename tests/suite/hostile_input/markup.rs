//! hostile_input: Markup.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_sqlite!(markup_is_escaped);

async fn markup_is_escaped(app: &TestApp) {
    let script = "<script>alert(1)</script>";
    let breakout = "\"><img src=x onerror=alert(2)>";
    let mut body = event_body();
    body["name"] = json!(format!("Fête {script}"));
    body["venue"] = json!(breakout);
    let (status, event) = app.post_json("/api/events", &body).await;
    assert_eq!(status, Status::Created, "{event}");
    let slug = event["event"]["slug"].as_str().unwrap();
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug}"
    );
    let mut offer = offer_body();
    offer["driver_name"] = json!(format!("{breakout} Smith"));
    offer["place"] = json!(script);
    offer["notes"] = json!(format!("{script}\n{breakout}"));
    let (status, created) = app
        .post_json(&format!("/api/events/{slug}/offers"), &offer)
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let id = created["offer"]["id"].as_str().unwrap().to_owned();

    let (status, typed, _) = post_fields(
        app,
        &format!("/o/{id}/requests?lang=en"),
        &set(&set(&booking_form(), "pickup", breakout), "seats", "zero"),
    )
    .await;
    assert_eq!(status, Status::UnprocessableEntity);
    for (what, page) in [
        ("event page", app.get(&format!("/e/{slug}")).await.1),
        ("offer page", app.get(&format!("/o/{id}")).await.1),
        (
            "new offer page",
            app.get(&format!("/e/{slug}/offers/new")).await.1,
        ),
        ("booking form shown again", typed),
    ] {
        assert!(
            !page.contains("<script>alert"),
            "{what}: a script tag got through"
        );
        assert!(
            !page.contains("<img src=x"),
            "{what}: an attribute breakout got through"
        );
        assert!(
            page.contains("&#60;script&#62;alert(1)") || page.contains("&lt;script&gt;alert(1)"),
            "{what}: the event name is shown, escaped"
        );
    }
}
