//! The waiting list is told of freed seats nearest first, then oldest first.
use super::common::{TestApp, offer_body};
use covoit::entities::{need, need_alert};
use rocket::http::Status;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

on_both_backends!(nearest_waiting_people_hear_first);

async fn wait(app: &TestApp, slug: &str, who: &str, place: &str) {
    let (status, body) = app
        .post_json(
            &format!("/api/events/{slug}/needs"),
            &json!({"name": who, "email": format!("{who}@example.org"),
                    "direction": "to_event", "place": place, "locale": "fr"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
}

async fn ride(app: &TestApp, slug: &str, seats: i64, n: usize) {
    let mut body = offer_body();
    body["place"] = json!("Villeurbanne");
    body["seats"] = json!(seats);
    body["driver_email"] = json!(format!("driver{n}@example.org"));
    body.as_object_mut().unwrap().remove("return");
    let (status, answer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
}

/// Who was told, in the order they were told.
async fn told(app: &TestApp) -> Vec<String> {
    let needs = need::Entity::find().all(&app.db.conn).await.unwrap();
    need_alert::Entity::find()
        .order_by_asc(need_alert::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| {
            needs
                .iter()
                .find(|n| n.id == a.need_id)
                .map(|n| n.name.clone())
        })
        .collect()
}

async fn nearest_waiting_people_hear_first(app: &TestApp) {
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap().to_owned();
    // Oldest first: far away, somewhere unknown, Bron, Villeurbanne itself, Bron again.
    wait(app, &slug, "anne", "Saint-Étienne").await;
    wait(app, &slug, "dora", "Chez mes parents").await;
    wait(app, &slug, "bert", "Bron").await;
    wait(app, &slug, "cleo", "Villeurbanne").await;
    wait(app, &slug, "emil", "69500 Bron").await;

    // One seat from Villeurbanne: two alerts, the nearest two.
    ride(app, &slug, 1, 1).await;
    assert_eq!(told(app).await, ["cleo", "bert"]);

    // Three more seats: six alerts at most; the same town's people oldest first, the unknown
    // place last.
    ride(app, &slug, 3, 2).await;
    assert_eq!(
        told(app).await[2..],
        ["cleo", "bert", "emil", "anne", "dora"]
    );
}
