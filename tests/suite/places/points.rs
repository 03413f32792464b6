//! Points stored with what people type (the venue, departures, pickups, waiting places) when
//! the gazetteer knows it, free text kept when it does not; and no exact departure point on
//! any public answer.
use super::common::{TestApp, event_body, offer_body};
use covoit::entities::{event, need, offer, reservation};
use covoit::services::offer_admin::RawEdit;
use covoit::services::places::Places;
use rocket::http::Status;
use sea_orm::EntityTrait;
use serde_json::json;

on_both_backends!(points_follow_the_text, no_exact_departure_in_public);

/// Villeurbanne's centre in the gazetteer (data/gazetteer.tsv).
const VILLEURBANNE: (f64, f64) = (45.76601, 4.8795);

fn near(point: (Option<f64>, Option<f64>), expected: (f64, f64)) -> bool {
    match point {
        (Some(lat), Some(lon)) => {
            (lat - expected.0).abs() < 1e-4 && (lon - expected.1).abs() < 1e-4
        }
        _ => false,
    }
}

async fn points_follow_the_text(app: &TestApp) {
    let (status, body) = app.post_json("/api/events", &event_body()).await;
    assert_eq!(status, Status::Created, "{body}");
    let slug = body["event"]["slug"].as_str().unwrap().to_owned();
    let events = event::Entity::find().all(&app.db.conn).await.unwrap();
    let e = &events[0];
    assert_eq!(
        e.venue, "Stade municipal, Lyon",
        "the text is kept as typed"
    );
    assert!(
        near((e.venue_lat, e.venue_lon), (45.74846, 4.84671)),
        "Lyon"
    );

    // "Villeurbanne, place Grandclément" there, "Parking du stade" back.
    let mut body = offer_body();
    body["return"]["place"] = json!("Parking du stade");
    let (status, answer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    let there = app.offer_row(answer["offer"]["id"].as_str().unwrap()).await;
    let back = app
        .offer_row(answer["return_offer"]["id"].as_str().unwrap())
        .await;
    assert!(near((there.place_lat, there.place_lon), VILLEURBANNE));
    assert_eq!(back.place, "Parking du stade");
    assert_eq!(
        (back.place_lat, back.place_lon),
        (None, None),
        "unknown: free text"
    );

    let offer_id = answer["offer"]["id"].as_str().unwrap().to_owned();
    let (status, booked) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": "Paul P", "passenger_email": "paul@example.org",
                    "pickup": "Bron", "seats": 1}),
        )
        .await;
    assert_eq!(status, Status::Created, "{booked}");
    let r = &reservation::Entity::find().all(&app.db.conn).await.unwrap()[0];
    assert!(
        near((r.pickup_lat, r.pickup_lon), (45.73865, 4.91303)),
        "Bron"
    );

    let (status, waiting) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": "Wanda W", "email": "wanda@example.org", "direction": "to_event",
                    "place": "69200 Vénissieux"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{waiting}");
    let n = &need::Entity::find().all(&app.db.conn).await.unwrap()[0];
    assert_eq!(n.place, "69200 Vénissieux");
    assert!(
        near((n.place_lat, n.place_lon), (45.69706, 4.88593)),
        "Vénissieux"
    );

    // The driver moves the departure: the point follows; to an unknown place: it goes.
    for (place, expected) in [("Bron", Some((45.73865, 4.91303))), ("Chez Mamie", None)] {
        covoit::services::offer_admin::edit(
            &app.db,
            &app.emails(),
            &Places::gazetteer(),
            there.id,
            &RawEdit {
                departs_at: there.departs_at.to_rfc3339(),
                place: place.into(),
                seats: there.seats_total.to_string(),
                notes: String::new(),
            },
            Default::default(),
            chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let edited = offer::Entity::find_by_id(there.id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(edited.place, place);
        match expected {
            Some(p) => assert!(near((edited.place_lat, edited.place_lon), p), "{place}"),
            None => assert_eq!((edited.place_lat, edited.place_lon), (None, None)),
        }
    }
}

async fn no_exact_departure_in_public(app: &TestApp) {
    let (slug, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    // The API gives the departure rounded to about 1 km.
    assert_eq!(
        (offer["lat"].as_f64(), offer["lon"].as_f64()),
        (Some(45.77), Some(4.88))
    );
    let row = app.offer_row(&offer_id).await;
    assert!(
        near((row.place_lat, row.place_lon), VILLEURBANNE),
        "stored exactly"
    );
    let exact = [
        format!("{}", VILLEURBANNE.0),
        format!("{}", VILLEURBANNE.1),
        "45.766".to_owned(),
        "4.879".to_owned(),
    ];
    let public = [
        // The event page carries the map too.
        format!("/e/{slug}"),
        format!("/e/{slug}?near=Lyon"),
        format!("/embed/{slug}"),
        format!("/o/{offer_id}"),
        format!("/api/events/{slug}"),
        format!("/api/events/{slug}?near=Lyon"),
        format!("/api/offers/{offer_id}"),
        format!("/e/{slug}/map.svg"),
    ];
    for path in public {
        let (status, body) = app.get(&path).await;
        assert!(
            status == Status::Ok || status == Status::NotFound,
            "{path}: {status}"
        );
        for secret in &exact {
            assert!(!body.contains(secret.as_str()), "{path} shows {secret}");
        }
    }
    let (_, answer) = app.get_json(&format!("/api/offers/{offer_id}")).await;
    assert_eq!(answer["offer"]["lat"], json!(45.77));
    assert_eq!(answer["offer"]["lon"], json!(4.88));
}
