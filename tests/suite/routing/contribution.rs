//! The suggested contribution (an operator's rate per km, off by default) on the passenger's
//! page: the straight line from the departure to the venue without a router, the route with
//! one.
use super::osrm::FakeOsrm;
use super::*;

on_sqlite!(a_contribution_is_suggested_from_the_distance);

async fn a_contribution_is_suggested_from_the_distance(base: &TestApp) {
    // Without a rate: nothing.
    let slug = event(base).await;
    let offer = ride(base, &slug, json!({})).await;
    let r = book(base, &offer, "paul@example.org", "Bron").await;
    let (_, page) = base.get(&link(Purpose::Booking, r.id)).await;
    assert_eq!(element(&page, "contribution"), None);

    // 0.20 EUR per km, no router: Villeurbanne to Lyon is 3 km as the crow flies.
    let app = TestApp::start_with(base.backend, |f| f.merge(("contribution_per_km", 0.2))).await;
    let slug = event(&app).await;
    let offer = ride(&app, &slug, json!({})).await;
    let r = book(&app, &offer, "paul@example.org", "Bron").await;
    let (status, page) = app.get(&link(Purpose::Booking, r.id)).await;
    assert_eq!(status, Status::Ok);
    let shown = element(&page, "contribution").expect("a suggestion");
    assert_eq!(shown, "environ 0,50 EUR (3 km × 0,20 EUR/km)");
    app.finish().await;

    // With a router: the route through Bron (about 9 km).
    let router = FakeOsrm::start().await;
    let url = router.url.clone();
    let app = TestApp::start_with(base.backend, move |f| {
        with_router(f, &url).merge(("contribution_per_km", 0.2))
    })
    .await;
    let slug = event(&app).await;
    let offer = ride(&app, &slug, json!({})).await;
    let r = book(&app, &offer, "paul@example.org", "Bron").await;
    let shown = eventually("the route's distance", || async {
        let (_, page) = app.get(&link(Purpose::Booking, r.id)).await;
        element(&page, "contribution").filter(|s| !s.contains("(3 km"))
    })
    .await;
    assert!(shown.contains("(9 km × 0,20 EUR/km)"), "{shown}");
    app.finish().await;
}
