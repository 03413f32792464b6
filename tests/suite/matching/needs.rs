//! matching: 1. Needs — the API's answer and rules, the form on the site and in the widget,
//! the passenger's own page (edit, withdraw), lapsing at the event's start, counts on the
//! event page and the API, and nothing of a waiting person's contact anywhere public.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

use covoit::domain::NeedStatus;
use covoit::services::needs;

on_both_backends!(needs_follow_their_rules, waiting_people_stay_private);

async fn needs_follow_their_rules(app: &TestApp) {
    let (slug, _, _) = app.event_with_offer().await;
    let (status, body) = need(app, &slug, "Wanda Wait", "wanda@example.org", "both").await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(body["need"]["status"], "waiting");
    assert_eq!(body["need"]["direction"], "both");
    assert_eq!(body["need"]["seats"], 1);
    assert_eq!(body["email"]["status"], "captured");
    let id = body["need"]["id"].as_str().unwrap();
    assert_eq!(id.len(), 16, "a random public id: {id}");

    // The same person, event and an overlapping direction: refused, clearly.
    for direction in ["to_event", "from_event", "both"] {
        let (status, body) = need(app, &slug, "Wanda Wait", "WANDA@example.org", direction).await;
        assert_eq!(status, Status::Conflict, "{direction}: {body}");
        assert_eq!(body["error"]["code"], "duplicate_need");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("attente")
        );
    }
    // Someone else may wait too; the counts say so.
    let (status, _) = need(app, &slug, "Xavier", "xavier@example.org", "to_event").await;
    assert_eq!(status, Status::Created);
    let (_, event) = app.get_json(&format!("/api/events/{slug}")).await;
    assert_eq!(event["needs"], json!({"to_event": 2, "from_event": 1}));

    // Bad input names its field; nothing is saved.
    let (status, body) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": "Yann", "email": "yann@example.org", "direction": "sideways",
                    "place": "", "seats": 12, "earliest": local_in_days(10, 11),
                    "latest": local_in_days(10, 9)}),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    for field in ["direction", "place", "seats", "latest"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let (_, event) = app.get_json(&format!("/api/events/{slug}")).await;
    assert_eq!(event["needs"]["to_event"], 2);

    // The passenger's own page: GET changes nothing; an edit is saved; a withdrawal ends it,
    // once.
    let wanda = need_row(app, "wanda@example.org").await;
    let page = link_for(Purpose::Need, wanda.id, far());
    let (status, html) = app.get(&page).await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("Vaulx-en-Velin") && html.contains("/withdraw"),
        "{html}"
    );
    let (status, _, location) = app
        .post_form(
            &format!("{page}/edit"),
            &[("place", "Bron"), ("seats", "2"), ("phone", "")],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=saved"));
    let (_, html) = app.get(&format!("{page}?done=saved")).await;
    assert!(
        html.contains("Bron") && html.contains("enregistrée"),
        "{html}"
    );
    let (status, html, _) = app
        .post_form(&format!("{page}/edit"), &[("place", ""), ("seats", "0")])
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(html.contains("id=\"e-place\"") && html.contains("id=\"e-seats\""));
    assert_eq!(need_row(app, "wanda@example.org").await.place, "Bron");
    let (status, _, _) = app.post_form(&format!("{page}/withdraw"), &[]).await;
    assert_eq!(status, Status::SeeOther);
    assert_eq!(
        need_row(app, "wanda@example.org").await.status,
        NeedStatus::Withdrawn
    );
    let (status, html, _) = app.post_form(&format!("{page}/withdraw"), &[]).await;
    assert_eq!(status, Status::Conflict, "a replay changes nothing");
    assert!(html.contains("close"), "{html}");
    // Withdrawn, the person may wait again.
    let (status, _) = need(app, &slug, "Wanda Wait", "wanda@example.org", "from_event").await;
    assert_eq!(status, Status::Created);

    // The form on the site and in the widget.
    for base in ["", "/embed"] {
        let (status, html) = app
            .get(&format!(
                "{base}/e/{slug}/needs/new?direction=to_event&lang=en"
            ))
            .await;
        assert_eq!(status, Status::Ok);
        assert!(html.contains("value=\"to_event\" checked"), "{html}");
        let (status, html, _) = app
            .post_form(
                &format!("{base}/e/{slug}/needs?lang=en"),
                &[
                    ("name", "Zoé"),
                    ("email", &format!("zoe{}@example.org", base.len())),
                    ("direction", "to_event"),
                    ("place", "Caluire"),
                    ("seats", "1"),
                ],
            )
            .await;
        assert_eq!(status, Status::Created, "{html}");
        assert!(html.contains("You are on the waiting list"), "{html}");
    }

    // At the event's start, waiting needs lapse (and only they).
    let later = Utc::now() + Duration::days(11);
    let lapsed = needs::lapse_due(&app.db, later).await.unwrap();
    assert_eq!(lapsed, 4, "Xavier, Wanda (again) and the two Zoés");
    assert_eq!(
        need_row(app, "xavier@example.org").await.status,
        NeedStatus::Lapsed
    );
    assert_eq!(needs::lapse_due(&app.db, later).await.unwrap(), 0);
}

async fn waiting_people_stay_private(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap();
    let (status, _) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": "Paulette Secret", "email": "paulette.secret@example.org",
                    "phone": "06 98 76 54 32", "direction": "to_event", "place": "Bron",
                    "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created);
    let o = offer_of(app, offer_id).await;
    let manage = link_for(Purpose::Manage, o.id, far());
    let mut seen = Vec::new();
    for path in [
        format!("/e/{slug}"),
        format!("/embed/{slug}"),
        format!("/o/{offer_id}"),
        format!("/api/events/{slug}"),
        format!("/api/offers/{offer_id}"),
        manage.clone(),
    ] {
        let (status, body) = app.get(&path).await;
        assert_eq!(status, Status::Ok, "{path}");
        for secret in ["paulette.secret", "06 98 76 54 32", "Secret"] {
            assert!(!body.contains(secret), "{secret} on {path}");
        }
        seen.push(body);
    }
    // The driver sees who waits: first name, place, seats, and an invite button.
    let page = seen.last().unwrap();
    assert!(page.contains("Paulette") && page.contains("Bron"), "{page}");
    assert!(page.contains("/invite/"), "{page}");
    // The event page counts them.
    assert!(
        seen[0].contains("1 personne cherche un trajet"),
        "{}",
        seen[0]
    );
}
