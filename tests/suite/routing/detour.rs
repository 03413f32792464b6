//! The driver's maximum detour: set on the offer form or the API (a bad value names its field),
//! a request whose pickup would go beyond it flagged on the driver's page and in the request
//! email, a request on the way not flagged.
use std::cell::RefCell;

use super::osrm::FakeOsrm;
use super::*;
use crate::common::inbox::{Inbox, one};
use crate::common::smtp::{SmtpServer, smtp_figment};

on_sqlite!(a_far_request_is_flagged, a_bad_maximum_names_its_field);

async fn a_far_request_is_flagged(base: &TestApp) {
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
    let slug = event(&app).await;
    // The form offers the field when a router is configured.
    let (_, form) = app.get(&format!("/e/{slug}/offers/new")).await;
    assert!(form.contains("name=\"max_detour_min\""), "{form}");
    let offer = ride(
        &app,
        &slug,
        json!({"auto_accept": false, "max_detour_min": 15}),
    )
    .await;
    let o = app.offer_row(&offer).await;
    assert_eq!(o.max_detour_min, Some(15));
    inbox.deliver().await;

    let near = book(&app, &offer, "near@example.org", "Bron").await;
    let far = book(&app, &offer, "far@example.org", "Grenoble").await;
    assert!(
        near.detour_s.is_some_and(|s| s < 15 * 60),
        "{:?}",
        near.detour_s
    );
    assert!(
        far.detour_s.is_some_and(|s| s > 15 * 60),
        "{:?}",
        far.detour_s
    );

    let (status, manage) = app.get(&link(Purpose::Manage, o.id)).await;
    assert_eq!(status, Status::Ok);
    let flag = |id: i64| {
        let at = manage
            .find(&format!("data-detour=\"{id}\""))
            .unwrap_or_else(|| panic!("no detour for {id}: {manage}"));
        let line = &manage[manage[..at].rfind('<').unwrap()..];
        line[..line.find("</p>").unwrap()].to_owned()
    };
    assert!(
        flag(far.id).contains("class=\"warning\""),
        "{}",
        flag(far.id)
    );
    assert!(flag(far.id).contains("au-delà de votre maximum"));
    assert!(!flag(near.id).contains("warning"), "{}", flag(near.id));

    // And on the page the email's Accept button opens.
    let (status, accept) = app.get(&link(Purpose::Accept, far.id)).await;
    assert_eq!(status, Status::Ok);
    let shown = element(&accept, "request-detour").expect("the detour on the accept page");
    assert!(shown.contains("au-delà de votre maximum"), "{shown}");

    let mails = inbox.deliver().await;
    let to_driver: Vec<_> = mails
        .iter()
        .filter(|m| m.to == common::DRIVER_EMAIL)
        .collect();
    assert_eq!(to_driver.len(), 2);
    let about = |name: &str| {
        to_driver
            .iter()
            .find(|m| m.text.contains(name))
            .unwrap_or_else(|| panic!("no email about {name}"))
    };
    // Text parts are wrapped: read them as one line.
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat(&about("far@").text).contains("plus que votre maximum de 15 min"),
        "{}",
        about("far@").text
    );
    assert!(flat(&about("far@").html).contains("plus que votre maximum de 15"));
    assert!(
        !about("near@").text.contains("maximum"),
        "{}",
        about("near@").text
    );
    let _ = one(&mails, "far@example.org");
}

async fn a_bad_maximum_names_its_field(app: &TestApp) {
    let slug = event(app).await;
    for bad in [json!(0), json!(1000), json!("vite"), json!(-5)] {
        let (status, body) = app
            .post_json(
                &format!("/api/events/{slug}/offers"),
                &json!({"driver_name": "Denise C", "driver_email": "d@example.org",
                        "direction": "to_event", "place": "Villeurbanne",
                        "departs_at": local_in_days(10, 12), "seats": 3, "max_detour_min": bad}),
            )
            .await;
        assert_eq!(status, Status::UnprocessableEntity, "{bad}: {body}");
        assert!(
            body["error"]["fields"]["max_detour_min"].is_string(),
            "{bad}: {body}"
        );
    }
    let (status, page, _) = app
        .post_form(
            &format!("/e/{slug}/offers"),
            &[
                ("direction", "to_event"),
                ("place", "Villeurbanne"),
                ("departs_at", &local_in_days(10, 12)),
                ("seats", "3"),
                ("driver_name", "Denise C"),
                ("driver_email", "d@example.org"),
                ("max_detour_min", "beaucoup"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(
        page.contains("Un nombre entier de minutes, de 1 à 240"),
        "{page}"
    );
}
