//! operations: abuse: rate limits, lock-outs, the acknowledgement cap and the honeypot.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_answer_429_with_retry_after() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("rate_limit_per_ip", 3))
            .merge(("rate_limit_per_email", 2))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let (slug, offer, _) = app.event_with_offer().await;
    let path = format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap());
    let from = |ip: &'static str, email: String| {
        app.client
            .post(path.clone())
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .body(json!({"passenger_name": "R", "passenger_email": email}).to_string())
            .dispatch()
    };
    for i in 0..3 {
        assert_eq!(
            from("10.0.0.1", format!("r{i}@example.org")).await.status(),
            Status::Created
        );
    }
    let third = from("10.0.0.1", "r3@example.org".into()).await;
    assert_eq!(third.status(), Status::TooManyRequests, "the per-IP limit");
    let retry: u64 = third
        .headers()
        .get_one("Retry-After")
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry));
    let body: Value = serde_json::from_str(&third.into_string().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    // Another address is not affected. The per-email limit holds within one client network
    // (two addresses of 10.0.1.0/24 share it); a refused duplicate is not saved and not counted.
    let (second, _) = app
        .create_offer_as(&slug, "second.driver@example.org")
        .await;
    let paths = [
        path.clone(),
        format!(
            "/api/offers/{}/reservations",
            second["id"].as_str().unwrap()
        ),
    ];
    let to = |path: String, ip: &'static str, email: &'static str| {
        app.client
            .post(path)
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .body(json!({"passenger_name": "R", "passenger_email": email}).to_string())
            .dispatch()
    };
    let status = |res: rocket::local::asynchronous::LocalResponse<'_>| res.status();
    assert_eq!(
        status(to(paths[0].clone(), "10.0.1.1", "same@example.org").await),
        Status::Created
    );
    assert_eq!(
        status(to(paths[0].clone(), "10.0.1.2", "SAME@example.org").await),
        Status::Conflict,
        "a duplicate"
    );
    assert_eq!(
        status(to(paths[1].clone(), "10.0.1.3", "same@example.org").await),
        Status::Created
    );
    let (third, _) = app.create_offer_as(&slug, "third.driver@example.org").await;
    let third_path = format!("/api/offers/{}/reservations", third["id"].as_str().unwrap());
    assert_eq!(
        status(to(third_path.clone(), "10.0.1.4", "same@example.org").await),
        Status::TooManyRequests,
        "two saved from this network with this address"
    );
    assert_eq!(
        status(to(third_path, "10.0.7.7", "same@example.org").await),
        Status::Created,
        "the address's owner, elsewhere, is not locked out"
    );
    // Pages answer a clear page.
    let res = app
        .client
        .post(format!(
            "/o/{}/requests?lang=en",
            offer["id"].as_str().unwrap()
        ))
        .header(ContentType::Form)
        .header(Header::new("X-Real-IP", "10.0.0.1"))
        .body("passenger_name=P&passenger_email=page%40example.org")
        .dispatch()
        .await;
    assert_eq!(res.status(), Status::TooManyRequests);
    assert!(res.headers().get_one("Retry-After").is_some());
    assert!(
        res.into_string()
            .await
            .unwrap()
            .contains("Too many requests in a short time.")
    );
    app.finish().await;

    // Without trusted_ip_header the header is ignored: the peer address counts.
    let app = TestApp::start_with(Backend::Sqlite, |f| f.merge(("rate_limit_per_ip", 1))).await;
    let event = |ip: &'static str| {
        app.client
            .post("/api/events")
            .header(ContentType::JSON)
            .header(Header::new("X-Real-IP", ip))
            .remote("192.0.2.7:4000".parse().unwrap())
            .body(common::event_body().to_string())
            .dispatch()
    };
    assert_eq!(event("10.0.0.1").await.status(), Status::Created);
    assert_eq!(
        event("10.0.0.2").await.status(),
        Status::TooManyRequests,
        "a spoofed header changes nothing"
    );
    app.finish().await;
}

/// Nobody can stop another person from booking by sending requests with their address: invalid
/// submissions never count, and the per-email limit is kept per client network. What keeps covoit
/// from flooding an address is the hourly cap on acknowledgements: past it the booking is still
/// saved and the passenger gets their link on the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_can_lock_a_person_out_nor_flood_their_address() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("rate_limit_per_ip", 2))
            .merge(("rate_limit_per_email", 1))
            .merge(("ack_emails_per_hour", 2))
            .merge(("trusted_ip_header", "X-Real-IP"))
    })
    .await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut offers = Vec::new();
    for i in 0..3 {
        let (a, b) = app
            .create_offer_as(&slug, &format!("driver{i}@example.org"))
            .await;
        offers.push(a["id"].as_str().unwrap().to_owned());
        offers.push(b["id"].as_str().unwrap().to_owned());
    }
    {
        let victim = "victim@example.org";
        let book = |offer: &str, ip: String, body: Value| {
            app.client
                .post(format!("/api/offers/{offer}/reservations"))
                .header(ContentType::JSON)
                .header(Header::new("X-Real-IP", ip))
                .body(body.to_string())
                .dispatch()
        };
        // An attacker sends twenty invalid requests with the victim's address.
        for _ in 0..20 {
            let res = book(
                &offers[0],
                "10.9.9.9".into(),
                json!({"passenger_email": victim}),
            )
            .await;
            assert_eq!(res.status(), Status::UnprocessableEntity);
        }
        // None of them counted, not even against the attacker's own address.
        let ok = json!({"passenger_name": "Vic", "passenger_email": victim});
        let res = book(&offers[0], "10.9.9.9".into(), ok.clone()).await;
        assert_eq!(res.status(), Status::Created);

        // Bookings with the victim's address from five networks are all saved; only two
        // acknowledgements reach the victim within the hour.
        let mut statuses = Vec::new();
        for (i, offer) in offers.iter().enumerate().skip(1) {
            let res = book(offer, format!("10.{i}.0.1"), ok.clone()).await;
            assert_eq!(res.status(), Status::Created, "booking {i}");
            let body: Value = serde_json::from_str(&res.into_string().await.unwrap()).unwrap();
            statuses.push(body["email"]["status"].as_str().unwrap().to_owned());
        }
        assert_eq!(
            statuses,
            [
                "captured",
                "suppressed",
                "suppressed",
                "suppressed",
                "suppressed"
            ],
            "the first booking above already used one of the two"
        );
        let acks = outbox::Entity::find()
            .filter(outbox::Column::Kind.eq("request_sent"))
            .filter(outbox::Column::RecipientEmail.eq(victim))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(acks, 2);

        // On a page, the passenger whose confirmation was not emailed gets their link.
        let mut second_event = common::event_body();
        second_event["organizer_email"] = json!("other.club@example.org");
        let (_, event_b) = app.post_json("/api/events", &second_event).await;
        let (other, _) = app
            .create_offer_as(event_b["event"]["slug"].as_str().unwrap(), "d9@example.org")
            .await;
        let res = app
            .client
            .post(format!(
                "/o/{}/requests?lang=en",
                other["id"].as_str().unwrap()
            ))
            .header(ContentType::Form)
            .header(Header::new("X-Real-IP", "10.200.0.1"))
            .body("passenger_name=Vic&passenger_email=victim%40example.org")
            .dispatch()
            .await;
        assert_eq!(res.status(), Status::Created);
        let page = res.into_string().await.unwrap();
        assert!(page.contains("We did not email you this time"), "{page}");
        assert!(page.contains("href=\"/link/booking/"), "{page}");
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_honeypot_drops_bots_silently() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (slug, offer, _) = app.event_with_offer().await;
    let (_, page) = app
        .get(&format!("/o/{}", offer["id"].as_str().unwrap()))
        .await;
    assert!(
        page.contains("name=\"website\"") && page.contains("class=\"hp\""),
        "the form has the trap"
    );
    let emails_before = outbox::Entity::find().count(&app.db.conn).await.unwrap();
    let (status, _, sent) = app
        .post_form(
            &format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap()),
            &[
                ("passenger_name", "Bot"),
                ("passenger_email", "bot@example.org"),
                ("seats", "1"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(status, Status::SeeOther, "looks like success");
    let (_, page) = app.get(&sent.expect("to the confirmation")).await;
    assert!(page.contains("Request sent"));
    assert_eq!(
        reservation::Entity::find()
            .count(&app.db.conn)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        outbox::Entity::find().count(&app.db.conn).await.unwrap(),
        emails_before,
        "no email"
    );
    // A bot's answer cannot be told from a person's: the same checks (an incomplete form comes
    // back with its errors), the same status and the same shape of address on success.
    let (status, _, _) = app
        .post_form(
            &format!("/o/{}/requests?lang=en", offer["id"].as_str().unwrap()),
            &[
                ("passenger_name", "Bot"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "an incomplete form");
    let starts = common::local_in_days(10, 14);
    let event_form = |website: &'static str| {
        vec![
            ("name", "Fête du club"),
            ("venue", "Stade"),
            ("starts_at", starts.as_str()),
            ("timezone", "Europe/Paris"),
            ("organizer_name", "Odile"),
            ("organizer_email", "odile@example.org"),
            ("website", website),
        ]
    };
    let slug_shape = regex::Regex::new(r"^/e/fete-du-club-[a-z2-9]{13}\?created=1$").unwrap();
    let (real, _, real_location) = app.post_form("/events", &event_form("")).await;
    let (bot, _, bot_location) = app.post_form("/events", &event_form("x")).await;
    assert_eq!((real, bot), (Status::SeeOther, Status::SeeOther));
    for location in [&real_location, &bot_location] {
        assert!(
            slug_shape.is_match(location.as_deref().unwrap()),
            "{location:?}"
        );
    }
    assert_ne!(real_location, bot_location);
    let mut incomplete = event_form("x");
    incomplete.retain(|(k, _)| *k != "venue");
    assert_eq!(
        app.post_form("/events", &incomplete).await.0,
        Status::UnprocessableEntity
    );
    let departs = common::local_in_days(10, 12);
    let offer_form = |website: &'static str| {
        vec![
            ("driver_name", "Denise"),
            ("driver_email", "denise@example.org"),
            ("direction", "to_event"),
            ("place", "Villeurbanne"),
            ("departs_at", departs.as_str()),
            ("seats", "3"),
            ("website", website),
        ]
    };
    let offer_shape = regex::Regex::new(r"^/o/[a-z2-9]{16}\?published=1$").unwrap();
    let offers = format!("/e/{slug}/offers");
    let (real, _, real_location) = app.post_form(&offers, &offer_form("")).await;
    let (bot, _, bot_location) = app.post_form(&offers, &offer_form("x")).await;
    assert_eq!((real, bot), (Status::SeeOther, Status::SeeOther));
    for location in [&real_location, &bot_location] {
        assert!(
            offer_shape.is_match(location.as_deref().unwrap()),
            "{location:?}"
        );
    }
    let count = |what: &'static str| {
        let db = app.db.conn.clone();
        async move {
            match what {
                "events" => covoit::entities::event::Entity::find()
                    .count(&db)
                    .await
                    .unwrap(),
                _ => covoit::entities::offer::Entity::find()
                    .count(&db)
                    .await
                    .unwrap(),
            }
        }
    };
    assert_eq!(count("events").await, 2, "the scenario's and the real one");
    assert_eq!(
        count("offers").await,
        3,
        "the scenario's two and the real one"
    );
    app.finish().await;
}

/// The acknowledgement cap holds on every database: a booking reads its passenger's recent
/// acknowledgements in the statement that reads the ride and locks the event (issue 19, one
/// round trip fewer in the transaction), so the count must come back right through each
/// server's locking read. Two bookings with one address, a cap of one: the second is saved
/// and its acknowledgement is not sent; another address is not concerned.
async fn the_acknowledgement_cap_is_counted_with_the_ride(backend: Backend) {
    let app = TestApp::start_with(backend, |f| f.merge(("ack_emails_per_hour", 1))).await;
    let slug = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let (a, b) = app.create_offer_as(&slug, "driver@example.org").await;
    let book = |offer: String, email: &'static str| {
        let body = json!({"passenger_name": "Vic", "passenger_email": email});
        let client = &app.client;
        async move {
            let res = client
                .post(format!("/api/offers/{offer}/reservations"))
                .header(ContentType::JSON)
                .body(body.to_string())
                .dispatch()
                .await;
            assert_eq!(res.status(), Status::Created, "{email} on {offer}");
            let body: Value = serde_json::from_str(&res.into_string().await.unwrap()).unwrap();
            body["email"]["status"].as_str().unwrap().to_owned()
        }
    };
    let a = a["id"].as_str().unwrap().to_owned();
    let b = b["id"].as_str().unwrap().to_owned();
    assert_eq!(book(a.clone(), "vic@example.org").await, "captured");
    assert_eq!(book(b.clone(), "Vic@Example.org").await, "suppressed");
    assert_eq!(book(b, "other@example.org").await, "captured");
    let acks = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("request_sent"))
        .filter(outbox::Column::RecipientKey.eq("vic@example.org"))
        .count(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(acks, 1);
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acknowledgement_cap_is_counted_with_the_ride_on_sqlite() {
    the_acknowledgement_cap_is_counted_with_the_ride(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acknowledgement_cap_is_counted_with_the_ride_on_postgres() {
    the_acknowledgement_cap_is_counted_with_the_ride(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acknowledgement_cap_is_counted_with_the_ride_on_mysql() {
    the_acknowledgement_cap_is_counted_with_the_ride(Backend::Mysql).await;
}
