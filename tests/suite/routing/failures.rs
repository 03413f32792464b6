//! A router that answers late, with garbage, with `NoRoute` or with a 500: no time is shown
//! (never an invented one), pages answer 200, and the app asks again only when something
//! changes. Without a router at all, nothing is asked and nothing shown.
use super::osrm::{FakeOsrm, Mode};
use super::*;

on_sqlite!(a_failing_router_shows_no_time, no_router_no_time);

async fn a_failing_router_shows_no_time(base: &TestApp) {
    let router = FakeOsrm::start().await;
    let url = router.url.clone();
    let app = TestApp::start_with(base.backend, move |f| with_router(f, &url)).await;
    let slug = event(&app).await;
    for (i, mode) in [Mode::Slow, Mode::Garbage, Mode::NoRoute, Mode::Broken]
        .into_iter()
        .enumerate()
    {
        router.set_mode(mode);
        let offer = ride(
            &app,
            &slug,
            json!({"driver_email": format!("d{i}@example.org")}),
        )
        .await;
        let o = app.offer_row(&offer).await;
        let r = book(&app, &offer, &format!("p{i}@example.org"), "Bron").await;
        // The failure is recorded (and the same inputs are not asked again).
        let failed = eventually(&format!("{mode:?} recorded"), || async {
            let row = offer_by_id(&app, o.id).await;
            let key = row.route_key.clone()?;
            let r = reservation(&app, &format!("p{i}@example.org")).await;
            // The passenger is routed (the key covers them) and it failed.
            (key.starts_with('!') && r.status == covoit::domain::ReservationStatus::Confirmed)
                .then_some(row)
        })
        .await;
        assert_eq!(failed.route_detour_s, None, "{mode:?}");
        let (status, page) = app.get(&link(Purpose::Booking, r.id)).await;
        assert_eq!(status, Status::Ok, "{mode:?}");
        assert_eq!(
            element(&page, "stop-time"),
            None,
            "{mode:?}: no time invented"
        );
        let (status, manage) = app.get(&link(Purpose::Manage, o.id)).await;
        assert_eq!(status, Status::Ok, "{mode:?}");
        assert!(!manage.contains("data-stop="), "{mode:?}");
        assert_eq!(element(&manage, "route-detour"), None, "{mode:?}");
        assert!(router.requests() > 0);
    }
    // The router is back: the next change routes the ride.
    router.set_mode(Mode::Ok);
    let offer = ride(&app, &slug, json!({"driver_email": "ok@example.org"})).await;
    let r = book(&app, &offer, "ok.passenger@example.org", "Bron").await;
    eventually("a time once the router answers", || async {
        let (_, page) = app.get(&link(Purpose::Booking, r.id)).await;
        element(&page, "stop-time")
    })
    .await;
}

async fn no_router_no_time(app: &TestApp) {
    let slug = event(app).await;
    let offer = ride(app, &slug, json!({})).await;
    let r = book(app, &offer, "paul@example.org", "Bron").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, page) = app.get(&link(Purpose::Booking, r.id)).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Bron"), "the pickup place itself is shown");
    assert_eq!(element(&page, "stop-time"), None);
    let o = app.offer_row(&offer).await;
    assert_eq!(o.route_key, None, "nothing was routed");
    // No maximum detour field on the form without a router.
    let (status, form) = app.get(&format!("/e/{slug}/offers/new")).await;
    assert_eq!(status, Status::Ok);
    assert!(!form.contains("max_detour_min"));
}
