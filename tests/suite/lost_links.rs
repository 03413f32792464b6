//! "Email me my links": one email with every active link of an address (the same page
//! whether the address is known or not; nothing sent for an unknown one; a bad address named;
//! at most one such email per address in ten minutes), over HTTP and SMTP.
use crate::common;

use std::cell::RefCell;

use common::inbox::{Inbox, link, one};
use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp};
use rocket::http::Status;

const SENT: &str = "an email with their links is on its way";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn lost_links_are_emailed_to_their_owner_only() {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(Backend::Sqlite, move |f| smtp_figment(f, port, &ca)).await;
    let inbox = Inbox {
        app: &app,
        server,
        seen: RefCell::new(0),
    };
    let (slug, offer, _) = app.event_with_offer().await;
    // The organiser, just after creating the event, is told where to get the link again.
    let (_, created) = app.get(&format!("/e/{slug}?created=1&lang=en")).await;
    assert!(
        created.contains("<a href=\"/links\">Lost that email? Have your links sent again.</a>"),
        "{created}"
    );
    let (status, _) = app
        .book(offer["id"].as_str().unwrap(), "zoe@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);
    inbox.deliver().await;

    let (status, page) = app.get("/links?lang=en").await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("Email me my links") && page.contains("name=\"email\""),
        "{page}"
    );
    // Every page leads there.
    let (_, home) = app.get("/?lang=en").await;
    assert!(home.contains("href=\"/links\""), "the footer links it");

    // Zoé, typing her address in capitals, gets her booking's link.
    let (status, page, _) = app
        .post_form("/links?lang=en", &[("email", "ZOE@Example.org")])
        .await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains(SENT), "{page}");
    let mails = inbox.deliver().await;
    let mail = one(&mails, "ZOE@Example.org");
    assert_eq!(mail.subject, "Your covoit links");
    assert!(mail.text.contains("Your bookings"), "{}", mail.text);
    let booking = link(&mail.text, "booking");
    let (status, page) = app.get(&booking).await;
    assert_eq!(status, Status::Ok, "the emailed link opens her booking");
    assert!(
        page.contains("Paul Passager")
            || page.contains("Your booking")
            || page.contains("Votre réservation"),
        "{page}"
    );

    // The driver gets the ride's page, and the organiser the event's.
    app.post_form("/links?lang=en", &[("email", common::DRIVER_EMAIL)])
        .await;
    app.post_form("/links?lang=en", &[("email", common::ORGANIZER_EMAIL)])
        .await;
    let mails = inbox.deliver().await;
    let driver = one(&mails, common::DRIVER_EMAIL);
    assert!(driver.text.contains("Your rides"), "{}", driver.text);
    let (status, _) = app.get(&link(&driver.text, "manage")).await;
    assert_eq!(status, Status::Ok);
    let organiser = one(&mails, common::ORGANIZER_EMAIL);
    let (status, _) = app.get(&link(&organiser.text, "event")).await;
    assert_eq!(status, Status::Ok);

    // An unknown address: the same answer, and nothing sent.
    let (status, page, _) = app
        .post_form("/links?lang=en", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains(SENT), "the same answer: {page}");
    // Zoé again at once: the same answer, but one email is enough for now.
    let (_, page, _) = app
        .post_form("/links?lang=en", &[("email", "zoe@example.org")])
        .await;
    assert!(page.contains(SENT));
    assert!(inbox.deliver().await.is_empty(), "nothing more was sent");

    // Not an address: the field is named.
    let (status, page, _) = app
        .post_form("/links?lang=en", &[("email", "zoe at example")])
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"e-email\""), "{page}");
    drop(inbox);
    app.finish().await;
}
