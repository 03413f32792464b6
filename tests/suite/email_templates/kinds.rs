//! email_templates: every kind of email, built from records by the same functions the
//! services call, in every language: each kind is there, each renders both parts in the
//! recipient's language, and each carries its recipient's name.
use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use covoit::domain::{Direction, EmailKind, Lang, OfferStatus, ReservationStatus};
use covoit::entities::{event, offer, reservation};
use covoit::mail::outbox::Outgoing;
use covoit::mail::templates::{ListChange, NoticeKind, RefusalKind};
use covoit::mail::{Emails, compose, notify};
use sea_orm::Iterable;

use crate::common::base_figment;

fn emails() -> Emails {
    let config =
        covoit::Config::from_figment(&base_figment("sqlite::memory:"), false).expect("config");
    covoit::mail::from_config(&config).expect("mail").0
}

fn records(lang: Lang) -> (event::Model, offer::Model, reservation::Model) {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let starts = now + Duration::days(10);
    let code = lang.code().to_owned();
    let e = event::Model {
        id: 1,
        slug: "fete-du-club-k3m9p2x7q4w8z".into(),
        name: "Fête du club".into(),
        venue: "Stade municipal".into(),
        starts_at: starts,
        timezone: "Europe/Paris".into(),
        organizer_name: "Odile Organisatrice".into(),
        organizer_email: "odile@club.example".into(),
        locale: code.clone(),
        created_at: now,
    };
    let o = offer::Model {
        id: 2,
        public_id: "k3m9p2x7q4w8zabc".into(),
        event_id: 1,
        return_of: None,
        direction: Direction::ToEvent,
        place: "Villeurbanne".into(),
        place_lat: None,
        place_lon: None,
        departs_at: starts - Duration::hours(2),
        seats_total: 3,
        seats_taken: 1,
        status: OfferStatus::Open,
        driver_name: "Denise Conductrice".into(),
        driver_email: "denise@mail.example".into(),
        driver_phone: Some("06 12 34 56 78".into()),
        notes: String::new(),
        locale: code.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
        reminder_at: None,
        reminded_at: None,
    };
    let r = reservation::Model {
        id: 3,
        offer_id: 2,
        status: ReservationStatus::Confirmed,
        seats: 1,
        passenger_name: "Paul Passager".into(),
        passenger_email: "paul@example.org".into(),
        passenger_phone: None,
        pickup: "Gare".into(),
        message: "Merci".into(),
        locale: code,
        active_email: None,
        reason: None,
        created_at: now,
        expires_at: now + Duration::hours(24),
        decided_at: Some(now),
        updated_at: now,
        nudge_at: None,
        nudged_at: None,
    };
    (e, o, r)
}

/// Every email of every kind for one language, as the services build them.
fn all_emails(lang: Lang) -> Vec<Outgoing> {
    let m = emails();
    let (e, o, r) = records(lang);
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let mut before = o.clone();
    before.departs_at -= Duration::minutes(30);
    let confirmed = [r.clone()];
    let mut out = vec![
        compose::event_created(&m, &e, now).unwrap(),
        compose::offer_published(&m, &e, &o, None, now).unwrap(),
        notify::request_accepted(&m, &e, &o, &r, now).unwrap(),
        notify::refused(&m, &e, &o, &r, RefusalKind::Driver, "Désolé").unwrap(),
        notify::refused(&m, &e, &o, &r, RefusalKind::Full, "").unwrap(),
        notify::trip_changed(&m, &e, &before, &o, &r, now).unwrap(),
        notify::nudge(&m, &e, &o, &r, now).unwrap(),
    ];
    out.extend(compose::request_made(&m, &e, &o, &r, now).unwrap());
    out.extend(notify::expired(&m, &e, &o, &r, now).unwrap());
    out.extend(notify::reminders(&m, &e, &o, &confirmed, now).unwrap());
    for change in [
        ListChange::Accepted(r.passenger_name.clone()),
        ListChange::CancelledByPassenger {
            name: r.passenger_name.clone(),
            was_pending: false,
        },
        ListChange::Removed(r.passenger_name.clone()),
    ] {
        out.push(notify::list_changed(&m, &e, &o, &r, change, &confirmed, now).unwrap());
    }
    for kind in [
        NoticeKind::CancellationConfirmed,
        NoticeKind::RemovedByDriver,
        NoticeKind::OfferCancelled,
    ] {
        out.push(notify::passenger_notice(&m, &e, &o, &r, kind).unwrap());
    }
    out
}

/// The words every email of a language greets its reader with.
fn greeting(lang: Lang) -> String {
    crate::common::languages::around(lang, "mail-hello", "name")
        .0
        .trim()
        .to_owned()
}

#[test]
fn every_kind_renders_in_every_language() {
    for lang in Lang::ALL {
        let all = all_emails(lang);
        let kinds: BTreeSet<&str> = all.iter().map(|o| o.kind.as_str()).collect();
        let expected: BTreeSet<&str> = EmailKind::iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, expected, "{lang:?}: every kind of email");
        for o in &all {
            let what = format!("{} in {lang:?}", o.kind);
            assert_eq!(o.lang, lang, "{what}");
            assert!(!o.subject.trim().is_empty(), "{what}: subject");
            assert!(
                o.html.contains(&format!("<html lang=\"{}\"", lang.code())),
                "{what}: html lang"
            );
            for (part, body) in [("text", &o.text), ("html", &o.html)] {
                assert!(body.contains(&greeting(lang)), "{what}: {part} greeting");
                assert!(body.contains(&o.to.name), "{what}: {part} names its reader");
                let body = if part == "html" {
                    super::unescape(&super::strip_tags(body))
                } else {
                    body.clone()
                };
                crate::common::languages::assert_no_foreign_text(lang, &body, &what);
                crate::common::languages::assert_clean_copy(lang, &body, &what);
            }
        }
    }
}
