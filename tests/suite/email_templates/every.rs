//! email_templates: 1. Every email, both languages, the same content in text and HTML.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

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
                (other, _) => unreachable!("{other:?}: wording pinned for fr and en"),
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
                other => unreachable!("{other:?}: wording pinned for fr and en"),
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
            for repeat in &m.repeats {
                assert_in_both(&r, &repeat.when);
                assert_in_both(&r, &repeat.manage_url);
            }
            for trip in &m.trips {
                for v in [&trip.label, &trip.when, &trip.place, &trip.url] {
                    assert_in_both(&r, v);
                }
                // Seats offered, in the reader's language and number.
                let offered = match l {
                    Lang::Fr => format!("{} places proposées", trip.seats),
                    Lang::En => format!("{} seats offered", trip.seats),
                    other => unreachable!("{other:?}: wording pinned for fr and en"),
                };
                assert_phrase(&r, &offered);
            }
            assert_present_iff(&r, MANAGE_URL, manage);
            let label = match l {
                Lang::Fr => "Gérer mon trajet",
                Lang::En => "Manage my ride",
                other => unreachable!("{other:?}: wording pinned for fr and en"),
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
                (other, ..) => unreachable!("{other:?}: wording pinned for fr and en"),
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
                other => unreachable!("{other:?}: wording pinned for fr and en"),
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
                (other, _) => unreachable!("{other:?}: wording pinned for fr and en"),
            };
            assert_phrase(&r, &sentence);
            assert_present_iff(&r, STATUS_URL, status);
            let label = match l {
                Lang::Fr => "Suivre ou annuler ma demande",
                Lang::En => "Follow or cancel my request",
                other => unreachable!("{other:?}: wording pinned for fr and en"),
            };
            assert_phrase_iff(&r, label, status);
        }
    }
}
