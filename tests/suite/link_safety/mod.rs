//! Magic-link safety (DESIGN §2, §3), on SQLite and on PostgreSQL: GET and HEAD never change
//! anything; link pages are private (no referrer, no cache); replays and double clicks change
//! nothing the second time and send no second email; tampered, misdirected, foreign-key,
//! expired, dangling and garbage tokens each get their page and never a 500; an old key keeps
//! working after a rotation while new links use the new key; a manage link only acts on its
//! own offer's requests.
use crate::common;

use std::collections::HashMap;

use chrono::{Duration, Utc};
use common::{Backend, TEST_KEY, TestApp, local_in_days};
use covoit::entities::{event, offer, outbox, reservation};
use covoit::links::{LinkError, Purpose, sign, verify};
use rocket::http::{ContentType, Header, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A second signing key for the rotation scenario (as long as a real one must be).
const NEW_KEY: &str = "new-signing-key-9876543210-zyxwvutsrqponmlk";
/// A key the app does not know.
const OTHER_KEY: &[u8] = b"some-other-key-0123456789-0123456789-qrstuv";

mod private;
mod reads;
mod replays;
mod rotation;
mod scope;
mod tokens;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Get,
    Head,
    Post,
}

pub(super) struct Answer {
    method: Method,
    path: String,
    status: Status,
    body: String,
    location: Option<String>,
    referrer_policy: Option<String>,
    cache_control: Option<String>,
}

impl Answer {
    fn what(&self) -> String {
        let path = if self.path.len() > 120 {
            format!("{}…({} chars)", &self.path[..120], self.path.len())
        } else {
            self.path.clone()
        };
        format!("{:?} {path} → {}", self.method, self.status)
    }

    /// The page's status, with the request and the page in the message when it differs.
    #[track_caller]
    fn expect(&self, status: Status) {
        assert_eq!(
            self.status,
            status,
            "{}: expected {status}\n{}",
            self.what(),
            excerpt(&self.body)
        );
    }

    #[track_caller]
    fn expect_text(&self, text: &str) {
        assert!(
            self.body.contains(text),
            "{}: the page should say {text:?}\n{}",
            self.what(),
            excerpt(&self.body)
        );
    }

    /// Link pages leak their token to no one: no referrer, no cache.
    #[track_caller]
    fn expect_private(&self) {
        assert_eq!(
            self.referrer_policy.as_deref(),
            Some("no-referrer"),
            "{}: Referrer-Policy",
            self.what()
        );
        assert_eq!(
            self.cache_control.as_deref(),
            Some("no-store"),
            "{}: Cache-Control",
            self.what()
        );
    }
}

/// The readable part of a page, for failure messages.
pub(super) fn excerpt(body: &str) -> String {
    let main = body.find("<main").map_or(body, |i| &body[i..]);
    main.chars().take(1200).collect()
}

pub(super) async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    form: &[(&str, &str)],
) -> Answer {
    let path = path.to_owned();
    let request = match method {
        Method::Get => app.client.get(path.clone()),
        Method::Head => app.client.head(path.clone()),
        Method::Post => {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            app.client
                .post(path.clone())
                .header(ContentType::Form)
                .body(body)
        }
    };
    let res = request
        .header(Header::new("Accept-Language", "en"))
        .dispatch()
        .await;
    let header = |name: &str| res.headers().get_one(name).map(str::to_owned);
    let (location, referrer_policy, cache_control) = (
        header("Location"),
        header("Referrer-Policy"),
        header("Cache-Control"),
    );
    let status = res.status();
    Answer {
        method,
        path,
        status,
        body: res.into_string().await.unwrap_or_default(),
        location,
        referrer_policy,
        cache_control,
    }
}

pub(super) async fn get(app: &TestApp, path: &str) -> Answer {
    call(app, Method::Get, path, &[]).await
}

pub(super) async fn head(app: &TestApp, path: &str) -> Answer {
    call(app, Method::Head, path, &[]).await
}

pub(super) async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> Answer {
    call(app, Method::Post, path, form).await
}

pub(super) fn link(purpose: Purpose, token: &str) -> String {
    format!("/link/{}/{token}", purpose.as_str())
}

/// Every POST a token of `purpose` can be used for, with a form that would change something
/// if the token were accepted. `rid` is the request the manage actions point at.
pub(super) fn posts_for(
    purpose: Purpose,
    token: &str,
    rid: i64,
) -> Vec<(String, Vec<(&'static str, String)>)> {
    let base = link(purpose, token);
    match purpose {
        Purpose::Accept | Purpose::Booking => vec![(base, vec![])],
        Purpose::Refuse => vec![(base, vec![("note", "Sorry".to_owned())])],
        Purpose::Manage => vec![
            (format!("{base}/accept/{rid}"), vec![]),
            (format!("{base}/refuse/{rid}"), vec![]),
            (format!("{base}/remove/{rid}"), vec![]),
            (
                format!("{base}/edit"),
                vec![
                    ("departs_at", local_in_days(10, 11)),
                    ("place", "Somewhere else entirely".to_owned()),
                    ("seats", "4".to_owned()),
                    ("notes", "Changed by a forger".to_owned()),
                ],
            ),
            (format!("{base}/cancel"), vec![]),
        ],
        Purpose::Event => vec![],
        Purpose::Claim | Purpose::Join => vec![(base, vec![])],
        Purpose::Need => vec![
            (
                format!("{base}/edit"),
                vec![
                    ("place", "Changed by a forger".to_owned()),
                    ("seats", "2".to_owned()),
                ],
            ),
            (format!("{base}/withdraw"), vec![]),
        ],
        Purpose::Still => vec![(base, vec![("answer", "no".to_owned())])],
        Purpose::Unsubscribe => vec![(base, vec![])],
    }
}

pub(super) async fn post_owned(
    app: &TestApp,
    path: &str,
    form: &[(&'static str, String)],
) -> Answer {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(app, path, &form).await
}

// ---------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------

/// Every row of every table, in id order, in full.
pub(super) async fn snapshot(app: &TestApp) -> String {
    let c = &app.db.conn;
    let events = event::Entity::find()
        .order_by_asc(event::Column::Id)
        .all(c)
        .await
        .unwrap();
    let offers = offer::Entity::find()
        .order_by_asc(offer::Column::Id)
        .all(c)
        .await
        .unwrap();
    let reservations = reservation::Entity::find()
        .order_by_asc(reservation::Column::Id)
        .all(c)
        .await
        .unwrap();
    let mails = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(c)
        .await
        .unwrap();
    use covoit::entities::{invitation, need, need_alert, still_check};
    let needs = need::Entity::find().all(c).await.unwrap();
    let alerts = need_alert::Entity::find().all(c).await.unwrap();
    let invitations = invitation::Entity::find().all(c).await.unwrap();
    let checks = still_check::Entity::find().all(c).await.unwrap();
    format!(
        "events: {events:#?}\noffers: {offers:#?}\nreservations: {reservations:#?}\noutbox: {mails:#?}\nneeds: {needs:#?}\nalerts: {alerts:#?}\ninvitations: {invitations:#?}\nchecks: {checks:#?}"
    )
}

#[track_caller]
pub(super) fn assert_same(before: &str, after: &str, what: &str) {
    if before != after {
        let first = before
            .lines()
            .zip(after.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let around = |s: &str| {
            s.lines()
                .skip(first.saturating_sub(12))
                .take(16)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{what} changed the database.\n--- before (line {first}) ---\n{}\n--- after ---\n{}",
            around(before),
            around(after)
        );
    }
}

pub(super) async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

pub(super) async fn reservation_row(app: &TestApp, id: i64) -> reservation::Model {
    reservation::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the reservation exists")
}

pub(super) async fn offer_row(app: &TestApp, id: i64) -> offer::Model {
    offer::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the offer exists")
}

/// Every `(purpose, token)` of the links in the captured emails.
pub(super) async fn mailed_links(app: &TestApp) -> Vec<(String, String)> {
    let re =
        regex::Regex::new(r"https://covoit\.test/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")
            .unwrap();
    let mut found = Vec::new();
    for row in outbox_rows(app).await {
        for c in re.captures_iter(&row.text_body) {
            found.push((c[1].to_owned(), c[2].to_owned()));
        }
    }
    found
}

/// Keys as the configuration holds them.
pub(super) fn signing(keys: &[Vec<u8>]) -> Vec<covoit::domain::SigningKey> {
    keys.iter().map(|k| k.clone().into()).collect()
}

/// The token of the latest emailed link for `purpose` and record `id`, checked with `keys`.
pub(super) async fn mailed_token(
    app: &TestApp,
    keys: &[Vec<u8>],
    purpose: Purpose,
    id: i64,
) -> String {
    let now = Utc::now();
    mailed_links(app)
        .await
        .into_iter()
        .rev()
        .find(|(p, t)| {
            p == purpose.as_str() && verify(&signing(keys), purpose, t, now).map(|v| v.id) == Ok(id)
        })
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no emailed {} link for record {id}", purpose.as_str()))
}

pub(super) fn test_keys() -> Vec<Vec<u8>> {
    vec![TEST_KEY.as_bytes().to_vec()]
}

/// An event, an offer (3 seats) with its ride back, one pending request for `seats` seats, and
/// the tokens of the five links as emailed.
pub(super) struct Fixture {
    event_id: i64,
    offer_id: i64,
    return_id: i64,
    rid: i64,
    tokens: HashMap<Purpose, String>,
}

impl Fixture {
    fn token(&self, p: Purpose) -> &str {
        &self.tokens[&p]
    }

    fn path(&self, p: Purpose) -> String {
        link(p, self.token(p))
    }
}

pub(super) async fn fixture(app: &TestApp, keys: &[Vec<u8>]) -> Fixture {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let event_id = event::Entity::find()
        .filter(event::Column::Slug.eq(slug.as_str()))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the event is stored")
        .id;
    let (offer, ret) = app.create_offer(&slug).await;
    let offer_id = app.offer_row(offer["id"].as_str().unwrap()).await.id;
    let return_id = app.offer_row(ret["id"].as_str().unwrap()).await.id;
    let rid = request(app, offer_id, "paul@example.org", 1).await;
    let mut tokens = HashMap::new();
    for (p, id) in [
        (Purpose::Accept, rid),
        (Purpose::Refuse, rid),
        (Purpose::Booking, rid),
        (Purpose::Manage, offer_id),
        (Purpose::Event, event_id),
    ] {
        tokens.insert(p, mailed_token(app, keys, p, id).await);
    }
    // The waiting list's links: someone waits (need), a new ride tells them of its seats
    // (claim), the first ride's driver invites them (join), and the drivers are asked "still
    // going?" (still).
    let waiting = waiting_links(app, keys, &slug, offer_id).await;
    for (p, id) in waiting {
        tokens.insert(p, mailed_token(app, keys, p, id).await);
    }
    Fixture {
        event_id,
        offer_id,
        return_id,
        rid,
        tokens,
    }
}

/// The records behind one link of each waiting-list purpose.
async fn waiting_links(
    app: &TestApp,
    keys: &[Vec<u8>],
    slug: &str,
    offer_id: i64,
) -> Vec<(Purpose, i64)> {
    use covoit::entities::{invitation, need, need_alert, still_check};
    let (status, body) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &serde_json::json!({"name": "Wanda", "email": "wanda@example.org",
                    "direction": "to_event", "place": "Bron", "locale": "en"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let need = need::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let mut extra = common::offer_body();
    extra.as_object_mut().unwrap().remove("return");
    extra["driver_email"] = serde_json::json!("second.driver@example.org");
    let (status, body) = app
        .post_json(&format!("/api/events/{slug}/offers"), &extra)
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let alert = need_alert::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the new ride told Wanda");
    let manage = link(
        Purpose::Manage,
        &mailed_token(app, keys, Purpose::Manage, offer_id).await,
    );
    app.post_form(&format!("{manage}/invite/{}", need.public_id), &[])
        .await;
    let invitation = invitation::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the driver invited Wanda");
    let departs = offer_row(app, offer_id).await.departs_at;
    covoit::services::still::ask_due(
        &app.db,
        &app.emails(),
        Duration::hours(48),
        departs - Duration::hours(40),
    )
    .await
    .unwrap();
    let check = still_check::Entity::find()
        .filter(still_check::Column::OfferId.eq(offer_id))
        .filter(still_check::Column::ReservationId.is_null())
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the driver was asked");
    vec![
        (Purpose::Need, need.id),
        (Purpose::Claim, alert.id),
        (Purpose::Join, invitation.id),
        (Purpose::Still, check.id),
        // The driver's "still going?" email can be stopped.
        (
            Purpose::Unsubscribe,
            covoit::domain::optout::target_id(covoit::domain::EmailKind::StillGoing, check.id)
                .unwrap(),
        ),
    ]
}

/// A pending request; its id.
pub(super) async fn request(app: &TestApp, offer_id: i64, email: &str, seats: i64) -> i64 {
    let public_id = offer_row(app, offer_id).await.public_id;
    let (status, body) = app.book(&public_id, email, seats).await;
    assert_eq!(status, Status::Created, "{body}");
    body["reservation"]["id"].as_i64().unwrap()
}

pub(super) fn in_days(days: i64) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(days)
}

#[track_caller]
pub(super) fn expect_invalid(a: &Answer) {
    a.expect(Status::BadRequest);
    a.expect_text("Invalid link");
    a.expect_private();
}
