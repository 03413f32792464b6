//! Pickup times through the whole flow: a confirmed passenger's time on their page and the
//! driver's, a second passenger who moves the first's pickup (told once by email), a
//! cancellation that moves it back.
use std::cell::RefCell;

use super::osrm::{FakeOsrm, seconds};
use super::*;
use crate::common::inbox::Inbox;
use crate::common::smtp::{SmtpServer, smtp_figment};
use covoit::domain::Point;

on_both_backends!(pickup_times_follow_the_passengers);

fn p(lat: f64, lon: f64) -> Point {
    Point::new(lat, lon).unwrap()
}

async fn stop_minutes(app: &TestApp, booking: &str) -> Option<i64> {
    let (status, page) = app.get(booking).await;
    assert_eq!(status, Status::Ok);
    element(&page, "stop-time").map(|t| clock(&t))
}

async fn pickup_times_follow_the_passengers(base: &TestApp) {
    let router = FakeOsrm::start().await;
    let server = SmtpServer::start();
    let (port, ca, url) = (server.port, server.ca_file.clone(), router.url.clone());
    let app = TestApp::start_with(base.backend, move |f| {
        with_router(smtp_figment(f, port, &ca), &url)
    })
    .await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    // The gazetteer's points (data/gazetteer.tsv).
    let (villeurbanne, lyon) = (p(45.76601, 4.87950), p(45.74846, 4.84671));
    let (bron, meyzieu) = (p(45.73865, 4.91303), p(45.76637, 5.00277));
    let minutes = |s: f64| (s / 60.0).round() as i64;

    let slug = event(&app).await;
    let offer = ride(&app, &slug, json!({})).await;
    let o = app.offer_row(&offer).await;
    let paul = book(&app, &offer, "paul@example.org", "Bron").await;
    let paul_page = link(Purpose::Booking, paul.id);
    let alone = eventually("Paul's pickup time", || stop_minutes(&app, &paul_page)).await;
    let expected = 12 * 60 + minutes(seconds(&villeurbanne, &bron));
    assert!((alone - expected).abs() <= 1, "{alone} vs {expected}");

    // Nadia, further out, is picked up first: Paul's pickup moves by more than 5 minutes.
    let nadia = book(&app, &offer, "nadia@example.org", "Meyzieu").await;
    let moved = eventually("Paul's pickup moved", || async {
        stop_minutes(&app, &paul_page).await.filter(|m| *m != alone)
    })
    .await;
    let expected = 12 * 60 + minutes(seconds(&villeurbanne, &meyzieu) + seconds(&meyzieu, &bron));
    assert!((moved - expected).abs() <= 1, "{moved} vs {expected}");
    let nadia_page = link(Purpose::Booking, nadia.id);
    let nadia_at = eventually("Nadia's time", || stop_minutes(&app, &nadia_page)).await;
    assert!(nadia_at < moved, "Nadia first");

    // Paul is told once, with the new time and the old; Nadia (new) is told nothing of it.
    let mails = inbox.deliver().await;
    let changed: Vec<_> = mails
        .iter()
        .filter(|m| m.text.contains("Heure de prise en charge"))
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "{:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
    assert_eq!(changed[0].to, "paul@example.org");
    let fmt = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
    assert!(changed[0].text.contains(&fmt(moved)), "{}", changed[0].text);
    assert!(changed[0].text.contains(&fmt(alone)), "{}", changed[0].text);
    // Refreshing again (nothing changed) tells nobody and asks the router nothing.
    let asked = router.requests();
    let routing = app
        .client
        .rocket()
        .state::<covoit::services::routing::Routing>()
        .unwrap()
        .clone();
    covoit::services::routing::refresh::refresh_event(
        &app.db,
        &app.emails(),
        &routing,
        o.event_id,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(router.requests(), asked);
    assert!(inbox.deliver().await.is_empty());

    // The driver sees each time and the detour.
    let (status, manage) = app.get(&link(Purpose::Manage, o.id)).await;
    assert_eq!(status, Status::Ok);
    assert!(
        manage.contains(&format!("data-stop=\"{}\"", paul.id)),
        "{manage}"
    );
    assert!(manage.contains(&format!("data-stop=\"{}\"", nadia.id)));
    let detour = element(&manage, "route-detour").expect("the detour");
    let direct = seconds(&villeurbanne, &lyon);
    let route = seconds(&villeurbanne, &meyzieu) + seconds(&meyzieu, &bron) + seconds(&bron, &lyon);
    let shown = regex::Regex::new(r"(\d+) min")
        .unwrap()
        .captures(&detour)
        .unwrap()[1]
        .parse::<f64>()
        .unwrap();
    assert!((shown - (route - direct) / 60.0).abs() <= 1.0, "{detour}");

    // Nadia cancels: Paul's pickup comes back, and he is told.
    let (status, _, _) = app.post_form(&link(Purpose::Booking, nadia.id), &[]).await;
    assert_eq!(status, Status::SeeOther);
    let back = eventually("Paul's pickup back", || async {
        stop_minutes(&app, &paul_page).await.filter(|m| *m != moved)
    })
    .await;
    assert!((back - alone).abs() <= 1, "{back} vs {alone}");
    let mails = inbox.deliver().await;
    assert!(
        mails
            .iter()
            .any(|m| m.to == "paul@example.org" && m.text.contains(&fmt(back))),
        "{:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
    // Her page shows no time any more.
    assert_eq!(
        stop_minutes(&app, &link(Purpose::Booking, nadia.id)).await,
        None
    );

    // The driver leaves half an hour later: Paul's pickup follows, and he is told of it.
    let (status, _, _) = app
        .post_form(
            &format!("{}/edit", link(Purpose::Manage, o.id)),
            &[
                (
                    "departs_at",
                    local_in_days(10, 12).replace("T12:00", "T12:30").as_str(),
                ),
                ("place", "Villeurbanne"),
                ("seats", "4"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(
        offer_by_id(&app, o.id).await.version,
        1,
        "the edit was saved"
    );
    let later = eventually("Paul's pickup after the edit", || async {
        stop_minutes(&app, &paul_page).await.filter(|m| *m != back)
    })
    .await;
    assert_eq!(later - back, 30);
    let mails = inbox.deliver().await;
    assert!(
        mails.iter().any(|m| m.to == "paul@example.org"
            && m.text.contains("Heure de prise en charge")
            && m.text.contains(&fmt(later))),
        "{:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
}
