//! "Near me": `GET /api/events/{slug}?near=&radius_km=` and the event page's near form sort the
//! rides nearest first, with their distance, and leave out those beyond the radius.
use super::common::html::visible_text;
use super::common::{TestApp, offer_body};
use rocket::http::Status;
use serde_json::{Value, json};

on_sqlite!(api_sorts_by_distance, page_sorts_by_distance);

/// An event in Lyon with rides from Villeurbanne, Bron, Saint-Étienne and an unknown place.
pub(super) async fn event_with_rides(app: &TestApp) -> String {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    for (i, place) in ["Villeurbanne", "Saint-Étienne", "Parking du stade", "Bron"]
        .iter()
        .enumerate()
    {
        let mut body = offer_body();
        body["place"] = json!(place);
        body["driver_email"] = json!(format!("driver{i}@example.org"));
        body["driver_name"] = json!(format!("Driver{i} Name"));
        body.as_object_mut().unwrap().remove("return");
        let (status, answer) = app
            .post_json(&format!("/api/events/{slug}/offers"), &body)
            .await;
        assert_eq!(status, Status::Created, "{answer}");
    }
    slug
}

fn places_and_distances(body: &Value) -> Vec<(String, Value)> {
    body["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["place"].as_str().unwrap().to_owned(),
                o["distance_km"].clone(),
            )
        })
        .collect()
}

async fn api_sorts_by_distance(app: &TestApp) {
    let slug = event_with_rides(app).await;
    let (status, body) = app
        .get_json(&format!("/api/events/{slug}?near=V%C3%A9nissieux"))
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    let found = places_and_distances(&body);
    let order: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        order,
        ["Bron", "Villeurbanne", "Saint-Étienne", "Parking du stade"],
        "nearest first, the unknown place last"
    );
    let km = |i: usize| found[i].1.as_f64().unwrap();
    assert!((3.0..8.0).contains(&km(0)), "Bron {}", km(0));
    assert!((6.0..11.0).contains(&km(1)), "Villeurbanne {}", km(1));
    assert!((40.0..60.0).contains(&km(2)), "Saint-Étienne {}", km(2));
    assert_eq!(found[3].1, Value::Null);

    // A radius leaves the far ride out; coordinates work as well as names.
    let (_, body) = app
        .get_json(&format!(
            "/api/events/{slug}?near=45.697,4.886&radius_km=20"
        ))
        .await;
    let order: Vec<String> = places_and_distances(&body)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(order, ["Bron", "Villeurbanne", "Parking du stade"]);

    // Without near: the usual order and no distance.
    let (_, plain) = app.get_json(&format!("/api/events/{slug}")).await;
    assert!(plain["offers"][0].get("distance_km").is_none());

    for (query, field) in [
        ("near=Nulle-Part-sur-Rien", "near"),
        ("near=%00%01", "near"),
        ("near=", "near"),
        ("near=Lyon&radius_km=abc", "radius_km"),
        ("near=Lyon&radius_km=-3", "radius_km"),
        ("near=Lyon&radius_km=1e9", "radius_km"),
    ] {
        let (status, body) = app.get_json(&format!("/api/events/{slug}?{query}")).await;
        assert_eq!(status, Status::UnprocessableEntity, "{query}: {body}");
        assert_eq!(body["error"]["code"], "invalid");
        assert!(
            body["error"]["fields"][field].is_string(),
            "{query}: {body}"
        );
    }
    for query in [
        "near=%FF%FE",
        "near=%",
        &format!("near={}", "a".repeat(5000)),
    ] {
        let (status, _) = app.get_json(&format!("/api/events/{slug}?{query}")).await;
        assert!(status.code < 500, "{query:.40}: {status}");
    }
}

async fn page_sorts_by_distance(app: &TestApp) {
    let slug = event_with_rides(app).await;
    let (status, page) = app
        .get(&format!(
            "/e/{slug}?near=V%C3%A9nissieux&radius_km=25&lang=en"
        ))
        .await;
    assert_eq!(status, Status::Ok);
    let text = visible_text(&page);
    assert!(
        text.contains("Rides sorted from nearest to farthest from \"Vénissieux\"."),
        "{text}"
    );
    let at = |text: &str| {
        page.find(&format!(r#"class="place">{text}"#))
            .unwrap_or_else(|| panic!("{text} missing"))
    };
    assert!(at("Bron") < at("Villeurbanne") && at("Villeurbanne") < at("Parking du stade"));
    assert!(
        !page.contains(r#"class="place">Saint-Étienne"#),
        "beyond 25 km"
    );
    assert!(
        page.contains(r#"<span class="distance">· "#),
        "the distance on the cards"
    );
    assert!(page.contains(r#"<option value="25" selected>25 km</option>"#));
    assert!(page.contains(r#"id="f-near" name="near" type="text" value="Vénissieux""#));

    // The form is a GET on the event page, in every language.
    let (_, fr) = app.get(&format!("/e/{slug}?lang=fr")).await;
    assert!(fr.contains(r#"<form class="near" method="get""#));
    assert!(fr.contains("Trajets près de chez vous"));
    let (_, de) = app.get(&format!("/e/{slug}?near=Bron&lang=de")).await;
    assert!(de.contains(r#"<span class="distance">· "#) && de.contains("entfernt</span>"));

    // An unknown place: the page, its rides in the usual order, and the field's message.
    let (status, page) = app.get(&format!("/e/{slug}?near=Nulle-Part&lang=en")).await;
    assert_eq!(status, Status::Ok);
    assert!(visible_text(&page).contains("This place is unknown"));
    assert!(page.contains(r#"aria-invalid="true""#));
    assert!(
        !page.contains(r#"<span class="distance">"#),
        "no distance on the cards"
    );
    assert!(page.contains(r#"class="place">Saint-Étienne"#));
    for query in [
        "near=%FF",
        "near=%00",
        "radius_km=zzz",
        "near=Lyon&radius_km=99999",
    ] {
        let (status, _) = app.get(&format!("/e/{slug}?{query}")).await;
        assert_eq!(status, Status::Ok, "{query}");
    }
}
