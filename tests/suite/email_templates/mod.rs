//! The emails themselves, without a server: every kind renders in every language, with the
//! same content in its text and HTML parts; hostile values are escaped in HTML and kept verbatim
//! in text; outbox rows dedupe. (The MIME message's headers are unit tests of `mail::message`.)
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use covoit::domain::{Direction, EmailKind, Lang};
use covoit::i18n::T;
use covoit::mail::outbox::dedupe_key;

pub(super) use crate::common::html::{collapse, strip_tags, unescape};
use covoit::mail::templates::{
    Common, Email, EventCreated, OfferPublished, RepeatLine, RequestReceived, RequestSent,
    SeriesDate, TripLine,
};

const BASE: &str = "https://covoit.test";
/// The languages whose exact wording these tests pin (the authors' own); every language renders
/// every kind of email in `kinds`.
const LANGS: [Lang; 2] = [Lang::Fr, Lang::En];

mod dedupe;
mod every;
mod hostile;
pub(crate) mod kinds;

// ---------------------------------------------------------------------------------------------
// Building the emails
// ---------------------------------------------------------------------------------------------

/// The free-text values that go into the emails (each one distinct, so that each can be
/// looked for on its own).
#[derive(Debug, Clone)]
pub(super) struct Texts {
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

pub(super) fn benign() -> Texts {
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
pub(super) fn hostile(payload: &str) -> Texts {
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

pub(super) const HOSTILE: [&str; 3] = [
    "<script>alert(1)</script>",
    "\"Bob\" <x@y>",
    "'><img src=x onerror=alert(1)>",
];

pub(super) fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
}

pub(super) fn when(lang: Lang, t: DateTime<Utc>) -> String {
    T::get(lang).datetime(t, Paris)
}

pub(super) fn common(lang: Lang, preheader: &str) -> Common {
    Common::new(lang, BASE, preheader.to_owned())
}

pub(super) fn label(lang: Lang, to_event: bool, event: &str) -> String {
    let direction = if to_event {
        Direction::ToEvent
    } else {
        Direction::FromEvent
    };
    T::get(lang).trip_label(direction, event)
}

pub(super) fn trip(lang: Lang, t: &Texts, to_event: bool, seats: i32) -> TripLine {
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

pub(super) const EVENT_URL: &str = "https://covoit.test/e/fete-des-lumieres";
pub(super) const NEW_OFFER_URL: &str = "https://covoit.test/e/fete-des-lumieres/offers/new";
pub(super) const SNIPPET: &str = "<script src=\"https://covoit.test/widget.js\" data-event=\"fete-des-lumieres\" async></script>";
pub(super) const MANAGE_URL: &str = "https://covoit.test/m/manage-T0KEN-abc";
pub(super) const ACCEPT_URL: &str = "https://covoit.test/m/accept-T0KEN-def";
pub(super) const REFUSE_URL: &str = "https://covoit.test/m/refuse-T0KEN-ghi";
pub(super) const STATUS_URL: &str = "https://covoit.test/m/status-T0KEN-jkl";

pub(super) fn event_created(lang: Lang, t: &Texts, manage: bool) -> EventCreated {
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
        series: vec![
            SeriesDate {
                when: when(lang, at(21, 19, 0)),
                url: EVENT_URL.into(),
            },
            SeriesDate {
                when: when(lang, at(28, 19, 0)),
                url: NEW_OFFER_URL.into(),
            },
        ],
    }
}

pub(super) fn offer_published(lang: Lang, t: &Texts, manage: bool) -> OfferPublished {
    OfferPublished {
        c: common(lang, "offer published"),
        driver_name: t.driver_name.clone(),
        event_name: t.event_name.clone(),
        trips: vec![trip(lang, t, true, 4), trip(lang, t, false, 3)],
        event_url: EVENT_URL.into(),
        manage_url: manage.then(|| MANAGE_URL.to_owned()),
        waiting: Vec::new(),
        // A ride repeated on two more dates of a series (with the manage links).
        repeats: if manage {
            vec![
                RepeatLine {
                    when: when(lang, at(28, 17, 0)),
                    manage_url: ACCEPT_URL.into(),
                },
                RepeatLine {
                    when: when(lang, at(30, 17, 0)),
                    manage_url: REFUSE_URL.into(),
                },
            ]
        } else {
            Vec::new()
        },
    }
}

/// Which optional parts of a `RequestReceived` are set.
#[derive(Debug, Clone, Copy)]
pub(super) struct Opts {
    accept: bool,
    refuse: bool,
    manage: bool,
    pickup: bool,
    message: bool,
    phone: bool,
    seats: i32,
    seats_left: i32,
}

pub(super) const ALL: Opts = Opts {
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
pub(super) fn all_opts() -> Vec<Opts> {
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

pub(super) fn request_received(lang: Lang, t: &Texts, o: Opts) -> RequestReceived {
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
        // Rendered over the driver's maximum detour when there is a phone (half the cases).
        over_detour: o.phone.then(|| ("18 min".to_owned(), 10)),
    }
}

pub(super) fn request_sent(lang: Lang, t: &Texts, seats: i32, status: bool) -> RequestSent {
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
pub(super) struct Rendered {
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

pub(super) fn render<E: Email>(what: impl Into<String>, email: &E) -> Rendered {
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

/// The sequence of tag names of an HTML document (`p`, `/p`, `a`...).
pub(super) fn tags(html: &str) -> Vec<String> {
    let re = regex::Regex::new(r"<(/?[A-Za-z!][A-Za-z0-9]*)").unwrap();
    re.captures_iter(html)
        .map(|c| c[1].to_ascii_lowercase())
        .collect()
}

/// `value` is in the text part and in the HTML part (entities decoded).
pub(super) fn assert_in_both(r: &Rendered, value: &str) {
    // The text part is wrapped at 78 columns: a value may span lines.
    assert!(
        r.text_flat.contains(&collapse(value)),
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

pub(super) fn assert_in_neither(r: &Rendered, value: &str) {
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

pub(super) fn assert_present_iff(r: &Rendered, value: &str, present: bool) {
    if present {
        assert_in_both(r, value);
    } else {
        assert_in_neither(r, value);
    }
}

/// A phrase (whitespace-insensitive) is in the text and in the visible HTML text.
pub(super) fn assert_phrase(r: &Rendered, phrase: &str) {
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

pub(super) fn assert_phrase_iff(r: &Rendered, phrase: &str, present: bool) {
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

/// The email is in `lang` (both parts): its greeting, its signature and its `lang` attribute,
/// and no text of another language.
pub(super) fn assert_language(r: &Rendered, lang: Lang) {
    let t = T::get(lang);
    let (greeting, _) = crate::common::languages::around(lang, "mail-hello", "name");
    for part in [&r.text, &r.html_unescaped] {
        assert!(
            part.contains(greeting.trim()),
            "{}: no {greeting:?} in\n{part}",
            r.what
        );
        crate::common::languages::assert_no_foreign_text(lang, part, &r.what);
    }
    // The signature (text: after "-- "; HTML: the footer) is in the same language.
    let signed = |part: &str, ids: &[&str]| ids.iter().any(|id| part.contains(t.t(id)));
    assert!(
        signed(&r.text, &["mail-footer-short", "received-footer"])
            && signed(&r.html_unescaped, &["mail-footer", "received-footer"]),
        "{}: no signature in {lang:?}",
        r.what
    );
    let html_lang = format!("<html lang=\"{}\">", lang.code());
    assert!(
        r.html.contains(&html_lang),
        "{}: HTML lang attribute is not {html_lang:?}",
        r.what
    );
}

/// Both languages of one email: subjects non-empty and different; each in its language.
pub(super) fn assert_bilingual(fr: &Rendered, en: &Rendered) {
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
