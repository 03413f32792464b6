//! The organiser page on a 390 px phone (Chromium's mobile emulation), with a full roster of
//! long names and pickups: axe-core finds no violation, nothing scrolls sideways, the wide
//! table scrolls in its own keyboard-reachable region; the same for the cancel step.
use crate::browser::{chromium_with, post_json, served_figment, wait_until};
use crate::common::{self, TEST_KEY, smtp::free_port};
use crate::phone::{check, text};

use chrono::Utc;
use covoit::links::{Purpose, sign};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_roster_reads_on_a_390_px_phone() {
    let dir = "test-artifacts/organiser-phone";
    let _ = std::fs::remove_dir_all(dir);
    let port = free_port();
    let app = format!("http://127.0.0.1:{port}");
    let db_dir = tempfile::tempdir().unwrap();
    let server = tokio::spawn(covoit::build(served_figment(db_dir.path(), port)).launch());
    wait_until("the app", || async {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
    let event = post_json(port, "/api/events", &common::event_body());
    let slug = event["event"]["slug"].as_str().unwrap().to_owned();
    let mut offer = common::offer_body();
    offer["auto_accept"] = json!(true);
    offer["place"] = json!("Villeurbanne, parking du centre nautique Étienne-Gagnaire");
    let offer = post_json(port, &format!("/api/events/{slug}/offers"), &offer);
    let id = offer["offer"]["id"].as_str().unwrap().to_owned();
    for (name, email) in [
        ("Marie-Bérengère Delacroix-Montgolfier", "mbdm@example.org"),
        ("Jean-Christophe Vandenbroucke", "jcv@example.org"),
    ] {
        let booked = post_json(
            port,
            &format!("/api/offers/{id}/reservations"),
            &json!({"passenger_name": name, "passenger_email": email,
                    "pickup": "Rond-point de la Porte-de-Vaise, arrêt de bus « Gorge de Loup »"}),
        );
        assert_eq!(booked["reservation"]["status"], "confirmed", "{booked}");
    }
    post_json(
        port,
        &format!("/api/events/{slug}/needs"),
        &json!({"name": "Wilhelmina Vanderbeken-Oosterhuis", "email": "w@example.org",
                "direction": "both", "place": "Saint-Germain-au-Mont-d'Or"}),
    );

    let phone =
        json!({ "width": 390, "height": 844, "pixelRatio": 2, "touch": true, "mobile": true });
    let driver = chromium_with(
        json!({ "mobileEmulation": { "deviceMetrics": phone } }),
        None,
    )
    .await;
    let c = &driver.client;
    let until = Utc::now() + chrono::Duration::days(30);
    let organiser = format!(
        "{app}/link/event/{}",
        sign(TEST_KEY.as_bytes(), Purpose::Event, 1, until)
    );
    for lang in ["fr", "en", "de"] {
        c.goto(&format!("{organiser}?lang={lang}")).await.unwrap();
        let seen = text(c).await;
        for name in [
            "Marie-Bérengère Delacroix-Montgolfier",
            "Jean-Christophe Vandenbroucke",
            "Wilhelmina Vanderbeken-Oosterhuis",
        ] {
            assert!(seen.contains(name), "{name} in {seen}");
        }
        check(c, dir, &format!("organiser-{lang}")).await;
    }
    // The wide table scrolls in its own region, reachable with the keyboard.
    let region = c
        .execute(
            "const r = document.querySelector('.table-wrap'); return [r.getAttribute('role'), r.tabIndex]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(region, json!(["region", 0]));
    c.goto(&format!("{organiser}/cancel?lang=fr"))
        .await
        .unwrap();
    check(c, dir, "cancel-fr").await;

    let crate::browser::Driver {
        mut process,
        client,
        ..
    } = driver;
    client.close().await.ok();
    process.kill().ok();
    server.abort();
}
