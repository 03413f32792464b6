//! Background work with a controlled `now`: expiry at the boundary, nudges at half-life,
//! day-before reminders across daylight-saving changes, three instances on one database, a
//! sweep killed mid-way, and the task's start and stop.
use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp, base_figment};
use covoit::entities::{offer, outbox, reservation};
use covoit::jobs::{JobsStatus, Step};
use covoit::mail::Emails;
use covoit::services::{decisions, needs, sweeps, transitions};
use rocket::http::Status;
use sea_orm::{
    ColumnTrait, Condition, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryTrait, Set,
};
use serde_json::{Value, json};

on_both_backends!(
    expiry_at_the_boundary,
    expiry_at_departure_when_sooner,
    nudge_at_half_life_once,
    reminders_at_local_ten
);

fn mailer(app: &TestApp) -> Emails {
    app.emails()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn emails(app: &TestApp, kind: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn one_request(app: &TestApp) -> (Value, reservation::Model) {
    let (_, offer, _) = app.event_with_offer().await;
    let (status, body) = app
        .book(offer["id"].as_str().unwrap(), "paul@example.org", 1)
        .await;
    assert_eq!(status, Status::Created);
    let id = body["reservation"]["id"].as_i64().unwrap();
    let r = reservation::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    (offer, r)
}

async fn expiry_at_the_boundary(app: &TestApp) {
    let (_, r) = one_request(app).await;
    let m = mailer(app);
    assert_eq!((r.expires_at - r.created_at).num_hours(), 24);
    let just_before = r.expires_at - chrono::Duration::seconds(1);
    assert_eq!(
        sweeps::expire_due(&app.db, &m, just_before).await.unwrap(),
        0
    );
    assert_eq!(
        sweeps::expire_due(&app.db, &m, r.expires_at).await.unwrap(),
        1
    );
    let after = reservation::Entity::find_by_id(r.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.status.as_str(), after.active_email.as_deref()),
        ("expired", None)
    );
    let sent = emails(app, "request_expired").await;
    let mut to: Vec<&str> = sent.iter().map(|e| e.recipient_email.as_str()).collect();
    to.sort();
    assert_eq!(to, vec![common::DRIVER_EMAIL, "paul@example.org"]);
    let passenger = sent
        .iter()
        .find(|e| e.recipient_email == "paul@example.org")
        .unwrap();
    assert!(
        passenger.text_body.contains("https://covoit.test/e/"),
        "the other rides"
    );
    // Again, later: nothing more.
    let later = r.expires_at + chrono::Duration::hours(5);
    assert_eq!(sweeps::expire_due(&app.db, &m, later).await.unwrap(), 0);
    assert_eq!(emails(app, "request_expired").await.len(), 2);
    // The passenger may ask again, now that the request is over.
    let (status, _) = app
        .book(
            &offer::Entity::find_by_id(r.offer_id)
                .one(&app.db.conn)
                .await
                .unwrap()
                .unwrap()
                .public_id,
            "paul@example.org",
            1,
        )
        .await;
    assert_eq!(status, Status::Created);
}

async fn expiry_at_departure_when_sooner(app: &TestApp) {
    let soon = |h: i64| (Utc::now() + chrono::Duration::hours(h)).to_rfc3339();
    let mut event = common::event_body();
    event["starts_at"] = json!(soon(6));
    let (_, created) = app.post_json("/api/events", &event).await;
    let slug = created["event"]["slug"].as_str().unwrap().to_owned();
    let mut body = common::offer_body();
    body["departs_at"] = json!(soon(5));
    body.as_object_mut().unwrap().remove("return");
    let (_, offer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    let (status, booked) = app
        .book(
            offer["offer"]["id"].as_str().unwrap(),
            "late@example.org",
            1,
        )
        .await;
    assert_eq!(status, Status::Created);
    assert_eq!(
        booked["reservation"]["expires_at"], offer["offer"]["departs_at"],
        "expires at departure"
    );
    let departs = utc(offer["offer"]["departs_at"].as_str().unwrap());
    let m = mailer(app);
    assert_eq!(
        sweeps::expire_due(&app.db, &m, departs - chrono::Duration::seconds(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(sweeps::expire_due(&app.db, &m, departs).await.unwrap(), 1);
}

async fn nudge_at_half_life_once(app: &TestApp) {
    let (_, r) = one_request(app).await;
    let m = mailer(app);
    let half = r.created_at + chrono::Duration::hours(12);
    assert_eq!(
        sweeps::nudge_due(&app.db, &m, half - chrono::Duration::seconds(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(sweeps::nudge_due(&app.db, &m, half).await.unwrap(), 1);
    assert_eq!(
        sweeps::nudge_due(&app.db, &m, half + chrono::Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    let nudges = emails(app, "driver_nudge").await;
    assert_eq!(nudges.len(), 1);
    assert_eq!(nudges[0].recipient_email, common::DRIVER_EMAIL);
    assert!(
        nudges[0]
            .subject
            .starts_with("Paul Passager attend votre réponse")
    );
    assert!(
        nudges[0]
            .text_body
            .contains("https://covoit.test/link/accept/")
            && nudges[0]
                .text_body
                .contains("https://covoit.test/link/refuse/")
    );
    // A request that was answered is not nudged.
    let (_, other) = one_request(app).await;
    decisions::refuse(&app.db, &m, other.id, None, "", Utc::now())
        .await
        .unwrap();
    assert_eq!(
        sweeps::nudge_due(&app.db, &m, other.created_at + chrono::Duration::hours(13))
            .await
            .unwrap(),
        0
    );
}

/// One ride in `zone`, departing at `local` (YYYY-MM-DDTHH:MM), with one confirmed passenger.
async fn ride(app: &TestApp, zone: &str, event_local: &str, ride_local: &str) -> offer::Model {
    let (status, created) = app
        .post_json(
            "/api/events",
            &json!({"name": "Rencontre", "venue": "Salle", "starts_at": event_local, "timezone": zone,
                    "organizer_name": "Org", "organizer_email": "org@example.org"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let slug = created["event"]["slug"].as_str().unwrap().to_owned();
    let mut body = common::offer_body();
    body["departs_at"] = json!(ride_local);
    body.as_object_mut().unwrap().remove("return");
    let (status, offer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{offer}");
    let id = offer["offer"]["id"].as_str().unwrap().to_owned();
    let (_, booked) = app.book(&id, &format!("p{id}@example.org"), 1).await;
    let rid = booked["reservation"]["id"].as_i64().unwrap();
    decisions::accept(&app.db, &mailer(app), rid, None, Utc::now())
        .await
        .expect("accepted");
    offer::Entity::find_by_id(app.offer_row(&id).await.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
}

async fn reminders_at_local_ten(app: &TestApp) {
    let m = mailer(app);
    // (zone, event start, ride departure, expected reminder instant)
    let cases = [
        // Paris, clocks go forward on Sunday 28 March 2027.
        (
            "Europe/Paris",
            "2027-03-29T09:00",
            "2027-03-29T07:30",
            "2027-03-28T08:00:00Z",
        ),
        (
            "Europe/Paris",
            "2027-03-28T14:00",
            "2027-03-28T12:00",
            "2027-03-27T09:00:00Z",
        ),
        // Paris, clocks go back on Sunday 31 October 2027.
        (
            "Europe/Paris",
            "2027-11-01T09:00",
            "2027-11-01T08:00",
            "2027-10-31T09:00:00Z",
        ),
        (
            "Europe/Paris",
            "2027-10-31T14:00",
            "2027-10-31T12:00",
            "2027-10-30T08:00:00Z",
        ),
        // New York: clocks go forward on 14 March, back on 7 November 2027.
        (
            "America/New_York",
            "2027-03-15T09:00",
            "2027-03-15T08:00",
            "2027-03-14T14:00:00Z",
        ),
        (
            "America/New_York",
            "2027-11-08T09:00",
            "2027-11-08T08:00",
            "2027-11-07T15:00:00Z",
        ),
    ];
    for (zone, event_local, ride_local, expected) in cases {
        let o = ride(app, zone, event_local, ride_local).await;
        let moment = utc(expected);
        assert_eq!(o.reminder_at, Some(moment), "{zone} {ride_local}");
        let before = sweeps::remind_due(&app.db, &m, moment - chrono::Duration::seconds(1))
            .await
            .unwrap();
        assert_eq!(before, 0, "not before 10:00 local ({zone} {ride_local})");
        assert_eq!(
            sweeps::remind_due(&app.db, &m, moment).await.unwrap(),
            1,
            "{zone} {ride_local}"
        );
        assert_eq!(
            sweeps::remind_due(&app.db, &m, moment + chrono::Duration::hours(3))
                .await
                .unwrap(),
            0
        );
        let to_driver = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("reminder_driver"))
            .filter(outbox::Column::RecordId.eq(o.id))
            .all(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(to_driver.len(), 1);
        let hhmm = &ride_local[11..16];
        assert!(
            to_driver[0].text_body.contains(hhmm),
            "local departure {hhmm} in: {}",
            to_driver[0].text_body
        );
        assert!(
            to_driver[0]
                .text_body
                .contains(&format!("p{}@example.org", o.public_id))
                || to_driver[0].text_body.contains("Paul Passager")
        );
        let to_passenger = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("reminder_passenger"))
            .filter(outbox::Column::RecipientEmail.eq(format!("p{}@example.org", o.public_id)))
            .all(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(to_passenger.len(), 1);
        assert!(
            to_passenger[0].text_body.contains(common::DRIVER_PHONE),
            "the driver's contact"
        );
    }
    // A time edit after the reminder sends the time-changed email, not a second reminder.
    let o = offer::Entity::find()
        .filter(offer::Column::RemindedAt.is_not_null())
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let edited = covoit::services::offer_admin::edit(
        &app.db,
        &m,
        &covoit::services::places::Places::gazetteer(),
        o.id,
        &covoit::services::offer_admin::RawEdit {
            departs_at: (o.departs_at - chrono::Duration::minutes(30)).to_rfc3339(),
            place: o.place.clone(),
            seats: o.seats_total.to_string(),
            notes: String::new(),
        },
        Default::default(),
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        edited,
        covoit::services::offer_admin::Edited { trip_changed: true }
    );
    assert_eq!(
        sweeps::remind_due(&app.db, &m, o.departs_at - chrono::Duration::hours(2))
            .await
            .unwrap(),
        0
    );
    assert_eq!(emails(app, "trip_changed").await.len(), 1);
}

/// A sweep's batch is claimed by the rows' ids. On SQLite with no statistics (no `ANALYZE`
/// has run, as in every new database), a state column that may be searched made SQLite read
/// the batch through the `(status, expires_at)`, `(status, nudge_at)` or needs'
/// `(status, created_at)` index, that is every row still in that state, for each batch: a
/// 100,000-request expiry read ~5 million rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_sweep_batch_is_found_by_its_ids() {
    let app = TestApp::start(Backend::Sqlite).await;
    let now = Utc::now();
    let ids = vec![11, 12, 13];
    let due = Condition::all().add(reservation::Column::ExpiresAt.lte(now));
    let (expire, cond) = transitions::transition_update(
        DbBackend::Sqlite,
        ids.clone(),
        transitions::EXPIRE,
        due,
        now,
    );
    let expire = expire.filter(cond).build(DbBackend::Sqlite);
    let (nudge, cond) = sweeps::nudge_update(DbBackend::Sqlite, ids, now);
    let nudge = nudge.filter(cond).build(DbBackend::Sqlite);
    let lapse =
        needs::lapse_update(DbBackend::Sqlite, vec![11, 12, 13], now).build(DbBackend::Sqlite);
    for (what, stmt, table) in [
        ("expire", expire, "reservations"),
        ("nudge", nudge, "reservations"),
        ("lapse", lapse, "needs"),
    ] {
        let sql = stmt.sql.clone();
        let plan = app.sqlite_plan(stmt).await;
        assert_eq!(
            plan,
            [format!(
                "SEARCH {table} USING INTEGER PRIMARY KEY (rowid=?)"
            )],
            "{what}: {sql}"
        );
    }
    app.finish().await;
}

/// The outbox's claim of a chunk (issue 19) finds its rows by their ids on PostgreSQL too,
/// whatever its statistics say. They lag: analysed while the outbox's emails were sent, they
/// tell PostgreSQL that almost none is queued, so after a sweep queued thousands it claimed 32
/// rows through the `(status, next_attempt_at)` and `(status, lease_until)` indexes, reading
/// every queued row: 15-49 ms a claim in the bench, one claim after the other, instead of
/// under 1 ms by primary key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_an_outbox_claim_finds_its_rows_by_id_whatever_the_statistics() {
    let app = TestApp::start(Backend::Postgres).await;
    let now = Utc::now();
    // The statistics are those of emails all sent.
    app.with_lagging_statistics(
        "outbox",
        "INSERT INTO outbox (kind, record_id, dedupe_key, recipient_email, recipient_name, \
         locale, subject, text_body, html_body, attachments, links, status, next_attempt_at, \
         message_id, created_at, updated_at) \
         SELECT 'request_received', g, 'plan-' || g, 'p' || g || '@example.org', 'P', 'en', \
         's', 't', 'h', '[]', '[]', 'sent', now(), 'm' || g, now(), now() \
         FROM generate_series(1, 20000) AS g",
        "UPDATE outbox SET status = 'queued', sent_at = NULL",
    )
    .await;
    let (claim, cond) = covoit::mail::dispatcher::claim_update(
        DbBackend::Postgres,
        vec![100, 200, 300],
        "instance-a",
        chrono::Duration::seconds(120),
        now,
    );
    let stmt = claim.filter(cond).build(DbBackend::Postgres);
    let sql = stmt.sql.clone();
    let plan = app.postgres_plan(stmt).await;
    assert!(
        plan.iter()
            .any(|l| l.contains("Index Scan using outbox_pkey")),
        "{sql}\n{plan:#?}"
    );
    assert!(
        !plan.iter().any(|l| l.contains("idx_outbox_status")),
        "{sql}\n{plan:#?}"
    );
    app.finish().await;
}

/// Three instances, each with its own pool and SMTP transport, tick together on one
/// PostgreSQL (or MariaDB) database over three simulated days: every email is queued and sent
/// once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_do_everything_exactly_once_on_postgres() {
    three_instances_do_everything_exactly_once(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_do_everything_exactly_once_on_mysql() {
    three_instances_do_everything_exactly_once(Backend::Mysql).await;
}

async fn three_instances_do_everything_exactly_once(backend: Backend) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(backend, move |f| smtp_figment(f, port, &ca)).await;
    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let mut instances = Vec::new();
    for _ in 0..3 {
        let config = covoit::Config::from_figment(
            &smtp_figment(base_figment(&url), port, &server.ca_file),
            false,
        )
        .unwrap();
        instances.push((
            covoit::Db::connect(&url).await.unwrap(),
            covoit::mail::from_config(&config).unwrap(),
            covoit::jobs::instance_id(),
        ));
    }
    let (_, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    let m = mailer(&app);
    // Two confirmed passengers (for the reminders) and 20 requests nobody answers.
    for i in 0..2 {
        let (_, b) = app
            .book(&offer_id, &format!("rider{i}@example.org"), 1)
            .await;
        decisions::accept(
            &app.db,
            &m,
            b["reservation"]["id"].as_i64().unwrap(),
            None,
            Utc::now(),
        )
        .await
        .unwrap();
    }
    for i in 0..20 {
        app.book(&offer_id, &format!("waiting{i}@example.org"), 1)
            .await;
    }
    let start = Utc::now();
    let departs = offer::Entity::find_by_id(app.offer_row(&offer_id).await.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .departs_at;
    let mut t = start;
    while t < departs {
        let ticks = instances.iter().map(|(db, (emails, mailer), owner)| {
            covoit::jobs::run(db, emails, mailer, owner, Step::All, t)
        });
        for report in futures::future::join_all(ticks).await {
            assert!(report.errors.is_empty(), "{:?}", report.errors);
        }
        t += chrono::Duration::minutes(45);
    }
    let rows = outbox::Entity::find().all(&app.db.conn).await.unwrap();
    let count = |kind: &str| rows.iter().filter(|r| r.kind.as_str() == kind).count();
    assert_eq!(count("driver_nudge"), 20);
    assert_eq!(
        count("request_expired"),
        40,
        "passenger and driver, for each of 20"
    );
    assert_eq!(
        count("reminder_driver"),
        1,
        "one for the ride there; none for the ride back, which has no passenger"
    );
    assert_eq!(count("reminder_passenger"), 2);
    assert!(
        rows.iter().all(|r| r.status.as_str() == "sent"),
        "{:?}",
        rows.iter()
            .filter(|r| r.status.as_str() != "sent")
            .map(|r| (&r.kind, &r.status))
            .collect::<Vec<_>>()
    );
    let received = server
        .wait_for(rows.len() + 1, Duration::from_millis(500))
        .await;
    assert_eq!(received.len(), rows.len(), "every queued email sent once");
    let mut ids: Vec<String> = received
        .iter()
        .map(|r| {
            let text = String::from_utf8_lossy(&r.data);
            text.lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "no email twice");
    for (db, _, _) in instances {
        db.conn.close().await.ok();
    }
    app.finish().await;
}

fn sweep(url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_covoit"));
    cmd.env_clear()
        .current_dir(std::env::temp_dir())
        .env("RUST_LOG", "info")
        .env("DATABASE_URL", url)
        .env("SECRET_KEY", common::TEST_KEY)
        .env("BASE_URL", "https://covoit.test")
        .args(["sweep", "expire"]);
    cmd
}

/// `covoit sweep expire` killed after its first batch, then run again: every request is
/// expired once and every email queued once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_killed_mid_way_loses_and_duplicates_nothing() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (_, offer, _) = app.event_with_offer().await;
    let offer_id = app.offer_row(offer["id"].as_str().unwrap()).await.id;
    let past = Utc::now() - chrono::Duration::hours(1);
    let total = 6000;
    let rows: Vec<reservation::ActiveModel> = (0..total)
        .map(|i| reservation::ActiveModel {
            offer_id: Set(offer_id),
            status: Set(covoit::domain::ReservationStatus::Pending),
            seats: Set(1),
            passenger_name: Set(format!("P{i}")),
            passenger_email: Set(format!("p{i}@example.org")),
            passenger_phone: Set(None),
            pickup: Set(String::new()),
            message: Set(String::new()),
            locale: Set("fr".into()),
            active_email: Set(Some(format!("p{i}@example.org"))),
            reason: Set(None),
            created_at: Set(past - chrono::Duration::hours(24)),
            expires_at: Set(past),
            decided_at: Set(None),
            updated_at: Set(past),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(500) {
        reservation::Entity::insert_many(chunk.to_vec())
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();
    let first_url = url.clone();
    let mut first = tokio::task::spawn_blocking(move || {
        let mut child = sweep(&first_url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        // Kill it as soon as one batch is committed, with SIGKILL: no chance to clean up.
        let saw_batch = lines.any(|l| l.map(|l| l.contains("expired a batch")).unwrap_or(false));
        child.kill().ok();
        child.wait().ok();
        saw_batch
    });
    assert!((&mut first).await.unwrap(), "the sweep reported a batch");
    let expired_after_kill = reservation::Entity::find()
        .filter(reservation::Column::Status.eq("expired"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert!(
        expired_after_kill > 0 && expired_after_kill < total,
        "killed mid-way: {expired_after_kill}"
    );
    let queued_after_kill = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("request_expired"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(
        queued_after_kill,
        2 * expired_after_kill,
        "each committed batch has all its emails"
    );

    let second = tokio::task::spawn_blocking(move || sweep(&url).output().unwrap())
        .await
        .unwrap();
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&second.stdout).trim(),
        format!("expire: {} request(s) expired", total - expired_after_kill)
    );
    let expired = reservation::Entity::find()
        .filter(reservation::Column::Status.eq("expired"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(expired, total);
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("request_expired"))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(queued.len() as u64, 2 * total);
    let mut keys: Vec<&str> = queued.iter().map(|r| r.dedupe_key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len() as u64, 2 * total);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_task_starts_ticks_and_stops_on_shutdown() {
    let app = TestApp::start_with(Backend::Sqlite, |f| f.merge(("jobs_interval_secs", 1))).await;
    let status = app.client.rocket().state::<JobsStatus>().unwrap().clone();
    assert!(status.running());
    for _ in 0..100 {
        if status.last_tick().await.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        status.last_tick().await.is_some(),
        "the first tick runs at start"
    );
    let TestApp { client, .. } = app;
    client.terminate().await;
    for _ in 0..100 {
        if !status.running() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!status.running(), "the task stopped");

    let off = TestApp::start(Backend::Sqlite).await; // jobs_interval_secs = 0
    let status = off.client.rocket().state::<JobsStatus>().unwrap().clone();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!status.running());
    assert!(status.last_tick().await.is_none());
    off.finish().await;
}
