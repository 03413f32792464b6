//! The organiser's CSV as a spreadsheet reads it: parsed by Python's csv module, with `;` and
//! a byte-order mark (French Excel) or `,`; localized headers, readable values, one row per
//! passenger seat and one per ride without passengers; no contact details without consent.
use crate::common::{self, Backend, TestApp};
use chrono::Utc;
use rocket::http::Status;

pub fn parse(csv: &str, sep: &str) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rides.csv");
    std::fs::write(&path, csv).unwrap();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))",
        ])
        .arg(&path)
        .arg(sep)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_spreadsheet_reads_the_csv_with_either_separator() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (slug, offer, _) = app.event_with_offer().await;
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap()),
            &serde_json::json!({"passenger_name": "Chloé \"Clo\" Durand; fils", "seats": 2,
                    "passenger_email": "chloe@example.org", "pickup": "Gare, quai 2"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let rid = body["reservation"]["id"].as_i64().unwrap();
    covoit::services::decisions::accept(&app.db, &app.emails(), rid, None, Utc::now())
        .await
        .unwrap();
    let e = covoit::services::events::by_slug(&app.db, &slug)
        .await
        .unwrap();
    let token = covoit::links::sign(
        common::TEST_KEY.as_bytes(),
        covoit::links::Purpose::Event,
        e.id,
        Utc::now() + chrono::Duration::days(1),
    );
    let (_, page) = app.get(&format!("/link/event/{token}")).await;
    assert!(page.contains("/csv?sep=semicolon") && page.contains("/csv?sep=comma"));

    for (sep, query) in [(";", "semicolon"), (",", "comma")] {
        let (status, csv) = app
            .get(&format!("/link/event/{token}/csv?sep={query}&lang=fr"))
            .await;
        assert_eq!(status, Status::Ok);
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark");
        let rows = parse(&csv, sep);
        assert_eq!(rows[0][0], "trajet", "{:?}", rows[0]);
        assert_eq!(rows[0][9], "place du passager (n/total)");
        // Two seats: two rows; the ride back, without passengers: one row.
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][8], "Chloé \"Clo\" Durand; fils");
        assert_eq!((rows[1][9].as_str(), rows[2][9].as_str()), ("1/2", "2/2"));
        assert_eq!(rows[1][10], "Gare, quai 2");
        assert_eq!(rows[1][4], "ouvert", "{:?}", rows[1]);
        assert_eq!(rows[3][8], "", "the ride back has no passenger");
        assert!(rows.iter().all(|r| r.len() == 15), "{rows:?}");
        assert!(
            rows[1][11..].iter().all(String::is_empty),
            "no consent, no contact"
        );
        assert!(!csv.contains("chloe@example.org") && !csv.contains(common::DRIVER_EMAIL));
    }
    app.finish().await;
}
