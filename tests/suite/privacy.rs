//! Privacy (DESIGN §1, §6): after a full scenario, no public page, no API answer and no
//! answer to a POST shows anyone's email address or phone number, nor the driver's last name.
//! On SQLite and on PostgreSQL, in French and in English.
use crate::common;

use common::{DRIVER_EMAIL, DRIVER_PHONE, ORGANIZER_EMAIL, TestApp, event_body, offer_body};
use covoit::domain::{Invalid, Lang};
use covoit::i18n::T;
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::LocalResponse;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

on_both_backends!(
    public_routes_hide_contact_details,
    post_answers_hide_contact_details
);

const DRIVER_LAST_NAME: &str = "Conductrice";

/// A passenger: (full name, email, phone as typed).
struct Passenger {
    name: &'static str,
    last_name: &'static str,
    email: &'static str,
    phone: &'static str,
}

const P1: Passenger = Passenger {
    name: "Pauline Zorgmeister",
    last_name: "Zorgmeister",
    email: "pauline.secret@passagers.example",
    phone: "07 98 76 54 32",
};
const P2: Passenger = Passenger {
    name: "Quentin Blixtrand",
    last_name: "Blixtrand",
    email: "quentin.secret@passagers.example",
    phone: "+33 7 11 22 33 44",
};
/// Books through the HTML form.
const P3: Passenger = Passenger {
    name: "Rose Quillebeuf",
    last_name: "Quillebeuf",
    email: "rose.secret@passagers.example",
    phone: "06.55.44.33.22",
};

/// One HTTP answer: what it was, its status, its headers and its body.
struct Answer {
    what: String,
    status: Status,
    headers: String,
    body: String,
}

async fn answer(what: String, res: LocalResponse<'_>) -> Answer {
    let status = res.status();
    let headers = res
        .headers()
        .iter()
        .map(|h| format!("{}: {}\n", h.name(), h.value()))
        .collect();
    let body = res.into_string().await.unwrap_or_default();
    Answer {
        what,
        status,
        headers,
        body,
    }
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("{}: not JSON ({}): {}", self.what, self.status, self.body))
    }
}

async fn get(app: &TestApp, path: &str) -> Answer {
    let res = app.client.get(path).dispatch().await;
    answer(format!("GET {path}"), res).await
}

async fn post_json(app: &TestApp, path: &str, body: &Value) -> Answer {
    let res = app
        .client
        .post(path)
        .header(ContentType::JSON)
        .body(body.to_string())
        .dispatch()
        .await;
    answer(format!("POST {path} (JSON)"), res).await
}

async fn post_form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Answer {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let res = app
        .client
        .post(path)
        .header(ContentType::Form)
        .body(body)
        .dispatch()
        .await;
    answer(format!("POST {path} (form)"), res).await
}

fn booking_json(p: &Passenger, seats: i64) -> Value {
    json!({
        "passenger_name": p.name,
        "passenger_email": p.email,
        "passenger_phone": p.phone,
        "seats": seats,
        "pickup": "Gare Part-Dieu",
        "message": "Merci !",
    })
}

fn booking_form<'a>(p: &'a Passenger, seats: &'a str, lang: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("passenger_name", p.name),
        ("passenger_email", p.email),
        ("passenger_phone", p.phone),
        ("seats", seats),
        ("pickup", "Bellecour"),
        ("message", "Merci"),
        ("locale", lang),
    ]
}

/// Everything that must never be shown: label → text, in the forms people could spot it.
fn secrets() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut phone = |label: &str, typed: &str| {
        out.push((format!("{label} phone as typed"), typed.to_owned()));
        out.push((
            format!("{label} phone without spaces"),
            typed.replace(' ', ""),
        ));
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        out.push((format!("{label} phone digits"), digits));
    };
    phone("driver", DRIVER_PHONE);
    for (label, p) in [
        ("passenger 1", &P1),
        ("passenger 2", &P2),
        ("passenger 3", &P3),
    ] {
        phone(label, p.phone);
    }
    out.push(("organiser email".into(), ORGANIZER_EMAIL.into()));
    out.push(("driver email".into(), DRIVER_EMAIL.into()));
    out.push(("driver last name".into(), DRIVER_LAST_NAME.into()));
    for (label, p) in [
        ("passenger 1", &P1),
        ("passenger 2", &P2),
        ("passenger 3", &P3),
    ] {
        out.push((format!("{label} email"), p.email.into()));
        out.push((format!("{label} last name"), p.last_name.into()));
    }
    out.sort();
    out.dedup_by(|a, b| a.1 == b.1);
    out
}

/// HTML character references decoded (`&#64;`, `&#x40;`, `&amp;`...), so that an escaped
/// address is still found.
fn decode_entities(s: &str) -> String {
    let re = regex::Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap();
    let s = re.replace_all(s, |c: &regex::Captures| {
        let n = &c[1];
        let code = match n.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        };
        code.and_then(char::from_u32)
            .map_or_else(|| c[0].to_owned(), String::from)
    });
    s.replace("&commat;", "@")
        .replace("&period;", ".")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn email_regex() -> regex::Regex {
    regex::Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+").unwrap()
}

/// The example addresses of the product's own "invalid email" message.
fn example_addresses() -> Vec<String> {
    let re = email_regex();
    [
        T::get(Lang::Fr).invalid(&Invalid::Email),
        T::get(Lang::En).invalid(&Invalid::Email),
    ]
    .iter()
    .flat_map(|m| {
        re.find_iter(m)
            .map(|x| x.as_str().to_owned())
            .collect::<Vec<_>>()
    })
    .collect()
}

/// What `a` shows that it must not: each secret found, and, in JSON, any `@` at all.
/// `own` are the values the sender typed in this very request: a form shown again may keep
/// them in its own inputs, and nowhere else.
fn leaks(a: &Answer, own: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut body = decode_entities(&a.body);
    for value in own {
        body = body.replace(&format!("value=\"{value}\""), "value=\"\"");
        body = body.replace(&format!(">{value}</textarea>"), "></textarea>");
    }
    let is_json = a.body.trim_start().starts_with('{');
    let text = format!("{}\n{}", a.headers, body).to_lowercase();
    for (label, secret) in secrets() {
        if text.contains(&secret.to_lowercase()) {
            found.push(format!("{}: shows the {label} ({secret})", a.what));
        }
    }
    if is_json {
        // No '@' at all, apart from the made-up example of the "invalid email" message
        // (marie@example.org), which belongs to no one.
        let mut rest = a.body.clone();
        for example in example_addresses() {
            rest = rest.replace(&example, "");
        }
        if rest.contains('@') || rest.to_lowercase().contains("\\u0040") {
            found.push(format!("{}: JSON answer holds an '@': {}", a.what, a.body));
        }
    } else {
        let allowed = example_addresses();
        for m in email_regex().find_iter(&body) {
            if !allowed.iter().any(|x| x == m.as_str()) {
                found.push(format!("{}: shows an email address {}", a.what, m.as_str()));
            }
        }
    }
    found
}

#[track_caller]
fn assert_no_leaks(answers: &[(Answer, Vec<&str>)]) {
    let all: Vec<String> = answers.iter().flat_map(|(a, own)| leaks(a, own)).collect();
    assert!(
        all.is_empty(),
        "contact details leaked:\n{}",
        all.join("\n")
    );
}

#[track_caller]
fn expect_status(a: &Answer, status: Status) {
    assert_eq!(a.status, status, "{}: {}", a.what, a.body);
}

struct Scenario {
    slug: String,
    offer_id: String,
    return_id: String,
    /// The POST answers of the scenario itself, with the values each sender typed.
    posts: Vec<(Answer, Vec<&'static str>)>,
}

/// Event (organiser email) → offer (driver email and phone) with a ride back → two bookings
/// by API and one by the HTML form, each with an email and a phone.
async fn scenario(app: &TestApp) -> Scenario {
    let mut posts = Vec::new();

    let a = post_json(app, "/api/events", &event_body()).await;
    expect_status(&a, Status::Created);
    let slug = a.json()["event"]["slug"].as_str().unwrap().to_owned();
    posts.push((a, vec![]));

    let a = post_json(app, &format!("/api/events/{slug}/offers"), &offer_body()).await;
    expect_status(&a, Status::Created);
    let created = a.json();
    let offer_id = created["offer"]["id"].as_str().unwrap().to_owned();
    let return_id = created["return_offer"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created["offer"]["driver_first_name"], "Denise");
    posts.push((a, vec![]));

    for p in [&P1, &P2] {
        let a = post_json(
            app,
            &format!("/api/offers/{offer_id}/reservations"),
            &booking_json(p, 1),
        )
        .await;
        expect_status(&a, Status::Created);
        posts.push((a, vec![]));
    }

    let a = post_form(
        app,
        &format!("/o/{return_id}/requests?lang=fr"),
        &booking_form(&P3, "2", "fr"),
    )
    .await;
    // Post/Redirect/Get: the answer leads to the confirmation; neither the redirect (its
    // address included) nor the page shows anything the passenger typed about themself.
    expect_status(&a, Status::SeeOther);
    let sent = a
        .headers
        .lines()
        .find_map(|h| h.strip_prefix("Location: "))
        .expect("a Location header")
        .to_owned();
    posts.push((a, vec![]));
    let a = get(app, &sent).await;
    expect_status(&a, Status::Ok);
    assert!(
        a.body.contains(T::get(Lang::Fr).t("request-sent-title")),
        "the confirmation page: {}",
        a.body
    );
    posts.push((a, vec![]));

    let stored = covoit::entities::reservation::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(stored.len(), 3, "three requests are stored");
    assert!(
        stored
            .iter()
            .all(|r| r.passenger_phone.as_deref().is_some_and(|p| !p.is_empty())),
        "with their phones"
    );

    Scenario {
        slug,
        offer_id,
        return_id,
        posts,
    }
}

async fn public_routes_hide_contact_details(app: &TestApp) {
    let s = scenario(app).await;
    let slug = &s.slug;
    let paths = [
        "/".to_owned(),
        "/events/new".to_owned(),
        format!("/e/{slug}"),
        format!("/e/{slug}?created=1"),
        format!("/e/{slug}/offers/new"),
        format!("/e/{slug}/offers/new?direction=from_event"),
        format!("/o/{}", s.offer_id),
        format!("/o/{}?published=1", s.offer_id),
        format!("/o/{}", s.return_id),
        format!("/api/events/{slug}"),
        format!("/api/offers/{}", s.offer_id),
        format!("/api/offers/{}", s.return_id),
    ];
    let mut answers = Vec::new();
    for lang in ["fr", "en"] {
        for path in &paths {
            let sep = if path.contains('?') { '&' } else { '?' };
            let a = get(app, &format!("{path}{sep}lang={lang}")).await;
            expect_status(&a, Status::Ok);
            // The pages do show the rides (so that a page hiding everything cannot pass).
            if path.starts_with("/e/") && !path.contains("/offers/new") || path.starts_with("/o/") {
                assert!(
                    a.body.contains("Denise"),
                    "{}: the driver's first name",
                    a.what
                );
                assert!(
                    a.body.contains("Villeurbanne"),
                    "{}: the departure place",
                    a.what
                );
            }
            if path.starts_with("/api/events/") {
                let v = a.json();
                assert_eq!(v["offers"].as_array().map(Vec::len), Some(2), "{}", a.what);
                assert_eq!(v["offers"][0]["driver_first_name"], "Denise");
            }
            if path.starts_with("/api/offers/") {
                assert_eq!(a.json()["offer"]["driver_first_name"], "Denise");
            }
            answers.push((a, vec![]));
        }
        // And through Accept-Language instead of ?lang=.
        let res = app
            .client
            .get(format!("/e/{slug}"))
            .header(rocket::http::Header::new(
                "Accept-Language",
                if lang == "fr" {
                    "fr-FR,fr;q=0.9"
                } else {
                    "en-GB,en;q=0.9"
                },
            ))
            .dispatch()
            .await;
        let a = answer(format!("GET /e/{slug} (Accept-Language: {lang})"), res).await;
        expect_status(&a, Status::Ok);
        answers.push((a, vec![]));
    }
    assert_no_leaks(&answers);
}

async fn post_answers_hide_contact_details(app: &TestApp) {
    let s = scenario(app).await;
    let mut answers = s.posts;
    let slug = &s.slug;
    let outbound = format!("/api/offers/{}/reservations", s.offer_id);
    let back = format!("/api/offers/{}/reservations", s.return_id);

    // 409s through the API: a second request by the same passenger, more seats than offered.
    let a = post_json(app, &outbound, &booking_json(&P1, 1)).await;
    expect_status(&a, Status::Conflict);
    assert_eq!(a.json()["error"]["code"], "duplicate_request");
    answers.push((a, vec![]));
    let a = post_json(app, &back, &booking_json(&P2, 4)).await;
    expect_status(&a, Status::Conflict);
    assert_eq!(a.json()["error"]["code"], "not_enough_seats");
    answers.push((a, vec![]));

    // 409s through the form, in both languages.
    for lang in ["fr", "en"] {
        let a = post_form(
            app,
            &format!("/o/{}/requests?lang={lang}", s.return_id),
            &booking_form(&P3, "1", lang),
        )
        .await;
        expect_status(&a, Status::Conflict);
        answers.push((a, vec![P3.name, P3.email, P3.phone, "Merci", "Bellecour"]));
        let a = post_form(
            app,
            &format!("/o/{}/requests?lang={lang}", s.offer_id),
            &booking_form(&P1, "5", lang),
        )
        .await;
        expect_status(&a, Status::Conflict);
        answers.push((a, vec![P1.name, P1.email, P1.phone, "Merci", "Bellecour"]));
    }

    // 422s through the API: each carries the sender's contact details and one bad field.
    let mut bad_event = event_body();
    bad_event["timezone"] = json!("Mars/Olympus");
    let a = post_json(app, "/api/events", &bad_event).await;
    expect_status(&a, Status::UnprocessableEntity);
    answers.push((a, vec![]));
    let mut bad_offer = offer_body();
    bad_offer["seats"] = json!(0);
    let a = post_json(app, &format!("/api/events/{slug}/offers"), &bad_offer).await;
    expect_status(&a, Status::UnprocessableEntity);
    answers.push((a, vec![]));
    let mut bad_booking = booking_json(&P1, 1);
    bad_booking["seats"] = json!("one");
    let a = post_json(app, &back, &bad_booking).await;
    expect_status(&a, Status::UnprocessableEntity);
    answers.push((a, vec![]));
    // Even a malformed email is not echoed.
    let mut bad_email = booking_json(&P2, 1);
    bad_email["passenger_email"] = json!("quentin.secret@@passagers.example");
    let a = post_json(app, &back, &bad_email).await;
    expect_status(&a, Status::UnprocessableEntity);
    assert!(!a.body.contains("quentin"), "{}", a.body);
    answers.push((a, vec![]));

    // 422s through the forms, in both languages: the typed values come back in their inputs
    // only, and nothing about anyone else.
    for lang in ["fr", "en"] {
        let a = post_form(
            app,
            &format!("/o/{}/requests?lang={lang}", s.return_id),
            &booking_form(&P3, "0", lang),
        )
        .await;
        expect_status(&a, Status::UnprocessableEntity);
        assert!(
            a.body.contains(&format!("value=\"{}\"", P3.email)),
            "{}: the typed email is kept in its input",
            a.what
        );
        answers.push((
            a,
            vec![P3.name, P3.email, P3.phone, "0", "Merci", "Bellecour"],
        ));

        let a = post_form(
            app,
            &format!("/e/{slug}/offers?lang={lang}"),
            &[
                ("direction", "to_event"),
                ("place", "Vaulx-en-Velin"),
                ("departs_at", "demain"),
                ("seats", "3"),
                ("notes", ""),
                ("driver_name", "Denise Conductrice"),
                ("driver_email", DRIVER_EMAIL),
                ("driver_phone", DRIVER_PHONE),
                ("locale", lang),
            ],
        )
        .await;
        expect_status(&a, Status::UnprocessableEntity);
        answers.push((
            a,
            vec!["Denise Conductrice", DRIVER_EMAIL, DRIVER_PHONE, "demain"],
        ));

        let a = post_form(
            app,
            &format!("/events?lang={lang}"),
            &[
                ("name", "Autre fête"),
                ("venue", "Salle"),
                ("starts_at", "hier"),
                ("timezone", "Europe/Paris"),
                ("organizer_name", "Odile Organisatrice"),
                ("organizer_email", ORGANIZER_EMAIL),
                ("locale", lang),
            ],
        )
        .await;
        expect_status(&a, Status::UnprocessableEntity);
        answers.push((a, vec![ORGANIZER_EMAIL, "Odile Organisatrice", "hier"]));
    }
    assert_no_leaks(&answers);
}

/// Nothing reachable without a token can be walked by counting: offers have random public
/// identifiers (at least 64 bits), no public route takes a sequential id, and event slugs end
/// with at least 64 random bits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn offers_and_events_cannot_be_walked() {
    let app = TestApp::start(common::Backend::Sqlite).await;
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    let mut public = Vec::new();
    for _ in 0..3 {
        let (offer, ret) = app.create_offer(&slug).await;
        public.push(offer["id"].as_str().expect("a string id").to_owned());
        public.push(ret["id"].as_str().expect("a string id").to_owned());
    }
    for id in &public {
        let alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        assert!(
            id.len() >= 16 && id.chars().all(|c| alphabet.contains(c)),
            "{id}: 16 characters of 31 letters carry 79 bits"
        );
        assert_eq!(get(&app, &format!("/o/{id}")).await.status, Status::Ok);
    }
    let suffix = slug.rsplit('-').next().unwrap();
    assert!(suffix.len() >= 13, "{slug}: 31^13 > 2^64");

    let booking = json!({"passenger_name": "Walker", "passenger_email": "walk@example.org"});
    for n in 1..=8 {
        for path in [
            format!("/o/{n}"),
            format!("/embed/o/{n}"),
            format!("/api/offers/{n}"),
        ] {
            assert_eq!(get(&app, &path).await.status, Status::NotFound, "{path}");
        }
        let api = post_json(&app, &format!("/api/offers/{n}/reservations"), &booking).await;
        assert_eq!(api.status, Status::NotFound, "{}", api.what);
        let form = post_form(
            &app,
            &format!("/o/{n}/requests"),
            &[
                ("passenger_name", "Walker"),
                ("passenger_email", "walk@example.org"),
            ],
        )
        .await;
        assert_eq!(form.status, Status::NotFound, "{}", form.what);
    }
    app.finish().await;
}

/// Pages only ever link to covoit's own paths: a request path that starts like another host
/// (`//evil.example/x`) must not become a link to it (the language switch of the 404 page).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_link_only_to_covoits_own_paths() {
    let app = TestApp::start(common::Backend::Sqlite).await;
    let href = regex::Regex::new(r#"(?:href|action|src)="([^"]*)""#).unwrap();
    for path in [
        "//evil.example/x",
        "///evil.example/x",
        "//evil.example/e/x?lang=en",
    ] {
        let answer = get(&app, path).await;
        assert_eq!(answer.status, Status::NotFound, "{path}");
        for c in href.captures_iter(&answer.body) {
            let target = &c[1];
            assert!(
                (target.starts_with('/') && !target.starts_with("//") && !target.contains('\\'))
                    || target.starts_with('#'),
                "{path}: a link to {target}"
            );
        }
        assert!(!answer.body.contains("\"//evil.example"), "{}", answer.body);
    }
    app.finish().await;
}
