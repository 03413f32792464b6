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

on_both_backends!(
    get_and_head_change_nothing,
    link_pages_are_private,
    replayed_posts_change_nothing,
    double_click_acts_once,
    double_click_on_a_large_request_says_already_done,
    tampered_tokens_are_invalid,
    wrong_purpose_foreign_key_and_expired_tokens,
    missing_records_are_404,
    unknown_purpose_and_garbage_are_never_500,
    non_numeric_request_id_is_400_or_404,
    manage_link_is_scoped_to_its_offer,
);

/// A second signing key for the rotation scenario (as long as a real one must be).
const NEW_KEY: &str = "new-signing-key-9876543210-zyxwvutsrqponmlk";
/// A key the app does not know.
const OTHER_KEY: &[u8] = b"some-other-key-0123456789-0123456789-qrstuv";

// ---------------------------------------------------------------------------------------------
// Requests

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Head,
    Post,
}

struct Answer {
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
fn excerpt(body: &str) -> String {
    let main = body.find("<main").map_or(body, |i| &body[i..]);
    main.chars().take(1200).collect()
}

async fn call(app: &TestApp, method: Method, path: &str, form: &[(&str, &str)]) -> Answer {
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

async fn get(app: &TestApp, path: &str) -> Answer {
    call(app, Method::Get, path, &[]).await
}

async fn head(app: &TestApp, path: &str) -> Answer {
    call(app, Method::Head, path, &[]).await
}

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> Answer {
    call(app, Method::Post, path, form).await
}

fn link(purpose: Purpose, token: &str) -> String {
    format!("/link/{}/{token}", purpose.as_str())
}

/// Every POST a token of `purpose` can be used for, with a form that would change something
/// if the token were accepted. `rid` is the request the manage actions point at.
fn posts_for(
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
    }
}

async fn post_owned(app: &TestApp, path: &str, form: &[(&'static str, String)]) -> Answer {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(app, path, &form).await
}

// ---------------------------------------------------------------------------------------------
// Database

/// Every row of every table, in id order, in full.
async fn snapshot(app: &TestApp) -> String {
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
    format!(
        "events: {events:#?}\noffers: {offers:#?}\nreservations: {reservations:#?}\noutbox: {mails:#?}"
    )
}

#[track_caller]
fn assert_same(before: &str, after: &str, what: &str) {
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

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn reservation_row(app: &TestApp, id: i64) -> reservation::Model {
    reservation::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the reservation exists")
}

async fn offer_row(app: &TestApp, id: i64) -> offer::Model {
    offer::Entity::find_by_id(id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the offer exists")
}

/// Every `(purpose, token)` of the links in the captured emails.
async fn mailed_links(app: &TestApp) -> Vec<(String, String)> {
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

/// The token of the latest emailed link for `purpose` and record `id`, checked with `keys`.
async fn mailed_token(app: &TestApp, keys: &[Vec<u8>], purpose: Purpose, id: i64) -> String {
    let now = Utc::now();
    mailed_links(app)
        .await
        .into_iter()
        .rev()
        .find(|(p, t)| {
            p == purpose.as_str() && verify(keys, purpose, t, now).map(|v| v.id) == Ok(id)
        })
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no emailed {} link for record {id}", purpose.as_str()))
}

fn test_keys() -> Vec<Vec<u8>> {
    vec![TEST_KEY.as_bytes().to_vec()]
}

/// An event, an offer (3 seats) with its ride back, one pending request for `seats` seats, and
/// the tokens of the five links as emailed.
struct Fixture {
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

async fn fixture(app: &TestApp, keys: &[Vec<u8>]) -> Fixture {
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
    Fixture {
        event_id,
        offer_id,
        return_id,
        rid,
        tokens,
    }
}

/// A pending request; its id.
async fn request(app: &TestApp, offer_id: i64, email: &str, seats: i64) -> i64 {
    let public_id = offer_row(app, offer_id).await.public_id;
    let (status, body) = app.book(&public_id, email, seats).await;
    assert_eq!(status, Status::Created, "{body}");
    body["reservation"]["id"].as_i64().unwrap()
}

fn in_days(days: i64) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(days)
}

// ---------------------------------------------------------------------------------------------
// 1. GET and HEAD change nothing

async fn get_and_head_change_nothing(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    // A confirmed passenger on the ride back too, so that the manage and booking pages show
    // every kind of button.
    let other = request(app, f.return_id, "clara@example.org", 1).await;
    let accept_other = mailed_token(app, &test_keys(), Purpose::Accept, other).await;
    post(app, &link(Purpose::Accept, &accept_other), &[])
        .await
        .expect(Status::SeeOther);
    let return_manage = mailed_token(app, &test_keys(), Purpose::Manage, f.return_id).await;
    let clara_booking = mailed_token(app, &test_keys(), Purpose::Booking, other).await;

    let mut paths: Vec<(Purpose, String)> = Purpose::ALL.iter().map(|p| (*p, f.path(*p))).collect();
    paths.push((Purpose::Manage, link(Purpose::Manage, &return_manage)));
    paths.push((Purpose::Booking, link(Purpose::Booking, &clara_booking)));
    // Links to a request that is already answered: still nothing happens on GET.
    paths.push((Purpose::Accept, link(Purpose::Accept, &accept_other)));

    let before = snapshot(app).await;
    for (p, path) in &paths {
        for url in [path.clone(), format!("{path}?done=1")] {
            let page = get(app, &url).await;
            page.expect(Status::Ok);
            page.expect_private();
            if url.ends_with("?done=1") {
                continue;
            }
            let pending_page = *p != Purpose::Event && !url.contains(&accept_other);
            if pending_page {
                // What the link will do is a button that POSTs, never an action on GET.
                let form = format!("<form method=\"post\" action=\"{path}");
                page.expect_text(&form);
                page.expect_text("<button type=\"submit\"");
            }
            match p {
                Purpose::Accept if pending_page => page.expect_text("Accept the request"),
                Purpose::Refuse => page.expect_text("Refuse the request"),
                Purpose::Booking => page.expect_text("I confirm the cancellation"),
                Purpose::Manage => page.expect_text("Cancel the ride"),
                _ => {}
            }
            let h = head(app, &url).await;
            h.expect(Status::Ok);
            h.expect_private();
            assert!(h.body.is_empty(), "HEAD {url} has a body");
        }
    }
    let after = snapshot(app).await;
    assert_same(&before, &after, "GET and HEAD on the five kinds of link");

    // Still pending, and the GET page of the answered request says so and offers no button.
    assert_eq!(reservation_row(app, f.rid).await.status.as_str(), "pending");
    let answered = get(app, &link(Purpose::Accept, &accept_other)).await;
    answered.expect(Status::Ok);
    answered.expect_text("Already done");
    answered.expect_text("confirmed");
    assert!(
        !answered
            .body
            .contains("<form method=\"post\" action=\"/link/accept/"),
        "an answered request shows no accept button"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Link pages are private

async fn link_pages_are_private(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let mut answers = Vec::new();
    for p in Purpose::ALL {
        answers.push(get(app, &f.path(p)).await);
        answers.push(head(app, &f.path(p)).await);
    }
    // POST answers: the redirect after acting, the page it leads to, a replay (409).
    let accepted = post(app, &f.path(Purpose::Accept), &[]).await;
    accepted.expect(Status::SeeOther);
    let target = accepted.location.clone().expect("a redirect");
    answers.push(accepted);
    answers.push(get(app, &target).await);
    let replay = post(app, &f.path(Purpose::Accept), &[]).await;
    replay.expect(Status::Conflict);
    answers.push(replay);
    // Error pages under /link/: invalid (400), expired (410), missing record (404), unknown
    // purpose (404), no such route (404), a refusal note too long (422).
    let invalid = link(Purpose::Accept, "nope.nope");
    let expired = link(
        Purpose::Accept,
        &sign(TEST_KEY.as_bytes(), Purpose::Accept, f.rid, in_days(-1)),
    );
    let missing = link(
        Purpose::Booking,
        &sign(TEST_KEY.as_bytes(), Purpose::Booking, 999_999, in_days(7)),
    );
    let expectations = [
        (get(app, &invalid).await, Status::BadRequest),
        (post(app, &invalid, &[]).await, Status::BadRequest),
        (get(app, &expired).await, Status::Gone),
        (post(app, &expired, &[]).await, Status::Gone),
        (get(app, &missing).await, Status::NotFound),
        (post(app, &missing, &[]).await, Status::NotFound),
        (
            get(app, &format!("/link/nope/{}", f.token(Purpose::Accept))).await,
            Status::NotFound,
        ),
        (
            post(app, &f.path(Purpose::Event), &[]).await,
            Status::NotFound,
        ),
    ];
    for (answer, status) in expectations {
        answer.expect(status);
        answers.push(answer);
    }
    let other = request(app, f.offer_id, "zoe@example.org", 1).await;
    let refuse_other = mailed_token(app, &test_keys(), Purpose::Refuse, other).await;
    let long_note = "x".repeat(600);
    let too_long = post(
        app,
        &link(Purpose::Refuse, &refuse_other),
        &[("note", long_note.as_str())],
    )
    .await;
    assert!(
        too_long.status.code >= 400 && too_long.status.code < 500,
        "{}",
        too_long.what()
    );
    answers.push(too_long);
    for a in &answers {
        a.expect_private();
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Replays

async fn replayed_posts_change_nothing(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;

    // Accept, then accept again.
    let first = post(app, &f.path(Purpose::Accept), &[]).await;
    first.expect(Status::SeeOther);
    assert_eq!(
        first.location.as_deref(),
        Some(format!("{}?done=1", f.path(Purpose::Accept)).as_str())
    );
    assert_eq!(
        reservation_row(app, f.rid).await.status.as_str(),
        "confirmed"
    );
    assert_eq!(offer_row(app, f.offer_id).await.seats_taken, 1);
    let mails = outbox_rows(app).await.len();
    let before = snapshot(app).await;
    let again = post(app, &f.path(Purpose::Accept), &[]).await;
    again.expect(Status::Conflict);
    again.expect_text("Already done");
    again.expect_text("confirmed");
    assert_eq!(
        outbox_rows(app).await.len(),
        mails,
        "a replayed accept sends no email"
    );
    assert_same(&before, &snapshot(app).await, "a replayed accept");

    // Refuse after accept.
    let refuse = post(
        app,
        &f.path(Purpose::Refuse),
        &[("note", "Changed my mind")],
    )
    .await;
    refuse.expect(Status::Conflict);
    refuse.expect_text("Already done");
    refuse.expect_text("confirmed");
    assert_same(&before, &snapshot(app).await, "a refuse after an accept");

    // The same through the manage page.
    let manage = f.path(Purpose::Manage);
    for action in ["accept", "refuse"] {
        let answer = post(app, &format!("{manage}/{action}/{}", f.rid), &[]).await;
        answer.expect(Status::Conflict);
        answer.expect_text("confirmed");
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "manage accept/refuse of a confirmed request",
    );

    // Refuse twice.
    let other = request(app, f.offer_id, "rita@example.org", 1).await;
    let refuse_other = link(
        Purpose::Refuse,
        &mailed_token(app, &test_keys(), Purpose::Refuse, other).await,
    );
    post(app, &refuse_other, &[("note", "")])
        .await
        .expect(Status::SeeOther);
    assert_eq!(reservation_row(app, other).await.status.as_str(), "refused");
    let before = snapshot(app).await;
    let again = post(app, &refuse_other, &[("note", "")]).await;
    again.expect(Status::Conflict);
    again.expect_text("refused");
    let accept_other = link(
        Purpose::Accept,
        &mailed_token(app, &test_keys(), Purpose::Accept, other).await,
    );
    post(app, &accept_other, &[]).await.expect(Status::Conflict);
    assert_same(
        &before,
        &snapshot(app).await,
        "a replayed refuse, then an accept",
    );

    // The passenger cancels the confirmed booking twice.
    let booking = f.path(Purpose::Booking);
    let cancelled = post(app, &booking, &[]).await;
    cancelled.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, f.rid).await.status.as_str(),
        "cancelled"
    );
    assert_eq!(
        offer_row(app, f.offer_id).await.seats_taken,
        0,
        "seats come back"
    );
    let mails = outbox_rows(app).await.len();
    let before = snapshot(app).await;
    let again = post(app, &booking, &[]).await;
    again.expect(Status::Conflict);
    again.expect_text("Already done");
    again.expect_text("cancelled");
    assert_eq!(
        outbox_rows(app).await.len(),
        mails,
        "a replayed cancel sends no email"
    );
    assert_same(&before, &snapshot(app).await, "a replayed cancellation");
    // Nor can the driver act on it any more.
    post(app, &f.path(Purpose::Accept), &[])
        .await
        .expect(Status::Conflict);
    post(app, &format!("{manage}/remove/{}", f.rid), &[])
        .await
        .expect(Status::Conflict);
    assert_same(
        &before,
        &snapshot(app).await,
        "acting on a cancelled request",
    );
}

/// Two identical POSTs at once: one acts, the other is told it is already done.
async fn double_post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (Answer, Answer) {
    let (a, b) = futures::join!(post(app, path, form), post(app, path, form));
    let mut pair = [a, b];
    pair.sort_by_key(|a| a.status.code);
    let [first, second] = pair;
    assert_eq!(
        (first.status, second.status),
        (Status::SeeOther, Status::Conflict),
        "double click on {path}: exactly one success and one 409\n{}\n{}",
        excerpt(&first.body),
        excerpt(&second.body)
    );
    (first, second)
}

fn kinds(rows: &[outbox::Model]) -> Vec<String> {
    let mut k: Vec<String> = rows.iter().map(|r| r.kind.as_str().to_owned()).collect();
    k.sort();
    k
}

async fn double_click_acts_once(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let second = request(app, f.offer_id, "sam@example.org", 1).await;
    let second_accept = mailed_token(app, &test_keys(), Purpose::Accept, second).await;
    let second_booking = mailed_token(app, &test_keys(), Purpose::Booking, second).await;

    for (rid, path) in [
        (f.rid, f.path(Purpose::Accept)),
        (second, link(Purpose::Accept, &second_accept)),
    ] {
        let before = outbox_rows(app).await.len();
        let taken = offer_row(app, f.offer_id).await.seats_taken;
        let (_, loser) = double_post(app, &path, &[]).await;
        loser.expect_text("Already done");
        loser.expect_text("confirmed");
        assert_eq!(reservation_row(app, rid).await.status.as_str(), "confirmed");
        assert_eq!(
            offer_row(app, f.offer_id).await.seats_taken,
            taken + 1,
            "one accept, one seat"
        );
        let rows = outbox_rows(app).await;
        assert_eq!(
            kinds(&rows[before..]),
            ["passenger_list_changed", "request_accepted"],
            "one set of emails for a double-clicked accept"
        );
    }

    // A double-clicked cancellation.
    let before = outbox_rows(app).await.len();
    let (_, loser) = double_post(app, &link(Purpose::Booking, &second_booking), &[]).await;
    loser.expect_text("cancelled");
    assert_eq!(
        reservation_row(app, second).await.status.as_str(),
        "cancelled"
    );
    assert_eq!(offer_row(app, f.offer_id).await.seats_taken, 1);
    let rows = outbox_rows(app).await;
    assert_eq!(
        rows.len() - before,
        2,
        "one set of emails for a double-clicked cancellation: {:?}",
        kinds(&rows[before..])
    );

    // A double-clicked refusal.
    let third = request(app, f.offer_id, "tom@example.org", 1).await;
    let refuse = link(
        Purpose::Refuse,
        &mailed_token(app, &test_keys(), Purpose::Refuse, third).await,
    );
    let before = outbox_rows(app).await.len();
    double_post(app, &refuse, &[("note", "")]).await;
    assert_eq!(reservation_row(app, third).await.status.as_str(), "refused");
    let rows = outbox_rows(app).await;
    assert_eq!(kinds(&rows[before..]), ["request_refused"]);
}

/// A double click on Accept for a request of 2 seats on a 3-seat car: the second click is
/// still "already done, confirmed", not "not enough seats" (the seats it would need are the
/// ones the first click just took for this very request).
async fn double_click_on_a_large_request_says_already_done(app: &TestApp) {
    for round in 0..3 {
        let event = app.create_event().await;
        let (offer, _) = app.create_offer(event["slug"].as_str().unwrap()).await;
        let offer_id = app.offer_row(offer["id"].as_str().unwrap()).await.id;
        let rid = request(app, offer_id, &format!("big{round}@example.org"), 2).await;
        let accept = link(
            Purpose::Accept,
            &mailed_token(app, &test_keys(), Purpose::Accept, rid).await,
        );
        let before = outbox_rows(app).await.len();
        let (_, loser) = double_post(app, &accept, &[]).await;
        assert_eq!(reservation_row(app, rid).await.status.as_str(), "confirmed");
        assert_eq!(offer_row(app, offer_id).await.seats_taken, 2);
        let rows = outbox_rows(app).await;
        assert_eq!(
            kinds(&rows[before..]),
            ["passenger_list_changed", "request_accepted"],
            "one set of emails"
        );
        loser.expect_text("Already done");
        loser.expect_text("confirmed");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Tokens that must not work

const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `token` with its `i`-th character replaced by another base64url character.
fn tamper(token: &str, i: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let c = bytes[i];
    let mut pick = B64URL[(i * 7 + 13) % B64URL.len()];
    if pick == c {
        pick = B64URL[(i * 7 + 14) % B64URL.len()];
    }
    bytes[i] = pick;
    String::from_utf8(bytes).unwrap()
}

#[track_caller]
fn expect_invalid(a: &Answer) {
    a.expect(Status::BadRequest);
    a.expect_text("Invalid link");
    a.expect_private();
}

async fn tampered_tokens_are_invalid(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;
    let mut tried = 0;
    for p in Purpose::ALL {
        let token = f.token(p).to_owned();
        assert!(token.len() > 40, "{token}");
        for i in 0..token.len() {
            let forged = tamper(&token, i);
            assert_ne!(forged, token);
            expect_invalid(&get(app, &link(p, &forged)).await);
            for (path, form) in posts_for(p, &forged, f.rid) {
                expect_invalid(&post_owned(app, &path, &form).await);
                tried += 1;
            }
        }
    }
    assert!(tried > 500, "{tried} forged POSTs");
    assert_same(&before, &snapshot(app).await, "tampered tokens");
    // The genuine tokens still work: the forgeries failed because they were forged.
    get(app, &f.path(Purpose::Accept)).await.expect(Status::Ok);
}

async fn wrong_purpose_foreign_key_and_expired_tokens(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;

    // A token of one purpose used for another, every pair.
    for from in Purpose::ALL {
        for to in Purpose::ALL {
            if from == to {
                continue;
            }
            let token = f.token(from);
            expect_invalid(&get(app, &link(to, token)).await);
            for (path, form) in posts_for(to, token, f.rid) {
                expect_invalid(&post_owned(app, &path, &form).await);
            }
        }
    }
    // The same record ids, signed for the right purpose with a key the app does not know.
    let ids = [
        (Purpose::Accept, f.rid),
        (Purpose::Refuse, f.rid),
        (Purpose::Booking, f.rid),
        (Purpose::Manage, f.offer_id),
        (Purpose::Event, f.event_id),
    ];
    for (p, id) in ids {
        let token = sign(OTHER_KEY, p, id, in_days(7));
        expect_invalid(&get(app, &link(p, &token)).await);
        for (path, form) in posts_for(p, &token, f.rid) {
            expect_invalid(&post_owned(app, &path, &form).await);
        }
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "misdirected and foreign-key tokens",
    );

    // Genuine but expired (a minute ago, a month ago): 410 with a way to get a fresh link.
    for (p, id) in ids {
        for expiry in [Utc::now() - Duration::minutes(1), in_days(-30)] {
            let token = sign(TEST_KEY.as_bytes(), p, id, expiry);
            let mut answers = vec![get(app, &link(p, &token)).await];
            for (path, form) in posts_for(p, &token, f.rid) {
                answers.push(post_owned(app, &path, &form).await);
            }
            for a in answers {
                a.expect(Status::Gone);
                a.expect_text("Link expired");
                a.expect_text("Every new email from covoit carries fresh links");
                a.expect_private();
            }
        }
    }
    assert_same(&before, &snapshot(app).await, "expired tokens");
    assert_eq!(reservation_row(app, f.rid).await.status.as_str(), "pending");
}

async fn missing_records_are_404(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    // Records that never existed.
    let before = snapshot(app).await;
    for p in Purpose::ALL {
        for id in [999_999, -1, i64::MAX] {
            let token = sign(TEST_KEY.as_bytes(), p, id, in_days(7));
            get(app, &link(p, &token)).await.expect(Status::NotFound);
            head(app, &link(p, &token)).await.expect(Status::NotFound);
            for (path, form) in posts_for(p, &token, id) {
                post_owned(app, &path, &form).await.expect(Status::NotFound);
            }
        }
    }
    // A genuine manage link pointing at a request that does not exist.
    for action in ["accept", "refuse", "remove"] {
        post(
            app,
            &format!("{}/{action}/999999", f.path(Purpose::Manage)),
            &[],
        )
        .await
        .expect(Status::NotFound);
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "tokens for records that never existed",
    );

    // Records deleted after their links were sent: the request, then the offers, then the
    // event.
    reservation::Entity::delete_by_id(f.rid)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let before = snapshot(app).await;
    for p in [Purpose::Accept, Purpose::Refuse, Purpose::Booking] {
        get(app, &f.path(p)).await.expect(Status::NotFound);
        for (path, form) in posts_for(p, f.token(p), f.rid) {
            post_owned(app, &path, &form).await.expect(Status::NotFound);
        }
    }
    for action in ["accept", "refuse", "remove"] {
        post(
            app,
            &format!("{}/{action}/{}", f.path(Purpose::Manage), f.rid),
            &[],
        )
        .await
        .expect(Status::NotFound);
    }
    assert_same(&before, &snapshot(app).await, "links to a deleted request");

    offer::Entity::delete_by_id(f.return_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    offer::Entity::delete_by_id(f.offer_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let before = snapshot(app).await;
    get(app, &f.path(Purpose::Manage))
        .await
        .expect(Status::NotFound);
    for (path, form) in posts_for(Purpose::Manage, f.token(Purpose::Manage), f.rid) {
        post_owned(app, &path, &form).await.expect(Status::NotFound);
    }
    // The organiser page still works without offers.
    get(app, &f.path(Purpose::Event)).await.expect(Status::Ok);
    assert_same(&before, &snapshot(app).await, "links to a deleted offer");

    event::Entity::delete_by_id(f.event_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    get(app, &f.path(Purpose::Event))
        .await
        .expect(Status::NotFound);
    head(app, &f.path(Purpose::Event))
        .await
        .expect(Status::NotFound);
}

async fn unknown_purpose_and_garbage_are_never_500(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;

    // A genuine token under a purpose that does not exist.
    for purpose in ["nope", "Accept", "ACCEPT", "accept.", "manage2"] {
        let path = format!("/link/{purpose}/{}", f.token(Purpose::Accept));
        for a in [
            get(app, &path).await,
            head(app, &path).await,
            post(app, &path, &[]).await,
        ] {
            a.expect(Status::NotFound);
            a.expect_private();
        }
    }

    let long = "A".repeat(5000);
    let long_dotted = format!("{}.{}", "A".repeat(2500), "B".repeat(2500));
    let manage = f.path(Purpose::Manage);
    let mut paths = Vec::new();
    for p in Purpose::ALL {
        let base = format!("/link/{}", p.as_str());
        for junk in [
            "%00",
            "%00.%00",
            long.as_str(),
            long_dotted.as_str(),
            "a.b",
            "a.b.c",
            ".",
            "..",
            "...",
            "%2E",
            "%20",
            "%20.%20",
            "+",
            "a%2Fb",
            "%25",
            "%FF",
            "%C3%A9.%C3%A9",
            "%E2%80%AE",
            "AAAA.AAAA",
            "====.====",
            "%3Cscript%3E",
        ] {
            paths.push(format!("{base}/{junk}"));
        }
        paths.push(base.clone());
        paths.push(format!("{base}/"));
        paths.push(format!("{base}//"));
    }
    // Request ids that are numbers but name no request of this offer (the ids that are not
    // numbers at all are `non_numeric_request_id_is_400_or_404`).
    for rid in ["0", "-1", "9223372036854775807", "-9223372036854775808"] {
        for action in ["accept", "refuse", "remove"] {
            paths.push(format!("{manage}/{action}/{rid}"));
        }
    }
    paths.push(format!("{manage}/accept/"));
    paths.push(format!("{manage}/nope"));
    paths.push(format!("{manage}/nope/1"));
    paths.push("/link/manage/%00/accept/1".to_owned());
    paths.push(format!("/link/manage/{long}/cancel"));
    paths.push("/link/".to_owned());
    paths.push("/link".to_owned());

    let wrong = not_400_or_404(app, &paths).await;
    assert!(
        wrong.is_empty(),
        "garbage under /link/ must answer 400 or 404:\n{}",
        wrong.join("\n")
    );
    assert_same(&before, &snapshot(app).await, "garbage links");
}

/// GET, HEAD and POST each path; the answers that are neither 400 nor 404. Every answer under
/// /link/ must be private whatever its status.
async fn not_400_or_404(app: &TestApp, paths: &[String]) -> Vec<String> {
    let mut wrong = Vec::new();
    for path in paths {
        for a in [
            get(app, path).await,
            head(app, path).await,
            post(app, path, &[("note", "x")]).await,
        ] {
            if !(a.status == Status::BadRequest || a.status == Status::NotFound) {
                wrong.push(format!(
                    "{} {}",
                    a.what(),
                    excerpt(&a.body).chars().take(200).collect::<String>()
                ));
            }
            if a.path.starts_with("/link/") {
                a.expect_private();
            }
        }
    }
    wrong
}

/// `/link/manage/<genuine token>/{accept,refuse,remove}/<not a number>`: a mangled address,
/// like a mangled token, is a 400 or 404 page, never a 500 (nor Rocket's 422 for a path
/// parameter that does not parse).
async fn non_numeric_request_id_is_400_or_404(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let manage = f.path(Purpose::Manage);
    let before = snapshot(app).await;
    let mut paths = Vec::new();
    for rid in [
        "abc",
        "1.5",
        "%00",
        "1e3",
        "99999999999999999999",
        &"9".repeat(5000),
    ] {
        for action in ["accept", "refuse", "remove"] {
            paths.push(format!("{manage}/{action}/{rid}"));
        }
    }
    let wrong = not_400_or_404(app, &paths).await;
    assert_same(&before, &snapshot(app).await, "non-numeric request ids");
    assert!(
        wrong.iter().all(|w| !w.contains("→ 5")),
        "a 5xx:\n{}",
        wrong.join("\n")
    );
    assert!(
        wrong.is_empty(),
        "a request id that is not a number must answer 400 or 404:\n{}",
        wrong.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Key rotation

mod key_rotation {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        super::key_rotation(super::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        super::key_rotation(super::Backend::Postgres).await;
    }
}

async fn key_rotation(backend: Backend) {
    let app = TestApp::start_with(backend, |f| {
        f.merge(("secret_keys", vec![NEW_KEY, TEST_KEY]))
    })
    .await;
    let new_only = vec![NEW_KEY.as_bytes().to_vec()];
    let old_only = test_keys();
    let now = Utc::now();

    // Every link of every email is signed with the new key.
    let f = fixture(&app, &new_only).await;
    let check_new = |links: Vec<(String, String)>| {
        assert!(!links.is_empty());
        for (purpose, token) in links {
            let p = Purpose::parse(&purpose).expect("a known purpose");
            assert!(
                verify(&new_only, p, &token, now).is_ok(),
                "{purpose}/{token} verifies with the new key"
            );
            assert_eq!(
                verify(&old_only, p, &token, now),
                Err(LinkError::Invalid),
                "{purpose}/{token} is not signed with the old key"
            );
        }
    };
    check_new(mailed_links(&app).await);

    // A link sent before the rotation, signed with the old key, still works.
    let old_accept = link(
        Purpose::Accept,
        &sign(TEST_KEY.as_bytes(), Purpose::Accept, f.rid, in_days(7)),
    );
    let old_manage = link(
        Purpose::Manage,
        &sign(TEST_KEY.as_bytes(), Purpose::Manage, f.offer_id, in_days(7)),
    );
    let page = get(&app, &old_accept).await;
    page.expect(Status::Ok);
    page.expect_text("Accept the request");
    get(&app, &old_manage).await.expect(Status::Ok);
    let mails = outbox_rows(&app).await.len();
    let accepted = post(&app, &old_accept, &[]).await;
    accepted.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(&app, f.rid).await.status.as_str(),
        "confirmed"
    );
    assert_eq!(offer_row(&app, f.offer_id).await.seats_taken, 1);

    // The emails that accept sent carry new-key links only.
    let rows = outbox_rows(&app).await;
    assert!(rows.len() > mails, "the accept sent emails");
    let re =
        regex::Regex::new(r"https://covoit\.test/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")
            .unwrap();
    let fresh: Vec<(String, String)> = rows[mails..]
        .iter()
        .flat_map(|r| {
            re.captures_iter(&r.text_body)
                .map(|c| (c[1].to_owned(), c[2].to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    check_new(fresh);
    // And the pages rendered from an old link hand out new-key links.
    let manage_page = get(&app, &old_manage).await;
    let page_links: Vec<(String, String)> =
        regex::Regex::new(r#"href="/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)""#)
            .unwrap()
            .captures_iter(&get(&app, &old_accept).await.body)
            .chain(
                regex::Regex::new(r#"href="/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)""#)
                    .unwrap()
                    .captures_iter(&manage_page.body),
            )
            .map(|c| (c[1].to_owned(), c[2].to_owned()))
            .collect();
    check_new(page_links);

    // An unknown key is still refused.
    let foreign = link(
        Purpose::Booking,
        &sign(OTHER_KEY, Purpose::Booking, f.rid, in_days(7)),
    );
    expect_invalid(&get(&app, &foreign).await);
    expect_invalid(&post(&app, &foreign, &[]).await);
    assert_eq!(
        reservation_row(&app, f.rid).await.status.as_str(),
        "confirmed"
    );

    app.finish().await;
}

// ---------------------------------------------------------------------------------------------
// 6. A manage link acts only on its own offer

async fn manage_link_is_scoped_to_its_offer(app: &TestApp) {
    let a = fixture(app, &test_keys()).await;
    // Offer B, on another event, with a pending request and a confirmed one.
    let b_event = app.create_event().await;
    let (b_offer, _) = app.create_offer(b_event["slug"].as_str().unwrap()).await;
    let b_offer = app.offer_row(b_offer["id"].as_str().unwrap()).await.id;
    let b_pending = request(app, b_offer, "bea@example.org", 1).await;
    let b_confirmed = request(app, b_offer, "ben@example.org", 1).await;
    let b_accept = mailed_token(app, &test_keys(), Purpose::Accept, b_confirmed).await;
    post(app, &link(Purpose::Accept, &b_accept), &[])
        .await
        .expect(Status::SeeOther);
    let b_manage = link(
        Purpose::Manage,
        &mailed_token(app, &test_keys(), Purpose::Manage, b_offer).await,
    );
    // And a request on A's own ride back (a linked offer, still another offer).
    let a_return_pending = request(app, a.return_id, "rae@example.org", 1).await;

    let manage_a = a.path(Purpose::Manage);
    let page = get(app, &manage_a).await;
    page.expect(Status::Ok);
    assert!(!page.body.contains("bea@example.org") && !page.body.contains("ben@example.org"));

    let before = snapshot(app).await;
    for (action, rid) in [
        ("accept", b_pending),
        ("refuse", b_pending),
        ("remove", b_confirmed),
        ("accept", b_confirmed),
        ("refuse", b_confirmed),
        ("remove", b_pending),
        ("accept", a_return_pending),
        ("refuse", a_return_pending),
    ] {
        let answer = post(app, &format!("{manage_a}/{action}/{rid}"), &[]).await;
        answer.expect(Status::NotFound);
        answer.expect_private();
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "offer A's manage link on offer B's requests",
    );
    assert_eq!(
        reservation_row(app, b_pending).await.status.as_str(),
        "pending"
    );
    assert_eq!(
        reservation_row(app, b_confirmed).await.status.as_str(),
        "confirmed"
    );

    // B's own manage link can (so the 404s above were about the scope).
    let ok = post(app, &format!("{b_manage}/accept/{b_pending}"), &[]).await;
    ok.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, b_pending).await.status.as_str(),
        "confirmed"
    );
    post(app, &format!("{b_manage}/remove/{b_confirmed}"), &[])
        .await
        .expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, b_confirmed).await.status.as_str(),
        "cancelled"
    );
    // And A's own request is still A's to decide.
    post(app, &format!("{manage_a}/accept/{}", a.rid), &[])
        .await
        .expect(Status::SeeOther);
    assert_eq!(
        reservation_row(app, a.rid).await.status.as_str(),
        "confirmed"
    );
}
