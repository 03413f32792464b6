//! The HTTP geocoders (Géoplateforme/BAN, Photon, Nominatim), each against a service on loopback
//! answering in its documented format: results mapped, answers cached (the second identical
//! query is not sent), and the forms storing the points they give.
use super::common::{Backend, TestApp, local_in_days};
use super::fake_geocoder::{FakeGeocoder, Reply, ban_answer, labels, suggest, with_geocoder};
use covoit::entities::{event, geocode_cache};
use rocket::http::Status;
use sea_orm::EntityTrait;
use serde_json::json;

/// Where the BAN answer of these tests puts "12 Rue de la République, Lyon".
const REPUBLIQUE: (f64, f64) = (45.76412, 4.83571);

#[rocket::async_test]
async fn ban_places_are_mapped_and_cached() {
    let fake = FakeGeocoder::start(|_| {
        Reply::json(ban_answer(
            "12 Rue de la République 69001 Lyon",
            REPUBLIQUE.1,
            REPUBLIQUE.0,
            0.97,
        ))
    })
    .await;
    let app = TestApp::start_with(Backend::Sqlite, with_geocoder("ban", &fake.url, 2000)).await;

    let found = suggest(&app, "q=12+rue+de+la+R%C3%A9publique+Lyon&lang=fr").await;
    assert_eq!(found.len(), 1, "{found:?}");
    let first = &found[0];
    assert_eq!(first["label"], "12 Rue de la République 69001 Lyon");
    assert_eq!(first["postcode"], "69001");
    assert_eq!(first["country"], "FR");
    assert_eq!(first["zone"], "Europe/Paris");
    assert_eq!(
        (first["lat"].as_f64(), first["lon"].as_f64()),
        (Some(REPUBLIQUE.0), Some(REPUBLIQUE.1))
    );
    let targets = fake.targets();
    assert_eq!(
        targets,
        ["/search?q=12+rue+de+la+R%C3%A9publique+Lyon&limit=10"]
    );
    let head = fake.requests()[0].to_ascii_lowercase();
    assert!(
        head.contains("user-agent: covoit/") && head.contains("ops@covoit.test"),
        "{head}"
    );

    // The same query, typed differently: answered from the cache, not sent again.
    let again = suggest(&app, "q=12++RUE+de+la+republique+lyon&lang=de").await;
    assert_eq!(labels(&again), ["12 Rue de la République 69001 Lyon"]);
    assert_eq!(fake.targets().len(), 1, "the second query was not sent");
    // Two letters are the gazetteer's: not sent.
    assert_eq!(labels(&suggest(&app, "q=ly").await)[0], "Lyon (69)");
    assert_eq!(fake.targets().len(), 1, "a two-letter query was not sent");

    // The cache holds the query and the places, kept for 30 days, then swept.
    let rows = geocode_cache::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.source.as_str(), row.query.as_str(), row.lang.as_str()),
        ("ban", "12 rue de la republique lyon", ""),
        "the Géoplateforme answers alike in every language"
    );
    let days = (row.expires_at - chrono::Utc::now()).num_hours() as f64 / 24.0;
    assert!((29.9..=30.1).contains(&days), "{days}");
    let now = chrono::Utc::now();
    let swept = covoit::services::places::sweep_cache(&app.db, now)
        .await
        .unwrap();
    assert_eq!(swept, 0, "nothing expired yet");
    let later = now + chrono::Duration::days(31);
    let swept = covoit::services::places::sweep_cache(&app.db, later)
        .await
        .unwrap();
    assert_eq!(swept, 1);
    assert!(
        geocode_cache::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()
            .is_empty()
    );
    app.finish().await;
}

#[rocket::async_test]
async fn photon_places_are_mapped() {
    let answer = json!({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature",
             "geometry": {"type": "Point", "coordinates": [4.3525, 50.84673]},
             "properties": {"osm_type": "W", "osm_id": 26014916, "osm_key": "place",
                            "osm_value": "square", "type": "street",
                            "name": "Grand-Place - Grote Markt", "postcode": "1000",
                            "city": "Bruxelles - Brussel", "countrycode": "BE",
                            "country": "Belgique / België / Belgien",
                            "state": "Bruxelles-Capitale - Brussel-Hoofdstad",
                            "extent": [4.3515, 50.8472, 4.3535, 50.8462]}},
            {"type": "Feature",
             "geometry": {"type": "Point", "coordinates": [13.3888599, 52.5170365]},
             "properties": {"osm_type": "R", "osm_id": 62422, "osm_key": "place",
                            "osm_value": "city", "type": "city", "name": "Berlin",
                            "countrycode": "DE", "country": "Deutschland"}}
        ]
    })
    .to_string();
    let fake = FakeGeocoder::start(move |_| Reply::json(answer.clone())).await;
    let app = TestApp::start_with(Backend::Sqlite, with_geocoder("photon", &fake.url, 2000)).await;
    let found = suggest(&app, "q=grand-place&lang=fr").await;
    assert_eq!(
        labels(&found),
        [
            "Grand-Place - Grote Markt, 1000 Bruxelles - Brussel (BE)",
            "Berlin (DE)"
        ]
    );
    assert_eq!(found[0]["country"], "BE");
    assert_eq!(found[0]["postcode"], "1000");
    assert_eq!(found[0]["lat"].as_f64(), Some(50.84673));
    assert_eq!(found[1]["country"], "DE");
    assert!(found[1].get("postcode").is_none());
    assert_eq!(fake.targets(), ["/api?q=grand-place&limit=10&lang=fr"]);

    // A text naming the town found takes its point; one that does not stays free text
    // (a worldwide service matches anything with something).
    for (venue, expected) in [
        ("Grand-Place, Bruxelles", Some((50.84673, 4.3525))),
        ("Parking du stade", None),
    ] {
        let (status, body) = app
            .post_json(
                "/api/events",
                &json!({"name": "Fête", "venue": venue, "starts_at": local_in_days(10, 14),
                        "timezone": "Europe/Brussels", "organizer_name": "Odile O",
                        "organizer_email": "odile@club.example"}),
            )
            .await;
        assert_eq!(status, Status::Created, "{body}");
        let slug = body["event"]["slug"].as_str().unwrap();
        let e = event::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.slug == slug)
            .unwrap();
        let point = e.venue_lat.zip(e.venue_lon);
        assert_eq!(point, expected, "{venue}");
    }
    app.finish().await;
}

#[rocket::async_test]
async fn nominatim_places_are_mapped() {
    let answer = json!([{
        "place_id": 85995420,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": "node", "osm_id": 3109564546_u64,
        "lat": "46.5167737", "lon": "6.6291618",
        "category": "railway", "type": "station", "place_rank": 30, "importance": 0.41,
        "addresstype": "railway", "name": "Lausanne",
        "display_name": "Lausanne, Place de la Gare, Sous-Gare, Lausanne, District de Lausanne, \
                         Vaud, 1003, Schweiz/Suisse/Svizzera/Svizra",
        "address": {"railway": "Lausanne", "road": "Place de la Gare", "suburb": "Sous-Gare",
                    "city": "Lausanne", "county": "District de Lausanne", "state": "Vaud",
                    "ISO3166-2-lvl4": "CH-VD", "postcode": "1003",
                    "country": "Schweiz/Suisse/Svizzera/Svizra", "country_code": "ch"},
        "boundingbox": ["46.5167237", "46.5168237", "6.6291118", "6.6292118"]
    }])
    .to_string();
    let fake = FakeGeocoder::start(move |_| Reply::json(answer.clone())).await;
    let app =
        TestApp::start_with(Backend::Sqlite, with_geocoder("nominatim", &fake.url, 2000)).await;
    let found = suggest(&app, "q=lausanne+gare&lang=de").await;
    assert_eq!(labels(&found), ["1003 Lausanne (CH)"]);
    assert_eq!(found[0]["country"], "CH");
    assert_eq!(found[0]["zone"], "Europe/Zurich");
    assert_eq!(
        (found[0]["lat"].as_f64(), found[0]["lon"].as_f64()),
        (Some(46.51677), Some(6.62916))
    );
    assert_eq!(
        fake.targets(),
        [
            "/search?q=lausanne+gare&limit=10&format=jsonv2&addressdetails=1&accept-language=de\
          &email=ops%40covoit.test"
        ]
    );
    app.finish().await;
}

/// A place the BAN answer knows: the venue and a departure typed in the page forms.
async fn forms_store_the_points_of_the_http_source(backend: Backend) {
    const STADE: (f64, f64) = (45.72388, 4.83227);
    const GRANDCLEMENT: (f64, f64) = (45.75734, 4.89106);
    let fake = FakeGeocoder::start(|target| {
        let body = if target.contains("Gerland") {
            ban_answer("353 Avenue Jean Jaurès 69007 Lyon", STADE.1, STADE.0, 0.93)
        } else if target.contains("Grandcl") {
            ban_answer(
                "Place Grandclément 69100 Villeurbanne",
                GRANDCLEMENT.1,
                GRANDCLEMENT.0,
                0.88,
            )
        } else {
            json!({"type": "FeatureCollection", "features": []}).to_string()
        };
        Reply::json(body)
    })
    .await;
    let app = TestApp::start_with(backend, with_geocoder("ban", &fake.url, 2000)).await;
    let (status, _, location) = app
        .post_form(
            "/events",
            &[
                ("name", "Club party"),
                ("venue", "Stade de Gerland, 353 avenue Jean Jaurès"),
                ("starts_at", &local_in_days(10, 14)),
                ("timezone", ""),
                ("organizer_name", "Olivia Organiser"),
                ("organizer_email", "olivia@club.example"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther);
    let e = event::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .remove(0);
    assert_eq!((e.venue_lat, e.venue_lon), (Some(STADE.0), Some(STADE.1)));
    assert_eq!(e.timezone, "Europe/Paris", "the venue's zone");
    assert!(location.is_some_and(|l| l.contains(&e.slug)));
    assert_eq!(fake.targets().len(), 1, "the venue was sent once");

    let place = "12 place Grandclément, Villeurbanne";
    let (status, page, _) = app
        .post_form(
            &format!("/e/{}/offers", e.slug),
            &[
                ("direction", "to_event"),
                ("place", place),
                ("departs_at", &local_in_days(10, 12)),
                ("seats", "3"),
                ("notes", ""),
                ("driver_name", "Dan Driver"),
                ("driver_email", "dan@mail.example"),
                ("driver_phone", ""),
                ("return_departs_at", ""),
                ("return_seats", ""),
                ("return_place", ""),
                ("locale", "en"),
            ],
        )
        .await;
    assert!(
        status == Status::SeeOther || status == Status::Ok,
        "{status}: {page:.300}"
    );
    let offers = covoit::entities::offer::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(offers.len(), 1, "{page:.300}");
    assert_eq!(
        (offers[0].place_lat, offers[0].place_lon),
        (Some(GRANDCLEMENT.0), Some(GRANDCLEMENT.1))
    );
    // The public answer shows the departure only approximately.
    let (_, public) = app.get_json(&format!("/api/events/{}", e.slug)).await;
    let text = public.to_string();
    assert!(
        !text.contains("45.75734") && !text.contains("4.89106"),
        "{text}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forms_store_the_points_of_the_http_source_sqlite() {
    forms_store_the_points_of_the_http_source(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forms_store_the_points_of_the_http_source_postgres() {
    forms_store_the_points_of_the_http_source(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forms_store_the_points_of_the_http_source_mysql() {
    forms_store_the_points_of_the_http_source(Backend::Mysql).await;
}
