//! email_templates: every kind of email, built from records by the same functions the
//! services call, in every language: each kind is there, each renders both parts in the
//! recipient's language, and each carries its recipient's name.
use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use covoit::domain::{
    Direction, EmailKind, EventStatus, InvitationStatus, Lang, NeedDirection, NeedStatus,
    OfferStatus, ReservationStatus,
};
use covoit::entities::{event, invitation, need, need_alert, offer, reservation, still_check};
use covoit::mail::outbox::Outgoing;
use covoit::mail::templates::{BouncedRole, ListChange, NoticeKind, RefusalKind};
use covoit::mail::{Emails, compose, notify, waiting};
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
        venue_lat: None,
        venue_lon: None,
        starts_at: starts,
        timezone: "Europe/Paris".into(),
        organizer_name: "Odile Organisatrice".into(),
        organizer_email: "odile@club.example".into(),
        locale: code.clone(),
        created_at: now,
        status: EventStatus::Open,
        booking_closed: false,
        version: 1,
        cancelled_at: None,
        digest: true,
        hidden_at: None,
        deleted_at: None,
        purged_at: None,
        series_id: None,
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
        auto_accept: false,
        still_asked_at: None,
        // A route is known and the request below would go beyond the driver's maximum: the
        // pickup time and the flag are rendered in every language.
        max_detour_min: Some(10),
        route_key: None,
        route_detour_s: Some(720),
        route_distance_m: Some(18_000),
        share_contact: false,
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
        pickup_lat: None,
        pickup_lon: None,
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
        need_id: None,
        stop_at: Some(starts - Duration::minutes(100)),
        detour_s: Some(900),
        share_contact: false,
    };
    (e, o, r)
}

/// Every email of every kind for one language, as the services build them.
pub(crate) fn all_emails(lang: Lang) -> Vec<Outgoing> {
    let m = emails();
    let (e, o, r) = records(lang);
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let mut before = o.clone();
    before.departs_at -= Duration::minutes(30);
    let confirmed = [r.clone()];
    let mut out = vec![
        compose::event_created(&m, &e, &[], now).unwrap(),
        compose::offer_published(
            &m,
            &e,
            &o,
            None,
            &[(waiter(lang, now), false)],
            &[(&e, &o)],
            now,
        )
        .unwrap(),
        notify::request_accepted(&m, &e, &o, &r, now).unwrap(),
        notify::refused(&m, &e, &o, &r, RefusalKind::Driver, "Désolé").unwrap(),
        notify::refused(&m, &e, &o, &r, RefusalKind::Full, "").unwrap(),
        notify::trip_changed(&m, &e, &before, &o, &r, now).unwrap(),
        // The same kind, for a pickup time the route moved.
        covoit::mail::routes::pickup_moved(
            &m,
            &e,
            &o,
            &r,
            r.stop_at.unwrap() - Duration::minutes(12),
            r.stop_at.unwrap(),
            now,
        )
        .unwrap(),
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
        out.push(notify::passenger_notice(&m, &e, &o, &r, kind, now).unwrap());
    }
    // The waiting list's emails.
    let n = waiter(lang, now);
    let alert = need_alert::Model {
        id: 5,
        need_id: n.id,
        offer_id: o.id,
        email_key: "wanda@example.org".into(),
        created_at: now,
        claimed_at: None,
    };
    let inv = invitation::Model {
        id: 6,
        offer_id: o.id,
        need_id: n.id,
        seats: 1,
        status: InvitationStatus::Pending,
        created_at: now,
        answered_at: None,
    };
    let check = |id, reservation_id| still_check::Model {
        id,
        offer_id: o.id,
        reservation_id,
        created_at: now,
        answered_at: None,
        answer: None,
    };
    out.push(waiting::need_created(&m, &e, &n, now).unwrap());
    out.push(waiting::seat_freed(&m, &e, &o, &n, &alert, now).unwrap());
    out.push(waiting::invitation(&m, &e, &o, &n, &inv, now).unwrap());
    out.push(waiting::still_going(&m, &e, &o, None, &check(7, None), now).unwrap());
    out.push(waiting::still_going(&m, &e, &o, Some(&r), &check(8, Some(r.id)), now).unwrap());
    let found = covoit::services::lost_links::Found {
        events: vec![e.clone()],
        rides: vec![(o.clone(), e.clone())],
        bookings: vec![(r.clone(), o.clone(), e.clone())],
        needs: vec![(n.clone(), e.clone())],
    };
    out.push(compose::your_links(&m, &r.passenger_email, lang, &found, now).unwrap());
    // A hard bounce, told to each party (with and without a phone to call).
    let mut silent = o.clone();
    silent.driver_phone = None;
    for (offer, role) in [
        (&o, BouncedRole::Passenger),
        (&o, BouncedRole::Driver),
        (&silent, BouncedRole::Driver),
    ] {
        out.push(covoit::mail::bounced::address_bounced(&m, &e, offer, &r, role, now).unwrap());
    }
    // The organisers' changes: one email per person, here with every part a person can have
    // (a ride that no longer fits, a seat, a place on the waiting list).
    let mut before_event = e.clone();
    before_event.venue = "Gymnase".into();
    before_event.starts_at += Duration::days(1);
    let who = covoit::mail::organiser::Concerned {
        to: covoit::mail::recipient::Recipient::passenger(&e, &r),
        rides: vec![(o.clone(), false)],
        seats: vec![(o.clone(), r.clone())],
        needs: vec![n.clone()],
    };
    out.push(covoit::mail::organiser::event_changed(&m, &before_event, &e, &who, now).unwrap());
    out.push(
        covoit::mail::organiser::event_cancelled(&m, &e, "Terrain inondé.", &who, now).unwrap(),
    );
    let co = covoit::entities::co_organiser::Model {
        id: 9,
        event_id: e.id,
        name: "Cora Coorganisatrice".into(),
        email: "cora@club.example".into(),
        active_email: Some("cora@club.example".into()),
        locale: lang.code().into(),
        created_at: now,
        revoked_at: None,
        digest: false,
    };
    out.push(covoit::mail::organiser::co_organiser_invited(&m, &e, &co, now).unwrap());
    let message = covoit::entities::organiser_message::Model {
        id: 10,
        event_id: e.id,
        audience: covoit::domain::Audience::Drivers,
        body: "Rendez-vous à 9 h.".into(),
        recipients: 1,
        created_at: now,
    };
    out.push(covoit::mail::organiser::organiser_message(&m, &e, &message, &who).unwrap());
    // The organisers' daily emails, to the organiser and to a co-organiser.
    let organiser = covoit::mail::recipient::Recipient::organiser(&e);
    let team = covoit::mail::recipient::Recipient::co_organiser(&e, &co);
    let activity = covoit::mail::digest::Activity {
        new_rides: 1,
        new_requests: 2,
        accepted: 1,
        requests_cancelled: 1,
        waiting: 3,
        ..Default::default()
    };
    out.push(
        covoit::mail::digest::digest(
            &m,
            &e,
            (
                covoit::links::EventLink::Organiser { event_id: e.id },
                &organiser,
            ),
            &activity,
            (now - Duration::days(1), 1),
            now,
        )
        .unwrap(),
    );
    let count = covoit::mail::digest::DirectionCount {
        drivers: 2,
        seats: 7,
        passengers: 5,
        waiting: 1,
    };
    out.push(
        covoit::mail::digest::headcount(
            &m,
            &e,
            (covoit::links::EventLink::CoOrganiser { id: co.id }, &team),
            &[(Direction::ToEvent, count), (Direction::FromEvent, count)],
            1,
            now,
        )
        .unwrap(),
    );
    out.push(
        covoit::mail::organiser::event_removed(
            &m,
            &e,
            &covoit::mail::recipient::Recipient::organiser(&e),
        )
        .unwrap(),
    );
    out
}

/// Someone on the waiting list, reading `lang`.
fn waiter(lang: Lang, now: chrono::DateTime<Utc>) -> need::Model {
    need::Model {
        id: 4,
        public_id: "w4itingw4itingw4".into(),
        event_id: 1,
        direction: NeedDirection::Both,
        place: "Bron".into(),
        place_lat: None,
        place_lon: None,
        seats: 1,
        earliest: None,
        latest: None,
        name: "Wanda Attente".into(),
        email: "wanda@example.org".into(),
        phone: None,
        locale: lang.code().into(),
        status: NeedStatus::Waiting,
        active_email: Some("wanda@example.org".into()),
        created_at: now,
        updated_at: now,
        matched_at: None,
    }
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

/// Laid out for a phone and for readers without HTML: one heading, link texts in words (a raw
/// token URL as link text is what made emails 600 to 1,000 px wide), international `tel:`
/// links, old and new values in words, and text parts wrapped at 78 columns (only a link
/// longer than a line may stand alone on a longer one).
#[test]
fn every_kind_is_laid_out_for_a_phone_and_plain_text() {
    let anchor = regex::Regex::new(r"(?s)<a\b[^>]*>(.*?)</a>").unwrap();
    let tel = regex::Regex::new(r#"href="tel:([^"]*)""#).unwrap();
    let mut phones = 0;
    for lang in Lang::ALL {
        for o in &all_emails(lang) {
            let what = format!("{} in {lang:?}", o.kind);
            assert_eq!(o.html.matches("<h1").count(), 1, "{what}: one heading");
            for link in anchor.captures_iter(&o.html) {
                assert!(
                    !link[1].contains("://"),
                    "{what}: a URL as link text: {}",
                    &link[1]
                );
            }
            for number in tel.captures_iter(&o.html) {
                phones += 1;
                let n = &number[1];
                assert!(
                    n.starts_with('+') && n[1..].chars().all(|c| c.is_ascii_digit()),
                    "{what}: tel:{n} is not E.164"
                );
            }
            assert!(!o.html.contains("<s>"), "{what}: old values in words");
            for line in o.text.lines() {
                let alone = !line.trim().contains(' ');
                assert!(
                    line.chars().count() <= 78 || alone,
                    "{what}: a text line of {} characters: {line}",
                    line.chars().count()
                );
            }
        }
    }
    assert!(phones >= 6, "the phone numbers were looked at ({phones})");
}

/// A reply reaches the other party wherever replying to a person makes sense, and never
/// before the contacts are shared (a request still pending, a refusal, an expiry, the
/// waiting list).
#[test]
fn replies_reach_the_other_party_once_contacts_are_shared() {
    let (_, o, r) = records(Lang::En);
    let driver = o.driver_email.as_str();
    let passenger = r.passenger_email.as_str();
    for o in all_emails(Lang::En) {
        let reply = o.reply_to.as_ref().map(|p| p.email.as_str());
        let to_driver = o.to.email == driver;
        let expected = match o.kind {
            // To the driver: the passenger who asked, accepted or cancelled; after a removal
            // the driver has nothing to hear from them.
            EmailKind::RequestReceived | EmailKind::DriverNudge => Some(passenger),
            EmailKind::PassengerListChanged => {
                (!o.text.contains("You removed")).then_some(passenger)
            }
            EmailKind::PassengerCancelled => Some(passenger),
            // One confirmed passenger in these records.
            EmailKind::ReminderDriver => Some(passenger),
            // To the passenger with a seat: the driver.
            EmailKind::RequestAccepted | EmailKind::ReminderPassenger | EmailKind::TripChanged => {
                Some(driver)
            }
            // A seat taken back; not after one's own cancellation (the ride cancelled is
            // looked at below).
            EmailKind::RemovedByDriver => Some(driver),
            EmailKind::OfferCancelled => reply,
            _ => None,
        };
        assert_eq!(
            reply,
            expected,
            "{} to the {}: {}",
            o.kind,
            if to_driver { "driver" } else { "other" },
            o.subject
        );
    }
}

#[test]
fn a_cancelled_ride_lets_only_the_passengers_with_a_seat_reply() {
    let m = emails();
    let (e, o, r) = records(Lang::En);
    let notice = |status| {
        let mut ended = r.clone();
        ended.status = status;
        notify::passenger_notice(&m, &e, &o, &ended, NoticeKind::OfferCancelled, Utc::now())
            .unwrap()
            .reply_to
            .map(|p| p.email)
    };
    assert_eq!(
        notice(ReservationStatus::Cancelled),
        Some(o.driver_email.clone()),
        "a confirmed seat, now cancelled"
    );
    assert_eq!(
        notice(ReservationStatus::Refused),
        None,
        "a pending request"
    );
}
