//! The emails themselves, without a server: every email renders in French and in English with
//! the same content in its text and HTML parts; hostile values are escaped in HTML and kept
//! verbatim in text; the MIME message built from an outbox row has correct, ASCII-only,
//! RFC 2047-encoded headers that CR/LF in a value can never split; outbox rows dedupe.
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use covoit::domain::{EmailKind, Lang};
use covoit::entities::outbox;
use covoit::i18n::T;
use covoit::mail::message::build;
use covoit::mail::outbox::dedupe_key;
use covoit::mail::templates::{
    Common, Email, EventCreated, OfferPublished, RequestReceived, RequestSent, TripLine,
};
use lettre::message::Mailbox;
use mail_parser::{MessageParser, MimeHeaders, PartType};

const BASE: &str = "https://covoit.test";
const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

// ---------------------------------------------------------------------------------------------
// Building the emails
// ---------------------------------------------------------------------------------------------

/// The free-text values that go into the emails (each one distinct, so that each can be
/// looked for on its own).
#[derive(Debug, Clone)]
struct Texts {
    organizer_name: String,
    driver_name: String,
    driver_first_name: String,
    passenger_name: String,
    passenger_email: String,
    passenger_phone: String,
    event_name: String,
    venue: String,
    place: String,
    place_back: String,
    pickup: String,
    message: String,
}

fn benign() -> Texts {
    Texts {
        organizer_name: "Odile Organisatrice".into(),
        driver_name: "Damien Conducteur".into(),
        driver_first_name: "Damien".into(),
        passenger_name: "Zoé Passagère".into(),
        passenger_email: "zoe.passagere@example.org".into(),
        passenger_phone: "+33 6 12 34 56 78".into(),
        event_name: "Fête des Lumières".into(),
        venue: "Salle Molière, 18 quai de Bondy, Lyon".into(),
        place: "Gare Part-Dieu, sortie Vivier Merle".into(),
        place_back: "Parvis de la salle Molière".into(),
        pickup: "Rond-point de Vaise".into(),
        message: "Une petite valise & 2 sacs.\nÀ samedi, 9h30 ?".into(),
    }
}

/// Every free-text field carries `payload` (with a distinct prefix per field).
fn hostile(payload: &str) -> Texts {
    Texts {
        organizer_name: format!("org {payload}"),
        driver_name: format!("drv {payload}"),
        driver_first_name: format!("dfn {payload}"),
        passenger_name: format!("pax {payload}"),
        passenger_email: "zoe.passagere@example.org".into(),
        passenger_phone: format!("tel {payload}"),
        event_name: format!("evt {payload}"),
        venue: format!("ven {payload}"),
        place: format!("plc {payload}"),
        place_back: format!("pbk {payload}"),
        pickup: format!("pck {payload}"),
        message: format!("msg {payload}\nline two {payload}"),
    }
}

const HOSTILE: [&str; 3] = [
    "<script>alert(1)</script>",
    "\"Bob\" <x@y>",
    "'><img src=x onerror=alert(1)>",
];

fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

fn when(lang: Lang, t: DateTime<Utc>) -> String {
    T::get(lang).datetime(t, Paris)
}

fn common(lang: Lang, preheader: &str) -> Common {
    Common::new(lang, BASE, preheader.to_owned())
}

fn label(lang: Lang, to_event: bool, event: &str) -> String {
    match (lang, to_event) {
        (Lang::Fr, true) => format!("Aller vers {event}"),
        (Lang::Fr, false) => format!("Retour depuis {event}"),
        (Lang::En, true) => format!("Ride to {event}"),
        (Lang::En, false) => format!("Ride back from {event}"),
    }
}

fn trip(lang: Lang, t: &Texts, to_event: bool, seats: i32) -> TripLine {
    TripLine {
        label: label(lang, to_event, &t.event_name),
        when: when(
            lang,
            if to_event {
                at(21, 9, 30)
            } else {
                at(22, 17, 45)
            },
        ),
        place: if to_event {
            t.place.clone()
        } else {
            t.place_back.clone()
        },
        seats,
        url: format!("{BASE}/o/{}", if to_event { 101 } else { 102 }),
    }
}

const EVENT_URL: &str = "https://covoit.test/e/fete-des-lumieres";
const NEW_OFFER_URL: &str = "https://covoit.test/e/fete-des-lumieres/offers/new";
const SNIPPET: &str = "<script src=\"https://covoit.test/widget.js\" data-event=\"fete-des-lumieres\" async></script>";
const MANAGE_URL: &str = "https://covoit.test/m/manage-T0KEN-abc";
const ACCEPT_URL: &str = "https://covoit.test/m/accept-T0KEN-def";
const REFUSE_URL: &str = "https://covoit.test/m/refuse-T0KEN-ghi";
const STATUS_URL: &str = "https://covoit.test/m/status-T0KEN-jkl";

fn event_created(lang: Lang, t: &Texts, manage: bool) -> EventCreated {
    EventCreated {
        c: common(lang, "event created"),
        organizer_name: t.organizer_name.clone(),
        event_name: t.event_name.clone(),
        when: when(lang, at(21, 19, 0)),
        venue: t.venue.clone(),
        event_url: EVENT_URL.into(),
        new_offer_url: NEW_OFFER_URL.into(),
        snippet: SNIPPET.into(),
        manage_url: manage.then(|| MANAGE_URL.to_owned()),
    }
}

fn offer_published(lang: Lang, t: &Texts, manage: bool) -> OfferPublished {
    OfferPublished {
        c: common(lang, "offer published"),
        driver_name: t.driver_name.clone(),
        event_name: t.event_name.clone(),
        trips: vec![trip(lang, t, true, 4), trip(lang, t, false, 3)],
        event_url: EVENT_URL.into(),
        manage_url: manage.then(|| MANAGE_URL.to_owned()),
    }
}

/// Which optional parts of a `RequestReceived` are set.
#[derive(Debug, Clone, Copy)]
struct Opts {
    accept: bool,
    refuse: bool,
    manage: bool,
    pickup: bool,
    message: bool,
    phone: bool,
    seats: i32,
    seats_left: i32,
}

const ALL: Opts = Opts {
    accept: true,
    refuse: true,
    manage: true,
    pickup: true,
    message: true,
    phone: true,
    seats: 3,
    seats_left: 2,
};

/// Every combination of the optional parts (with both singular and plural seat counts).
fn all_opts() -> Vec<Opts> {
    (0..64u32)
        .map(|bits| {
            let b = |i: u32| bits & (1 << i) != 0;
            Opts {
                accept: b(0),
                refuse: b(1),
                manage: b(2),
                pickup: b(3),
                message: b(4),
                phone: b(5),
                seats: if bits % 3 == 0 { 1 } else { 3 },
                seats_left: if bits % 5 == 0 { 1 } else { 2 },
            }
        })
        .collect()
}

fn request_received(lang: Lang, t: &Texts, o: Opts) -> RequestReceived {
    RequestReceived {
        c: common(lang, "request received"),
        driver_name: t.driver_name.clone(),
        event_name: t.event_name.clone(),
        passenger_name: t.passenger_name.clone(),
        passenger_email: t.passenger_email.clone(),
        passenger_phone: o.phone.then(|| t.passenger_phone.clone()),
        seats: o.seats,
        pickup: if o.pickup {
            t.pickup.clone()
        } else {
            String::new()
        },
        message: if o.message {
            t.message.clone()
        } else {
            String::new()
        },
        trip: trip(lang, t, true, 4),
        seats_left: o.seats_left,
        deadline: when(lang, at(19, 20, 15)),
        accept_url: o.accept.then(|| ACCEPT_URL.to_owned()),
        refuse_url: o.refuse.then(|| REFUSE_URL.to_owned()),
        manage_url: o.manage.then(|| MANAGE_URL.to_owned()),
    }
}

fn request_sent(lang: Lang, t: &Texts, seats: i32, status: bool) -> RequestSent {
    RequestSent {
        c: common(lang, "request sent"),
        passenger_name: t.passenger_name.clone(),
        driver_first_name: t.driver_first_name.clone(),
        event_name: t.event_name.clone(),
        seats,
        trip: trip(lang, t, false, 3),
        deadline: when(lang, at(19, 20, 15)),
        event_url: EVENT_URL.into(),
        status_url: status.then(|| STATUS_URL.to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Looking at rendered emails
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Rendered {
    what: String,
    subject: String,
    text: String,
    html: String,
    /// The HTML with Askama's entities decoded.
    html_unescaped: String,
    /// The text and the visible HTML text, whitespace collapsed (for phrases).
    text_flat: String,
    html_flat: String,
}

fn render<E: Email>(what: impl Into<String>, email: &E) -> Rendered {
    let (text, html) = email.render().expect("the email renders");
    Rendered {
        what: what.into(),
        subject: email.subject(),
        html_unescaped: unescape(&html),
        text_flat: collapse(&text),
        html_flat: collapse(&unescape(&strip_tags(&html))),
        text,
        html,
    }
}

/// Decodes the entities that Askama writes (and the usual named ones).
fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The visible text of an HTML document: `<head>` dropped, tags replaced by spaces.
fn strip_tags(html: &str) -> String {
    let body = match (html.find("<head>"), html.find("</head>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b + 7..]),
        _ => html.to_owned(),
    };
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match (c, in_tag) {
            ('<', false) => in_tag = true,
            ('>', true) => {
                in_tag = false;
                out.push(' ');
            }
            (c, false) => out.push(c),
            _ => {}
        }
    }
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sequence of tag names of an HTML document (`p`, `/p`, `a`...).
fn tags(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r"<(/?[A-Za-z!][A-Za-z0-9]*)").unwrap();
    re.captures_iter(html)
        .map(|c| c[1].to_ascii_lowercase())
        .collect()
}

/// `value` is in the text part and in the HTML part (entities decoded).
fn assert_in_both(r: &Rendered, value: &str) {
    assert!(
        r.text.contains(value),
        "{}: text part lacks {value:?}:\n{}",
        r.what,
        r.text
    );
    assert!(
        r.html_unescaped.contains(value),
        "{}: HTML part lacks {value:?}:\n{}",
        r.what,
        r.html
    );
}

fn assert_in_neither(r: &Rendered, value: &str) {
    assert!(
        !r.text.contains(value),
        "{}: text part has {value:?} although unset:\n{}",
        r.what,
        r.text
    );
    assert!(
        !r.html_unescaped.contains(value),
        "{}: HTML part has {value:?} although unset:\n{}",
        r.what,
        r.html
    );
}

fn assert_present_iff(r: &Rendered, value: &str, present: bool) {
    if present {
        assert_in_both(r, value);
    } else {
        assert_in_neither(r, value);
    }
}

/// A phrase (whitespace-insensitive) is in the text and in the visible HTML text.
fn assert_phrase(r: &Rendered, phrase: &str) {
    assert!(
        r.text_flat.contains(phrase),
        "{}: text part lacks the phrase {phrase:?}:\n{}",
        r.what,
        r.text
    );
    assert!(
        r.html_flat.contains(phrase),
        "{}: visible HTML lacks the phrase {phrase:?}:\n{}",
        r.what,
        r.html_flat
    );
}

fn assert_phrase_iff(r: &Rendered, phrase: &str, present: bool) {
    if present {
        assert_phrase(r, phrase);
    } else {
        assert!(
            !r.text_flat.contains(phrase) && !r.html_flat.contains(phrase),
            "{}: {phrase:?} is shown although unset:\ntext: {}\nhtml: {}",
            r.what,
            r.text,
            r.html_flat
        );
    }
}

/// Words only a French email has, and words only an English one has.
const FR_WORDS: [&str; 4] = ["Bonjour", "E-mail automatique", "Départ", "otre "];
const EN_WORDS: [&str; 4] = ["Hello", "Automatic email", "Departure", "our ride"];

/// The email is in `lang` (both parts), and has none of the other language's words.
fn assert_language(r: &Rendered, lang: Lang) {
    let (ours, theirs, greeting, html_lang) = match lang {
        Lang::Fr => (&FR_WORDS, &EN_WORDS, "Bonjour", "<html lang=\"fr\">"),
        Lang::En => (&EN_WORDS, &FR_WORDS, "Hello", "<html lang=\"en\">"),
    };
    for part in [&r.text, &r.html_unescaped] {
        assert!(
            part.contains(greeting),
            "{}: no {greeting:?} in\n{part}",
            r.what
        );
        for w in theirs {
            assert!(
                !part.contains(w),
                "{}: the other language's {w:?} in\n{part}",
                r.what
            );
        }
    }
    // The signature (text: after "-- "; HTML: the footer) is in the same language.
    let signature = ours[1];
    assert!(
        r.text.contains(signature) && r.html.contains(signature),
        "{}: signature {signature:?} missing",
        r.what
    );
    assert!(
        r.html.contains(html_lang),
        "{}: HTML lang attribute is not {html_lang:?}",
        r.what
    );
}

/// Both languages of one email: subjects non-empty and different; each in its language.
fn assert_bilingual(fr: &Rendered, en: &Rendered) {
    for r in [fr, en] {
        assert!(!r.subject.trim().is_empty(), "{}: empty subject", r.what);
        assert!(!r.text.trim().is_empty(), "{}: empty text part", r.what);
        assert!(!r.html.trim().is_empty(), "{}: empty HTML part", r.what);
    }
    assert_ne!(
        fr.subject, en.subject,
        "{} / {}: the same subject in both languages",
        fr.what, en.what
    );
    assert_ne!(
        fr.text, en.text,
        "{}: the same text in both languages",
        fr.what
    );
    assert_ne!(
        fr.html, en.html,
        "{}: the same HTML in both languages",
        fr.what
    );
    assert_language(fr, Lang::Fr);
    assert_language(en, Lang::En);
}

// ---------------------------------------------------------------------------------------------
// 1. Every email, both languages, the same content in text and HTML
// ---------------------------------------------------------------------------------------------

#[test]
fn every_email_renders_in_both_languages() {
    let t = benign();
    let pair = |f: &dyn Fn(Lang) -> Rendered| (f(Lang::Fr), f(Lang::En));

    let (fr, en) = pair(&|l| render(format!("event_created {l:?}"), &event_created(l, &t, true)));
    assert_bilingual(&fr, &en);
    let (fr, en) = pair(&|l| {
        render(
            format!("event_created {l:?} (no manage url)"),
            &event_created(l, &t, false),
        )
    });
    assert_bilingual(&fr, &en);
    let (fr, en) = pair(&|l| {
        render(
            format!("offer_published {l:?}"),
            &offer_published(l, &t, true),
        )
    });
    assert_bilingual(&fr, &en);
    let (fr, en) = pair(&|l| {
        render(
            format!("offer_published {l:?} (no manage url)"),
            &offer_published(l, &t, false),
        )
    });
    assert_bilingual(&fr, &en);
    for o in all_opts() {
        let (fr, en) = pair(&|l| {
            render(
                format!("request_received {l:?} {o:?}"),
                &request_received(l, &t, o),
            )
        });
        assert_bilingual(&fr, &en);
    }
    for (seats, status) in [(1, true), (3, false)] {
        let (fr, en) = pair(&|l| {
            render(
                format!("request_sent {l:?} seats={seats} status={status}"),
                &request_sent(l, &t, seats, status),
            )
        });
        assert_bilingual(&fr, &en);
    }
}

#[test]
fn subjects_name_what_they_are_about() {
    let t = benign();
    for l in LANGS {
        let s = event_created(l, &t, false).subject();
        assert!(s.contains(&t.event_name), "{s:?}");
        let s = offer_published(l, &t, false).subject();
        assert!(s.contains(&t.event_name), "{s:?}");
        for seats in [1, 3] {
            let s = request_received(l, &t, Opts { seats, ..ALL }).subject();
            assert!(
                s.contains(&t.event_name) && s.contains(&t.passenger_name),
                "{s:?}"
            );
            let n = match (l, seats) {
                (Lang::Fr, 1) => "1 place",
                (Lang::Fr, _) => "3 places",
                (Lang::En, 1) => "1 seat",
                (Lang::En, _) => "3 seats",
            };
            assert!(s.contains(n), "{s:?} lacks {n:?}");
        }
        let s = request_sent(l, &t, 2, false).subject();
        assert!(
            s.contains(&t.event_name) && s.contains(&t.driver_first_name),
            "{s:?}"
        );
    }
}

#[test]
fn event_created_text_and_html_agree() {
    let t = benign();
    for l in LANGS {
        for manage in [true, false] {
            let m = event_created(l, &t, manage);
            let r = render(format!("event_created {l:?} manage={manage}"), &m);
            for v in [
                &m.organizer_name,
                &m.event_name,
                &m.when,
                &m.venue,
                &m.event_url,
                &m.snippet,
            ] {
                assert_in_both(&r, v);
            }
            assert_present_iff(&r, MANAGE_URL, manage);
            let (private, keep) = match l {
                Lang::Fr => (
                    "Votre page d'organisateur",
                    "Gardez cet e-mail : il est votre référence",
                ),
                Lang::En => (
                    "Your organiser page",
                    "Keep this email: it is your reference",
                ),
            };
            assert_phrase_iff(&r, private, manage);
            assert_phrase_iff(&r, keep, !manage);
            // The embed code is shown as code, never embedded into the email.
            assert!(
                !r.html.contains("<script"),
                "{}: raw <script> in HTML:\n{}",
                r.what,
                r.html
            );
        }
    }
}

#[test]
fn offer_published_text_and_html_agree() {
    let t = benign();
    for l in LANGS {
        for manage in [true, false] {
            let m = offer_published(l, &t, manage);
            let r = render(format!("offer_published {l:?} manage={manage}"), &m);
            assert_in_both(&r, &m.driver_name);
            assert_in_both(&r, &m.event_name);
            assert_in_both(&r, &m.event_url);
            for trip in &m.trips {
                for v in [&trip.label, &trip.when, &trip.place, &trip.url] {
                    assert_in_both(&r, v);
                }
                // Seats are worded differently in the two parts, in the reader's language.
                let (text, html) = match l {
                    Lang::Fr => (
                        format!("Places proposées : {}", trip.seats),
                        format!("{} place(s) proposée(s)", trip.seats),
                    ),
                    Lang::En => (
                        format!("Seats offered: {}", trip.seats),
                        format!("{} seat(s) offered", trip.seats),
                    ),
                };
                assert!(
                    r.text_flat.contains(&text),
                    "{}: text lacks {text:?}",
                    r.what
                );
                assert!(
                    r.html_flat.contains(&html),
                    "{}: HTML lacks {html:?}",
                    r.what
                );
            }
            assert_present_iff(&r, MANAGE_URL, manage);
            let label = match l {
                Lang::Fr => "Gérer mon trajet",
                Lang::En => "Manage my ride",
            };
            assert_phrase_iff(&r, label, manage);
        }
    }
}

#[test]
fn request_received_text_and_html_agree_for_every_optional_part() {
    let t = benign();
    for l in LANGS {
        for o in all_opts() {
            let m = request_received(l, &t, o);
            let r = render(format!("request_received {l:?} {o:?}"), &m);
            for v in [
                &m.driver_name,
                &m.passenger_name,
                &m.passenger_email,
                &m.deadline,
                &m.trip.label,
                &m.trip.when,
                &m.trip.place,
            ] {
                assert_in_both(&r, v);
            }
            let (asks, left) = match (l, o.seats, o.seats_left) {
                (Lang::Fr, s, n) => (
                    if s == 1 {
                        "demande 1 place sur votre trajet".to_owned()
                    } else {
                        format!("demande {s} places sur votre trajet")
                    },
                    if n == 1 {
                        "Il vous reste 1 place libre".to_owned()
                    } else {
                        format!("Il vous reste {n} places libres")
                    },
                ),
                (Lang::En, s, n) => (
                    if s == 1 {
                        "requests 1 seat on your ride".to_owned()
                    } else {
                        format!("requests {s} seats on your ride")
                    },
                    if n == 1 {
                        "You have 1 seat left".to_owned()
                    } else {
                        format!("You have {n} seats left")
                    },
                ),
            };
            assert_phrase(&r, &format!("{} {asks}", m.passenger_name));
            assert_phrase(&r, &left);
            assert_phrase(&r, &m.deadline);

            assert_present_iff(&r, &t.pickup, o.pickup);
            assert_present_iff(&r, &t.message, o.message);
            assert_present_iff(&r, &t.passenger_phone, o.phone);
            assert_present_iff(&r, ACCEPT_URL, o.accept);
            assert_present_iff(&r, REFUSE_URL, o.refuse);
            assert_present_iff(&r, MANAGE_URL, o.manage);

            let labels = match l {
                Lang::Fr => [
                    ("Prise en charge", o.pickup),
                    ("Son message", o.message),
                    ("Téléphone", o.phone),
                    ("Accepter", o.accept),
                    ("Refuser", o.refuse),
                    ("Gérer mon trajet", o.manage),
                ],
                Lang::En => [
                    ("Pickup", o.pickup),
                    ("Their message", o.message),
                    ("Phone", o.phone),
                    ("Accept", o.accept),
                    ("Refuse", o.refuse),
                    ("Manage my ride", o.manage),
                ],
            };
            for (label, set) in labels {
                assert_phrase_iff(&r, label, set);
            }
        }
    }
}

#[test]
fn request_sent_text_and_html_agree() {
    let t = benign();
    for l in LANGS {
        for (seats, status) in [(1, true), (1, false), (3, true), (3, false)] {
            let m = request_sent(l, &t, seats, status);
            let r = render(
                format!("request_sent {l:?} seats={seats} status={status}"),
                &m,
            );
            for v in [
                &m.passenger_name,
                &m.driver_first_name,
                &m.deadline,
                &m.event_url,
                &m.trip.label,
                &m.trip.when,
                &m.trip.place,
            ] {
                assert_in_both(&r, v);
            }
            let sentence = match (l, seats) {
                (Lang::Fr, 1) => format!(
                    "Votre demande de 1 place est envoyée à {}",
                    m.driver_first_name
                ),
                (Lang::Fr, s) => format!(
                    "Votre demande de {s} places est envoyée à {}",
                    m.driver_first_name
                ),
                (Lang::En, 1) => {
                    format!("Your request for 1 seat is sent to {}", m.driver_first_name)
                }
                (Lang::En, s) => format!(
                    "Your request for {s} seats is sent to {}",
                    m.driver_first_name
                ),
            };
            assert_phrase(&r, &sentence);
            assert_present_iff(&r, STATUS_URL, status);
            let label = match l {
                Lang::Fr => "Suivre ou annuler ma demande",
                Lang::En => "Follow or cancel my request",
            };
            assert_phrase_iff(&r, label, status);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Hostile values: escaped in HTML, verbatim in text
// ---------------------------------------------------------------------------------------------

/// Every email with `t`'s values, in `lang`, every optional part set.
fn all_emails(lang: Lang, t: &Texts) -> Vec<(Rendered, Vec<String>)> {
    let ec = event_created(lang, t, true);
    let op = offer_published(lang, t, true);
    let rr = request_received(lang, t, ALL);
    let rs = request_sent(lang, t, 3, true);
    vec![
        (
            render(format!("event_created {lang:?}"), &ec),
            vec![
                ec.organizer_name.clone(),
                ec.event_name.clone(),
                ec.venue.clone(),
            ],
        ),
        (
            render(format!("offer_published {lang:?}"), &op),
            vec![
                op.driver_name.clone(),
                op.event_name.clone(),
                op.trips[0].place.clone(),
                op.trips[1].place.clone(),
                op.trips[0].label.clone(),
            ],
        ),
        (
            render(format!("request_received {lang:?}"), &rr),
            vec![
                rr.driver_name.clone(),
                rr.passenger_name.clone(),
                rr.trip.place.clone(),
                rr.trip.label.clone(),
                rr.pickup.clone(),
                rr.message.clone(),
                rr.passenger_phone.clone().unwrap(),
            ],
        ),
        (
            render(format!("request_sent {lang:?}"), &rs),
            vec![
                rs.passenger_name.clone(),
                rs.driver_first_name.clone(),
                rs.trip.place.clone(),
                rs.trip.label.clone(),
            ],
        ),
    ]
}

#[test]
fn hostile_values_are_escaped_in_html_and_verbatim_in_text() {
    for lang in LANGS {
        let reference = all_emails(lang, &benign());
        for payload in HOSTILE {
            let t = hostile(payload);
            for ((r, fields), (plain, _)) in all_emails(lang, &t).iter().zip(&reference) {
                let what = format!("{} with {payload:?}", r.what);
                let lower = r.html.to_ascii_lowercase();
                assert!(
                    !lower.contains("<script"),
                    "{what}: <script in HTML:\n{}",
                    r.html
                );
                assert!(!lower.contains("<img"), "{what}: <img in HTML:\n{}", r.html);
                assert!(
                    !r.html.contains(payload),
                    "{what}: the payload is raw in HTML:\n{}",
                    r.html
                );
                // The markup is the template's, tag for tag, whatever the values.
                assert_eq!(
                    tags(&r.html),
                    tags(&plain.html),
                    "{what}: hostile values changed the HTML structure"
                );
                for field in fields {
                    assert!(
                        r.text.contains(field.as_str()),
                        "{what}: text part lacks {field:?} verbatim:\n{}",
                        r.text
                    );
                    assert!(
                        r.html_unescaped.contains(field.as_str()),
                        "{what}: HTML part lacks {field:?} (after unescaping):\n{}",
                        r.html
                    );
                }
                // Hostile text is never "escaped" in the text part.
                assert!(
                    !r.text.contains("&#"),
                    "{what}: HTML entities in the text part:\n{}",
                    r.text
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The MIME message: headers and parts
// ---------------------------------------------------------------------------------------------

fn from() -> Mailbox {
    "covoit <noreply@covoit.test>".parse().unwrap()
}

/// A complete outbox row: a French request-received email, Reply-To the passenger.
fn row() -> outbox::Model {
    let t = benign();
    let email = request_received(Lang::Fr, &t, ALL);
    let (text, html) = email.render().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
    outbox::Model {
        id: 7,
        kind: RequestReceived::KIND,
        record_id: 42,
        version: 0,
        dedupe_key: dedupe_key(RequestReceived::KIND, 42, "bob@example.com", 0),
        recipient_email: "bob@example.com".into(),
        recipient_key: Some("bob@example.com".into()),
        recipient_name: "\"Bob\" <x@y>".into(),
        reply_to_email: Some("zoe.passagere@example.org".into()),
        reply_to_name: Some("<script>alert(1)</script> Zoé".into()),
        locale: "fr".into(),
        subject: "Réunion d'été — 🚗".into(),
        text_body: text,
        html_body: html,
        attachments: "[]".into(),
        links: format!("[\"{ACCEPT_URL}\"]"),
        status: covoit::domain::EmailStatus::Queued,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: None,
        lease_until: None,
        last_error: None,
        message_id: "<request-received.42.00c0ffee00c0ffee@covoit.test>".into(),
        created_at: now,
        updated_at: now,
        sent_at: None,
    }
}

struct Built {
    bytes: Vec<u8>,
    /// Everything before the first empty line.
    header_block: Vec<u8>,
}

fn formatted(row: &outbox::Model) -> Built {
    let message = build(row, &from()).expect("the message builds");
    let bytes = message.formatted();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block ending with an empty line");
    Built {
        header_block: bytes[..end].to_vec(),
        bytes,
    }
}

/// The header lines, unfolded (a line starting with whitespace continues the previous one).
fn header_lines(block: &[u8]) -> Vec<String> {
    let block = String::from_utf8_lossy(block);
    let mut lines: Vec<String> = Vec::new();
    for line in block.split("\r\n").flat_map(|l| l.split('\n')) {
        if line.starts_with([' ', '\t']) && !lines.is_empty() {
            lines.last_mut().unwrap().push_str(line);
        } else {
            lines.push(line.to_owned());
        }
    }
    lines
}

/// The unfolded values of header `name` (case-insensitive).
fn header_values(lines: &[String], name: &str) -> Vec<String> {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    lines
        .iter()
        .filter(|l| l.to_ascii_lowercase().starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim().to_owned())
        .collect()
}

/// MIME text is CRLF on the wire; compare contents line by line.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n")
}

fn mime_type(part: &mail_parser::MessagePart) -> String {
    part.content_type()
        .map(|c| {
            format!(
                "{}/{}",
                c.ctype().to_ascii_lowercase(),
                c.subtype().unwrap_or("").to_ascii_lowercase()
            )
        })
        .unwrap_or_default()
}

/// Checks the alternative part `id` of `msg`: exactly a text/plain and a text/html part with
/// the row's bodies.
fn check_alternative(msg: &mail_parser::Message, id: u32, row: &outbox::Model) {
    let alt = msg.part(id).unwrap();
    assert_eq!(mime_type(alt), "multipart/alternative");
    let children = alt.sub_parts().expect("alternative has parts");
    let types: Vec<String> = children
        .iter()
        .map(|&c| mime_type(msg.part(c).unwrap()))
        .collect();
    assert_eq!(
        types,
        ["text/plain", "text/html"],
        "parts of multipart/alternative"
    );
    let text = msg.part(children[0]).unwrap();
    let html = msg.part(children[1]).unwrap();
    assert!(matches!(text.body, PartType::Text(_)), "text part is text");
    assert!(matches!(html.body, PartType::Html(_)), "html part is HTML");
    assert_eq!(
        text.content_type()
            .unwrap()
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(
        html.content_type()
            .unwrap()
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(
        lf(text.text_contents().unwrap()),
        lf(&row.text_body),
        "decoded text part"
    );
    assert_eq!(
        lf(html.text_contents().unwrap()),
        lf(&row.html_body),
        "decoded HTML part"
    );
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Every header check, for one row.
fn check_headers(row: &outbox::Model) {
    let what = format!(
        "subject {:?}, to {:?}, reply-to {:?}",
        row.subject, row.recipient_name, row.reply_to_name
    );
    let built = formatted(row);
    assert!(
        built.header_block.is_ascii(),
        "{what}: non-ASCII in the header block:\n{}",
        String::from_utf8_lossy(&built.header_block)
    );
    let lines = header_lines(&built.header_block);
    let one = |name: &str| {
        let v = header_values(&lines, name);
        assert_eq!(
            v.len(),
            1,
            "{what}: {name} header: {v:?}\n{}",
            lines.join("\n")
        );
        v.into_iter().next().unwrap()
    };
    one("Date");
    assert_eq!(one("Message-ID"), row.message_id, "{what}: Message-ID");
    assert_eq!(one("Auto-Submitted"), "auto-generated", "{what}");
    one("From");
    one("To");
    one("Subject");
    let reply_to = header_values(&lines, "Reply-To");
    assert_eq!(
        reply_to.len(),
        usize::from(row.reply_to_email.is_some()),
        "{what}: Reply-To headers: {reply_to:?}"
    );

    let msg = MessageParser::default()
        .parse(&built.bytes)
        .expect("mail-parser reads the message");
    assert_eq!(
        msg.subject(),
        Some(row.subject.as_str()),
        "{what}: decoded subject"
    );
    let to: Vec<_> = msg.to().expect("a To header").iter().collect();
    assert_eq!(to.len(), 1, "{what}: one recipient: {to:?}");
    assert_eq!(
        to[0].address(),
        Some(row.recipient_email.as_str()),
        "{what}"
    );
    assert_eq!(
        to[0].name(),
        Some(row.recipient_name.as_str()),
        "{what}: decoded To name"
    );
    match (&row.reply_to_email, msg.reply_to()) {
        (Some(email), Some(reply)) => {
            let reply: Vec<_> = reply.iter().collect();
            assert_eq!(reply.len(), 1, "{what}: one Reply-To: {reply:?}");
            assert_eq!(reply[0].address(), Some(email.as_str()), "{what}");
            assert_eq!(
                reply[0].name(),
                row.reply_to_name.as_deref(),
                "{what}: decoded Reply-To name"
            );
        }
        (None, None) => {}
        (expected, found) => panic!("{what}: Reply-To expected {expected:?}, found {found:?}"),
    }
    assert_eq!(
        msg.message_id(),
        Some(row.message_id.trim_start_matches('<').trim_end_matches('>')),
        "{what}"
    );
    let date = msg.date().expect("a parseable Date");
    assert!(
        (date.to_timestamp() - now_secs()).abs() < 300,
        "{what}: Date {date} is not now"
    );
    assert_eq!(
        msg.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated"),
        "{what}"
    );
    assert!(msg.bcc().is_none(), "{what}: a Bcc header");

    let root = msg.root_part();
    assert_eq!(
        mime_type(root),
        "multipart/alternative",
        "{what}: no attachment"
    );
    check_alternative(&msg, 0, row);
}

#[test]
fn message_headers_are_encoded_and_complete() {
    let base = row();
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Réunion d'été — 🚗",
            "\"Bob\" <x@y>",
            Some("<script>alert(1)</script> Zoé"),
        ),
        (
            "Zoé Martin-Lefèvre demande 3 places — Festival des Vieilles Charrues 2026 🎸🚗, départ de Rennes (parvis nord), « vite » !",
            "Jérôme « Jé » D'Artagnan-Müller 🚗 du Comité des fêtes de Saint-Étienne-du-Rouvray",
            Some("Zoé 🚲 Passagère"),
        ),
        (
            "Plain ASCII subject",
            "Smith, John (Jr.); \"quoted\" \\ back",
            None,
        ),
        ("Réunion d'été — 🚗", "Bob", Some("\"Alice\" <a@b>, <c@d>")),
    ];
    for (subject, to_name, reply_name) in cases {
        let mut row = base.clone();
        row.subject = subject.into();
        row.recipient_name = to_name.into();
        match reply_name {
            Some(name) => row.reply_to_name = Some(name.into()),
            None => {
                row.reply_to_email = None;
                row.reply_to_name = None;
            }
        }
        check_headers(&row);
    }
}

#[test]
fn a_name_that_looks_like_an_encoded_word_is_kept_as_typed() {
    // Someone may type "=?utf-8?b?...?=" as a name: the reader must see what was typed, not
    // what it decodes to.
    let mut row = row();
    row.recipient_name = "=?utf-8?b?QWRtaW4=?=".into();
    row.subject = "=?utf-8?q?Urgent?= from the bank".into();
    check_headers(&row);
}

#[test]
fn an_attachment_makes_the_message_multipart_mixed() {
    let mut row = row();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//covoit//FR\r\nBEGIN:VEVENT\r\nUID:42@covoit.test\r\nSUMMARY:Trajet vers la Fête des Lumières 🚗\r\nDTSTART:20261121T083000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    row.attachments = serde_json::json!([{
        "filename": "trip.ics",
        "content_type": "text/calendar; charset=utf-8",
        "content": ics,
    }])
    .to_string();
    let built = formatted(&row);
    assert!(built.header_block.is_ascii());
    let msg = MessageParser::default().parse(&built.bytes).unwrap();
    let root = msg.root_part();
    assert_eq!(mime_type(root), "multipart/mixed");
    let children = root.sub_parts().unwrap().to_vec();
    assert_eq!(children.len(), 2, "the alternative part and the attachment");
    check_alternative(&msg, children[0], &row);
    let att = msg.part(children[1]).unwrap();
    assert_eq!(mime_type(att), "text/calendar");
    assert_eq!(
        att.content_type()
            .unwrap()
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(att.attachment_name(), Some("trip.ics"));
    assert!(
        att.content_disposition().is_some_and(|d| d.is_attachment()),
        "Content-Disposition: attachment"
    );
    assert_eq!(
        lf(att.text_contents().unwrap()),
        lf(ics),
        "decoded attachment"
    );
    assert_eq!(msg.attachment_count(), 1);
}

#[test]
fn no_reply_to_without_a_reply_to_address() {
    let mut row = row();
    row.reply_to_email = None;
    row.reply_to_name = None;
    let built = formatted(&row);
    assert!(header_values(&header_lines(&built.header_block), "Reply-To").is_empty());
    let msg = MessageParser::default().parse(&built.bytes).unwrap();
    assert!(msg.reply_to().is_none());
    // A name alone (no address) gives no Reply-To either.
    row.reply_to_name = Some("Zoé".into());
    let built = formatted(&row);
    assert!(header_values(&header_lines(&built.header_block), "Reply-To").is_empty());
}

// ---------------------------------------------------------------------------------------------
// 4. CR/LF never creates a header
// ---------------------------------------------------------------------------------------------

#[test]
fn line_breaks_in_values_never_create_headers() {
    let breaks = ["\r\n", "\n", "\r", "\r\n\t", "\u{85}"];
    for br in breaks {
        let mut row = row();
        row.subject = format!("Hi{br}Bcc: evil@attacker.example");
        row.recipient_name = format!("Bob{br}Bcc: evil@attacker.example");
        row.reply_to_name = Some(format!("Zoé{br}Bcc: evil@attacker.example"));
        row.locale = format!("fr{br}X-Evil: 1");
        let built = formatted(&row);
        assert!(
            built.header_block.is_ascii(),
            "{br:?}: non-ASCII header block"
        );
        let lines = header_lines(&built.header_block);
        for line in &lines {
            let lower = line.to_ascii_lowercase();
            assert!(
                !lower.starts_with("bcc:") && !lower.starts_with("x-evil:"),
                "{br:?}: injected header line {line:?} in\n{}",
                lines.join("\n")
            );
        }
        let msg = MessageParser::default().parse(&built.bytes).unwrap();
        assert!(
            msg.bcc().is_none(),
            "{br:?}: mail-parser finds a Bcc header"
        );
        assert!(
            msg.header("X-Evil").is_none(),
            "{br:?}: mail-parser finds X-Evil"
        );
        let to: Vec<_> = msg.to().unwrap().iter().collect();
        assert_eq!(to.len(), 1, "{br:?}: recipients {to:?}");
        assert_eq!(to[0].address(), Some("bob@example.com"));
        let reply: Vec<_> = msg.reply_to().unwrap().iter().collect();
        assert_eq!(reply.len(), 1, "{br:?}: Reply-To {reply:?}");
        assert_eq!(reply[0].address(), Some("zoe.passagere@example.org"));
        let subject = msg.subject().unwrap_or("");
        assert!(
            !subject.contains(['\r', '\n']),
            "{br:?}: line break kept in the subject {subject:?}"
        );
        // The message is still the same email.
        check_alternative(&msg, 0, &row);
    }
}

// ---------------------------------------------------------------------------------------------
// Outbox dedupe
// ---------------------------------------------------------------------------------------------

#[test]
fn outbox_dedupe_keys() {
    let k = |kind, record: i64, to: &str, version: i32| dedupe_key(kind, record, to, version);
    let base = k(EmailKind::RequestReceived, 42, "bob@example.com", 0);
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "Bob@Example.COM", 0)
    );
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "BOB@EXAMPLE.COM", 0)
    );
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "bob@example.com", 0)
    );
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 42, "bob@example.com", 1)
    );
    assert_ne!(base, k(EmailKind::RequestSent, 42, "bob@example.com", 0));
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 43, "bob@example.com", 0)
    );
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 42, "alice@example.com", 0)
    );
    // The driver's and the passenger's emails about one request are two rows.
    assert_ne!(
        k(RequestReceived::KIND, 42, "driver@example.com", 0),
        k(RequestSent::KIND, 42, "passenger@example.com", 0)
    );
    assert_ne!(RequestReceived::KIND, RequestSent::KIND);
    assert_ne!(EventCreated::KIND, OfferPublished::KIND);
}
