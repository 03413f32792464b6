//! Bounces, end to end: emails leave with a signed per-message return address; delivery reports
//! in the shapes real servers send land in a real IMAP mailbox (Dovecot, over TLS); one tick of
//! the background steps reads them, suppresses a hard-bounced address, tells the driver (with
//! the phone the passenger gave), shows it on both trip pages and in /admin, and cleans the
//! mailbox. Forged reports and out-of-office replies change nothing; two instances reading the
//! mailbox at once record a report once; a refusal at send time counts as a hard bounce.
use crate::common;

use std::cell::RefCell;

use chrono::Utc;
use covoit::domain::EmailStatus;
use covoit::entities::outbox;
use covoit::jobs::{self, Step};
use rocket::http::{Header, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use common::imap::Dovecot;
use common::inbox::{Inbox, link};
use common::smtp::{Mode, Received, SmtpServer, smtp_figment};
use common::{Backend, DRIVER_EMAIL, TestApp};

const ADMIN: &str = "admin-token-for-bounces-0123456789";
const ZOE: &str = "zoe.martin@example.net";

/// A delivery report of the given shape (tests/data/bounces), about one email received.
fn report(shape: &str, return_path: &str, recipient: &str, message_id: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/bounces/{shape}.eml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .replace("{{RETURN_PATH}}", return_path)
        .replace("{{RECIPIENT}}", recipient)
        .replace("{{MESSAGE_ID}}", message_id.trim_matches(['<', '>']))
        .replace('\n', "\r\n")
        .into_bytes()
}

fn message_id(r: &Received) -> String {
    mail_parser::MessageParser::default()
        .parse(&r.data)
        .and_then(|m| m.message_id().map(str::to_owned))
        .expect("a Message-ID")
}

fn to(received: &[Received], address: &str) -> Vec<Received> {
    received
        .iter()
        .filter(|r| r.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
        .cloned()
        .collect()
}

async fn start(backend: Backend, smtp: &SmtpServer, dovecot: &Dovecot) -> TestApp {
    let (port, ca) = (smtp.port, smtp.ca_file.clone());
    let settings = dovecot.figment(rocket::figment::Figment::new());
    TestApp::start_with(backend, move |f| {
        smtp_figment(f, port, &ca)
            .merge(settings.clone())
            .merge(("admin_token", ADMIN))
    })
    .await
}

async fn tick(app: &TestApp, owner: &str) -> jobs::Report {
    let report = jobs::run(
        &app.db,
        &app.emails(),
        &app.mailer(),
        owner,
        Step::All,
        Utc::now(),
    )
    .await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

async fn status_of(app: &TestApp, message_id: &str) -> EmailStatus {
    outbox::Entity::find()
        .filter(outbox::Column::MessageId.eq(format!("<{}>", message_id.trim_matches(['<', '>']))))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the outbox row")
        .status
}

async fn admin_page(app: &TestApp) -> String {
    let res = app
        .client
        .get("/admin?lang=en")
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::Ok);
    res.into_string().await.unwrap()
}

async fn a_hard_bounce_is_read_suppressed_and_told(backend: Backend) {
    let smtp = SmtpServer::start();
    let dovecot = Dovecot::start();
    let app = start(backend, &smtp, &dovecot).await;
    let inbox = Inbox {
        app: &app,
        server: smtp,
        seen: RefCell::new(0),
    };
    let (slug, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap();
    assert_eq!(app.book(offer_id, ZOE, 1).await.0, Status::Created);
    let first = inbox.deliver().await;
    let received = inbox.server.received();

    // Every email left with its own signed return address.
    for r in &received {
        assert!(
            r.from.starts_with("bounces+b") && r.from.ends_with("@covoit.test"),
            "envelope sender {:?}",
            r.from
        );
    }
    let zoe = to(&received, ZOE).pop().expect("the passenger's email");
    let driver = to(&received, DRIVER_EMAIL)
        .pop()
        .expect("the driver's email");
    let booking_path = link(&common::inbox::one(&first, ZOE).text, "booking");

    // Back come: Zoé's mailbox does not exist (Postfix's report); the driver's is full (a
    // delay, soft); a report with a forged tag and an unknown Message-ID; an out-of-office.
    dovecot.deliver(&report(
        "postfix_user_unknown",
        &zoe.from,
        ZOE,
        &message_id(&zoe),
    ));
    dovecot.deliver(&report(
        "postfix_mailbox_full_delayed",
        &driver.from,
        DRIVER_EMAIL,
        &message_id(&driver),
    ));
    let forged_tag = format!(
        "{}0000000000@covoit.test",
        &zoe.from[..zoe.from.find('-').unwrap() + 1]
    );
    dovecot.deliver(&report(
        "gmail_no_such_account",
        &forged_tag,
        "someone.else@example.org",
        "<not-ours.1@covoit.test>",
    ));
    dovecot.deliver(&report("out_of_office", &zoe.from, ZOE, &message_id(&zoe)));
    assert_eq!(dovecot.messages(), (4, 0));

    // One tick.
    let report1 = tick(&app, "instance-a").await;
    assert_eq!((report1.bounces_hard, report1.bounces_soft), (1, 1));
    assert_eq!(
        status_of(&app, &message_id(&zoe)).await,
        EmailStatus::Bounced
    );
    assert_eq!(
        status_of(&app, &message_id(&driver)).await,
        EmailStatus::Sent
    );
    // The two reports are gone (they hold addresses); the others stay, marked seen.
    assert_eq!(dovecot.messages(), (0, 2));

    // The driver is told, once, with the phone Zoé gave.
    let told = inbox.deliver().await;
    let note = common::inbox::one(&told, DRIVER_EMAIL);
    assert!(note.subject.contains("Paul Passager"), "{}", note.subject);
    assert!(note.text.contains(common::PASSENGER_PHONE), "{}", note.text);
    assert!(
        note.html.contains("href=\"tel:+33798765432\""),
        "{}",
        note.html
    );
    assert_eq!(told.len(), 1, "nobody else is mailed");

    // The driver's page marks the passenger; the passenger's page says it.
    let (status, page) = app.get(&link(&note.text, "manage")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("data-bounces="), "the driver's page marks it");
    assert!(
        page.contains("href=\"tel:+33798765432\""),
        "an E.164 tel: link"
    );
    let (_, page) = app.get(&format!("{booking_path}?lang=en")).await;
    assert!(
        page.contains("id=\"own-bounces\"") && page.contains("come back undelivered"),
        "the passenger's page says it"
    );

    // A second tick reads nothing new and tells nobody again.
    let report2 = tick(&app, "instance-a").await;
    assert_eq!((report2.bounces_hard, report2.bounces_soft), (0, 0));
    assert!(inbox.deliver().await.is_empty());

    // Zoé books another ride: the driver is asked, Zoé's address is not mailed.
    let (other, _) = app
        .create_offer_as(&slug, "second.driver@mail.example")
        .await;
    assert_eq!(
        app.book(other["id"].as_str().unwrap(), ZOE, 1).await.0,
        Status::Created
    );
    let report3 = tick(&app, "instance-a").await;
    assert_eq!(report3.suppressed, 1);
    let mails = inbox.deliver().await;
    assert!(
        mails.iter().all(|m| m.to != ZOE),
        "no email to a bouncing address"
    );
    assert!(
        mails
            .iter()
            .any(|m| m.to == "second.driver@mail.example" && m.subject.contains("Paul Passager")),
        "the driver is asked"
    );

    // The operator sees the bounces and lifts the suppression: Zoé is mailed again.
    let page = admin_page(&app).await;
    assert!(
        page.contains("id=\"suppressed\"") && page.contains(ZOE),
        "listed"
    );
    assert!(page.contains("5.1.1"), "with its status");
    let id: i64 = {
        let at = page.find("/admin/suppressions/").unwrap() + "/admin/suppressions/".len();
        page[at..].split('/').next().unwrap().parse().unwrap()
    };
    let res = app
        .client
        .post(format!("/admin/suppressions/{id}/lift"))
        .header(Header::new("Authorization", format!("Bearer {ADMIN}")))
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::SeeOther);
    drop(res);
    let page = admin_page(&app).await;
    assert!(
        !page.contains("id=\"suppressed\""),
        "no address suppressed now"
    );
    let (third, _) = app
        .create_offer_as(&slug, "third.driver@mail.example")
        .await;
    app.book(third["id"].as_str().unwrap(), ZOE, 1).await;
    let mails = inbox.deliver().await;
    common::inbox::one(&mails, ZOE);
    drop(inbox);
    app.finish().await;
}

async fn two_instances_record_a_report_once(backend: Backend) {
    let smtp = SmtpServer::start();
    let dovecot = Dovecot::start();
    let app = start(backend, &smtp, &dovecot).await;
    let inbox = Inbox {
        app: &app,
        server: smtp,
        seen: RefCell::new(0),
    };
    let (_, offer, _) = app.event_with_offer().await;
    app.book(offer["id"].as_str().unwrap(), ZOE, 1).await;
    inbox.deliver().await;
    let zoe = to(&inbox.server.received(), ZOE).pop().unwrap();
    dovecot.deliver(&report(
        "exchange_recipient_not_found",
        &zoe.from,
        ZOE,
        &message_id(&zoe),
    ));
    let (emails, mailer) = (app.emails(), app.mailer());
    let now = Utc::now();
    let (a, b) = tokio::join!(
        jobs::run(&app.db, &emails, &mailer, "a", Step::Bounces, now),
        jobs::run(&app.db, &emails, &mailer, "b", Step::Bounces, now),
    );
    assert!(a.errors.is_empty() && b.errors.is_empty(), "{a:?} {b:?}");
    assert_eq!(a.bounces_hard + b.bounces_hard, 1, "recorded once");
    let told = inbox.deliver().await;
    assert_eq!(
        told.iter().filter(|m| m.to == DRIVER_EMAIL).count(),
        1,
        "the driver is told once"
    );
    drop(inbox);
    app.finish().await;
}

async fn a_refusal_at_send_time_is_a_hard_bounce(backend: Backend) {
    let smtp = SmtpServer::start();
    smtp.set_mode(Mode::RefusePermanently);
    let dovecot = Dovecot::start();
    let app = start(backend, &smtp, &dovecot).await;
    let inbox = Inbox {
        app: &app,
        server: smtp,
        seen: RefCell::new(0),
    };
    let (_, offer, _) = app.event_with_offer().await;
    let rejected = "reject.me@example.net";
    app.book(offer["id"].as_str().unwrap(), rejected, 1).await;
    let report1 = tick(&app, "a").await;
    assert_eq!(report1.bounces_hard, 1, "{report1:?}");
    inbox.deliver().await;
    // The driver was told, and the note went out.
    let notes = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(covoit::domain::EmailKind::AddressBounced))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].recipient_email, DRIVER_EMAIL);
    assert_eq!(notes[0].status, EmailStatus::Sent);
    assert!(
        notes[0].subject.contains("Paul Passager"),
        "{}",
        notes[0].subject
    );
    let page = admin_page(&app).await;
    assert!(page.contains(rejected), "listed in /admin");
    drop(inbox);
    app.finish().await;
}

/// Each scenario once on every backend (each starts its own servers).
macro_rules! on_both {
    ($($module:ident => $scenario:ident),+ $(,)?) => {
        $(
            mod $module {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    super::$scenario(super::Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    super::$scenario(super::Backend::Postgres).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn mysql() {
                    super::$scenario(super::Backend::Mysql).await;
                }
            }
        )+
    };
}

on_both!(
    read_suppressed_and_told => a_hard_bounce_is_read_suppressed_and_told,
    recorded_once => two_instances_record_a_report_once,
);

mod refused_at_send_time {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        super::a_refusal_at_send_time_is_a_hard_bounce(super::Backend::Sqlite).await;
    }
}
