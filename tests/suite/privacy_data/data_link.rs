//! A person's `data` link: every email about an event carries it (and the privacy page); its
//! page and its export show that person's data and nobody else's; GET changes nothing; the
//! deletion asks for a ticked box, ends the active request with the usual email to the driver,
//! erases the rest, and raced, acts once.
use super::{scan, smtp_app, text};
use crate::common::{self, TestApp, inbox::link};
use crate::organisers::{ANNE, BRUNO, WANDA, story};
use covoit::domain::{EmailKind, Lang, Reason, ReservationStatus};
use covoit::entities::{outbox, reservation};
use covoit::i18n::T;
use futures::future::join_all;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

on_both_backends!(the_data_link_shows_exports_and_deletes_once);

/// The `data` link in the latest email to `email`, as its text part gives it.
pub async fn data_link_of(app: &TestApp, email: &str) -> String {
    let row = outbox::Entity::find()
        .filter(outbox::Column::RecipientKey.eq(email))
        .order_by_desc(outbox::Column::Id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("an email to {email}"));
    assert!(
        row.html_body.contains("/link/data/") && row.html_body.contains("/privacy"),
        "the HTML footer has the data link and the privacy page: {}",
        row.html_body
    );
    assert!(row.text_body.contains("https://covoit.test/privacy"));
    link(&row.text_body, "data")
}

async fn the_data_link_shows_exports_and_deletes_once(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let fr = T::get(Lang::Fr);

    // Every email about the event carries its reader's own link.
    let anne = data_link_of(&app, ANNE).await;
    let driver = data_link_of(&app, common::DRIVER_EMAIL).await;
    let organiser = data_link_of(&app, common::ORGANIZER_EMAIL).await;
    assert_ne!(anne, driver);
    assert_ne!(anne, organiser);

    // Anne's page: her request, her name, address and pickup; nobody else's.
    let (status, page) = app.get(&format!("{anne}?lang=fr")).await;
    assert_eq!(status, Status::Ok, "{page}");
    let page = text(&page);
    for hers in ["Anne Aubert", ANNE, "Gare", fr.t("data-delete-button")] {
        assert!(page.contains(hers), "{hers} in {page}");
    }
    for others in [
        BRUNO,
        "Bruno Blanc",
        WANDA,
        "Wanda Weber",
        common::DRIVER_EMAIL,
        common::DRIVER_PHONE,
        common::ORGANIZER_EMAIL,
    ] {
        assert!(!page.contains(others), "{others} in Anne's page");
    }
    // The driver's page: both rides and the driver's phone, no passenger.
    let (_, page) = app.get(&driver).await;
    let page = text(&page);
    assert!(page.contains(common::DRIVER_PHONE), "{page}");
    assert!(page.contains("Petit coffre"), "{page}");
    assert!(!page.contains(ANNE) && !page.contains(BRUNO), "{page}");

    // The export: a JSON download of the same, and only hers.
    let res = app.client.get(format!("{anne}/export")).dispatch().await;
    assert_eq!(res.status(), Status::Ok);
    let disposition = res
        .headers()
        .get_one("Content-Disposition")
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    let private = res.headers().get_one("Cache-Control").unwrap_or_default();
    assert!(private.contains("no-store"), "{private}");
    assert_eq!(
        res.headers().get_one("Referrer-Policy"),
        Some("no-referrer")
    );
    let body = res.into_string().await.unwrap();
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["email"], ANNE);
    assert_eq!(json["requests"][0]["name"], "Anne Aubert");
    assert_eq!(json["requests"][0]["pickup"], "Gare");
    assert_eq!(json["requests"][0]["status"], "confirmed");
    assert!(json["emails"].as_array().is_some_and(|e| !e.is_empty()));
    for others in [BRUNO, WANDA, common::DRIVER_EMAIL, common::ORGANIZER_EMAIL] {
        assert!(!body.contains(others), "{others} in Anne's export");
    }

    // Opening the pages changed nothing; a POST without the ticked box neither.
    let hers = || async {
        reservation::Entity::find()
            .filter(reservation::Column::PassengerName.eq("Anne Aubert"))
            .one(&app.db.conn)
            .await
            .unwrap()
    };
    assert_eq!(hers().await.unwrap().status, ReservationStatus::Confirmed);
    let (status, page, _) = app
        .post_form(&format!("{anne}?lang=fr"), &[("confirm", "")])
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(text(&page).contains(fr.t("data-delete-required")), "{page}");
    let row = hers().await.unwrap();
    assert_eq!(row.status, ReservationStatus::Confirmed);

    // Four deletions at once: one acts, the others find it done.
    let answers = join_all((0..4).map(|_| app.post_form(&anne, &[("confirm", "yes")]))).await;
    let locations: Vec<String> = answers
        .iter()
        .map(|(status, _, l)| {
            assert_eq!(*status, Status::SeeOther);
            l.clone().unwrap_or_default()
        })
        .collect();
    assert_eq!(
        locations
            .iter()
            .filter(|l| l.ends_with("?done=deleted"))
            .count(),
        1,
        "{locations:?}"
    );
    assert_eq!(
        locations
            .iter()
            .filter(|l| l.ends_with("?done=already"))
            .count(),
        3,
        "{locations:?}"
    );

    // Her seat is given back through the usual transition; the driver is told, once.
    let row = reservation::Entity::find_by_id(row.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, ReservationStatus::Cancelled);
    assert_eq!(row.reason, Some(Reason::Passenger));
    assert_eq!(row.passenger_name, "");
    assert_eq!(row.passenger_email, "");
    assert_eq!(row.pickup, "");
    let listed = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(EmailKind::PassengerListChanged))
        .all(&app.db.conn)
        .await
        .unwrap();
    let mails = s.inbox.deliver().await;
    let to_driver: Vec<_> = mails
        .iter()
        .filter(|m| m.to == common::DRIVER_EMAIL)
        .collect();
    assert_eq!(
        to_driver.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(to_driver[0].text.contains("Anne"), "{}", to_driver[0].text);
    assert!(
        to_driver[0].text.contains("https://covoit.test/link/data/"),
        "the driver's email has the driver's data link"
    );
    assert!(!listed.is_empty());
    assert!(
        mails.iter().all(|m| m.to != ANNE),
        "nothing more is sent to an erased address"
    );

    // Her page now says nothing is held; her address is nowhere but in the driver's copy of
    // the email that told him (erased with the event).
    let (status, page) = app.get(&format!("{anne}?lang=fr&done=deleted")).await;
    assert_eq!(status, Status::Ok);
    let page = text(&page);
    assert!(page.contains(fr.t("data-deleted")), "{page}");
    assert!(page.contains(fr.t("data-nothing")), "{page}");
    assert!(!page.contains("Anne Aubert"), "{page}");
    let left: Vec<_> = scan(&app, &[ANNE, "Anne Aubert"])
        .await
        .into_iter()
        .filter(|(table, _, _)| table != "outbox")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let to_anne = outbox::Entity::find()
        .filter(outbox::Column::RecipientEmail.eq(ANNE))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(to_anne.is_empty(), "{to_anne:?}");
    // Bruno's request is untouched.
    let bruno = reservation::Entity::find()
        .filter(reservation::Column::PassengerEmail.eq(BRUNO))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bruno.status, ReservationStatus::Pending);
    drop(s);
    app.finish().await;
}

on_both_backends!(a_driver_and_a_waiting_passenger_delete_their_data);

/// The driver's deletion cancels both rides (each passenger told once); the waiting
/// passenger's withdraws her need.
async fn a_driver_and_a_waiting_passenger_delete_their_data(base: &TestApp) {
    use covoit::domain::{NeedStatus, OfferStatus};
    use covoit::entities::{need, offer};
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let driver = data_link_of(&app, common::DRIVER_EMAIL).await;
    let wanda = data_link_of(&app, WANDA).await;

    let (status, _, location) = app.post_form(&driver, &[("confirm", "yes")]).await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap_or_default().ends_with("?done=deleted"));
    for o in offer::Entity::find().all(&app.db.conn).await.unwrap() {
        assert_eq!(o.status, OfferStatus::Cancelled);
        assert_eq!((o.driver_name.as_str(), o.driver_email.as_str()), ("", ""));
        assert_eq!(o.driver_phone, None);
    }
    let mails = s.inbox.deliver().await;
    for passenger in [ANNE, BRUNO] {
        let to: Vec<_> = mails.iter().filter(|m| m.to == passenger).collect();
        assert_eq!(
            to.len(),
            1,
            "{passenger}: {:?}",
            mails
                .iter()
                .map(|m| (&m.to, &m.subject))
                .collect::<Vec<_>>()
        );
    }
    assert!(mails.iter().all(|m| m.to != common::DRIVER_EMAIL));
    let ended = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(EmailKind::OfferCancelled))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(ended.len(), 2);

    let (status, _, _) = app.post_form(&wanda, &[("confirm", "yes")]).await;
    assert_eq!(status, Status::SeeOther);
    let n = need::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n.status, NeedStatus::Withdrawn);
    assert_eq!((n.name.as_str(), n.email.as_str()), ("", ""));
    let left: Vec<_> = scan(&app, &[WANDA, "Wanda Weber", common::DRIVER_PHONE])
        .await
        .into_iter()
        .filter(|(table, _, _)| table != "outbox")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    drop(s);
    app.finish().await;
}
