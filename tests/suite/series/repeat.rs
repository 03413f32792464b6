//! A driver repeating a ride over dates of a series: ticked on the offer form (or listed in the
//! API), the same ride (and ride back) is published on each date in one transaction, and one
//! email (sent once) gives a link for each date's ride; passengers still book one date at a time. A date
//! that stopped taking rides refuses the whole offer, and nothing is saved.
use super::{events, inbox, post, smtp_app, text, weekly_three};
use crate::common::{self, TestApp, inbox::link};
use crate::organisers::queued;
use chrono::Utc;
use covoit::domain::{EmailKind, Lang};
use covoit::entities::offer;
use covoit::i18n::T;
use rocket::http::Status;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::json;

on_both_backends!(
    a_ride_repeated_over_three_dates_is_three_rides_each_told_once,
    a_repeat_on_a_closed_date_saves_nothing
);
on_sqlite!(a_repeat_on_a_date_of_no_series_is_named);

async fn offers(app: &TestApp) -> Vec<offer::Model> {
    offer::Entity::find()
        .order_by_asc(offer::Column::DepartsAt)
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn a_ride_repeated_over_three_dates_is_three_rides_each_told_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let inbox = inbox(&app, server);
    let t = T::get(Lang::Fr);
    let slugs = weekly_three(&app).await;
    inbox.deliver().await;
    let all = events(&app).await;

    // The offer form of the first date offers the two others.
    let (status, page) = app.get(&format!("/e/{}/offers/new", slugs[0])).await;
    assert_eq!(status, Status::Ok);
    let page = text(&page);
    assert!(page.contains(t.t("series-repeat-legend")), "{page}");
    for (slug, e) in slugs.iter().zip(&all).skip(1) {
        assert!(
            page.contains(&format!(
                "name=\"repeat_on\" value=\"{slug}\"> {}",
                t.datetime(e.starts_at, e.zone())
            )),
            "{page}"
        );
    }
    assert!(!page.contains(&format!("value=\"{}\"", slugs[0])));

    let fields: Vec<(&str, String)> = vec![
        ("direction", "to_event".into()),
        ("place", "Villeurbanne, place Grandclément".into()),
        ("departs_at", common::local_in_days(10, 12)),
        ("seats", "3".into()),
        ("driver_name", "Denise Conductrice".into()),
        ("driver_email", common::DRIVER_EMAIL.into()),
        ("return_departs_at", common::local_in_days(10, 19)),
        ("repeat_on", slugs[1].clone()),
        ("repeat_on", slugs[2].clone()),
        ("locale", "fr".into()),
    ];
    let (status, body, location) = post(&app, &format!("/e/{}/offers", slugs[0]), &fields).await;
    assert_eq!(status, Status::SeeOther, "{body}");
    assert!(location.unwrap().ends_with("?published=1"));

    // Three rides there and three back, one of each per date, at the same times of day.
    let rides = offers(&app).await;
    assert_eq!(rides.len(), 6);
    for e in &all {
        let mine: Vec<&offer::Model> = rides.iter().filter(|o| o.event_id == e.id).collect();
        assert_eq!(mine.len(), 2, "a ride there and back on {}", e.slug);
        assert_eq!((e.starts_at - mine[0].departs_at).num_hours(), 2);
        assert_eq!((mine[1].departs_at - e.starts_at).num_hours(), 5);
        assert_eq!(mine[1].return_of, Some(mine[0].id));
    }

    // One email to the driver, once: this ride, and a link to manage each other date's.
    assert_eq!(queued(&app, EmailKind::OfferPublished).await, 1);
    let mails = inbox.deliver().await;
    let to_driver: Vec<_> = mails
        .iter()
        .filter(|m| m.to == common::DRIVER_EMAIL)
        .collect();
    assert_eq!(to_driver.len(), 1);
    let mail = &to_driver[0].text;
    assert!(
        mail.contains(&t.t1("series-repeated-intro", "count", 2usize)),
        "{mail}"
    );
    let mut links = Vec::new();
    let mut rest = mail.as_str();
    while let Some(at) = rest.find("https://covoit.test/link/manage/") {
        let l = link(&rest[at..], "manage");
        rest = &rest[at + l.len()..];
        links.push(l);
    }
    links.sort();
    links.dedup();
    assert_eq!(links.len(), 3, "a link for each date's ride: {mail}");
    for (i, e) in all.iter().enumerate().skip(1) {
        let ride = rides.iter().find(|o| o.event_id == e.id).unwrap();
        let when = t.datetime(ride.departs_at, e.zone());
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat(mail).contains(&flat(&format!("- {when} https://covoit.test/link/manage/"))),
            "{i}: {mail}"
        );
    }
    // Each link manages its own date's ride.
    for l in &links {
        let (status, page) = app.get(l).await;
        assert_eq!(status, Status::Ok, "{l}");
        let page = text(&page);
        let here = rides
            .iter()
            .filter(|o| o.return_of.is_none())
            .filter(|o| {
                let e = all.iter().find(|e| e.id == o.event_id).unwrap();
                page.contains(&t.datetime(o.departs_at, e.zone()))
            })
            .count();
        assert!(here >= 1, "{page}");
    }

    // A passenger books one date: only that ride has a request.
    let second = rides.iter().find(|o| o.event_id == all[1].id).unwrap();
    let (status, answer) = app.book(&second.public_id, "paul@example.org", 1).await;
    assert_eq!(status, Status::Created, "{answer}");
    let requests = covoit::entities::reservation::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].offer_id, second.id);
}

async fn a_repeat_on_a_closed_date_saves_nothing(app: &TestApp) {
    let slugs = weekly_three(app).await;
    let all = events(app).await;
    let now = Utc::now();
    // The third date closes booking after the form was drawn: the whole offer is refused.
    covoit::services::organiser::set_booking(&app.db, all[2].id, true, now)
        .await
        .unwrap();
    let mut body = common::offer_body();
    body["repeat_on"] = json!([slugs[1], slugs[2]]);
    let (status, answer) = app
        .post_json(&format!("/api/events/{}/offers", slugs[0]), &body)
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    assert!(
        answer["error"]["fields"]["repeat_on"].is_string(),
        "{answer}"
    );
    // And raced past that check (the service itself), the transaction saves no ride at all.
    let raw = covoit::services::input::RawOffer {
        driver_name: "Denise Conductrice".into(),
        driver_email: common::DRIVER_EMAIL.into(),
        direction: "to_event".into(),
        place: "Villeurbanne".into(),
        departs_at: common::local_in_days(10, 12),
        seats: "3".into(),
        ..Default::default()
    };
    let new =
        covoit::services::input::validate_offer(&raw, Default::default(), &all[0], Lang::Fr, now)
            .unwrap();
    let places = app
        .client
        .rocket()
        .state::<covoit::services::places::Places>()
        .unwrap();
    let result = covoit::services::offers::publish(
        &app.db,
        &app.emails(),
        places,
        &all[0],
        &all[1..],
        new,
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        now,
    )
    .await;
    assert!(result.is_err());
    assert_eq!(offer::Entity::find().count(&app.db.conn).await.unwrap(), 0);
    assert_eq!(queued(app, EmailKind::OfferPublished).await, 0);

    // Without the closed date, the two open ones take it.
    body["repeat_on"] = json!([slugs[1]]);
    let (status, answer) = app
        .post_json(&format!("/api/events/{}/offers", slugs[0]), &body)
        .await;
    assert_eq!(status, Status::Created, "{answer}");
    let repeated = answer["repeated"].as_array().unwrap();
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0]["offer"]["event_slug"], slugs[1].as_str());
    assert_eq!(offer::Entity::find().count(&app.db.conn).await.unwrap(), 4);
}

async fn a_repeat_on_a_date_of_no_series_is_named(app: &TestApp) {
    let slugs = weekly_three(app).await;
    let other = app.create_event().await["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut body = common::offer_body();
    body["repeat_on"] = json!([other]);
    let (status, answer) = app
        .post_json(&format!("/api/events/{}/offers", slugs[0]), &body)
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    assert!(answer["error"]["fields"]["repeat_on"].is_string());
    body["repeat_on"] = json!("not a list");
    let (status, answer) = app
        .post_json(&format!("/api/events/{}/offers", slugs[0]), &body)
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    assert!(answer["error"]["fields"]["repeat_on"].is_string());
    // The form says it next to the dates.
    let fields: Vec<(&str, String)> = vec![
        ("direction", "to_event".into()),
        ("place", "Villeurbanne".into()),
        ("departs_at", common::local_in_days(10, 12)),
        ("seats", "3".into()),
        ("driver_name", "Denise Conductrice".into()),
        ("driver_email", common::DRIVER_EMAIL.into()),
        ("repeat_on", other),
        ("locale", "fr".into()),
    ];
    let (status, page, _) = post(app, &format!("/e/{}/offers", slugs[0]), &fields).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(text(&page).contains(T::get(Lang::Fr).t("invalid-repeat-date")));
    assert_eq!(offer::Entity::find().count(&app.db.conn).await.unwrap(), 0);
}
