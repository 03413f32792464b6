//! email_templates: 2. Hostile values: escaped in HTML, verbatim in text.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

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
