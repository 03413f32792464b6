//! The roster on the organiser page: each car with its driver's first name, departure,
//! passengers (names, seats, pickups), the pending requests and the waiting list, and no
//! contact details.
use super::{ANNE, BRUNO, WANDA, smtp_app, story, text};
use crate::common::{self, Backend};
use rocket::http::Status;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_roster_shows_who_sits_in_which_car_without_contacts() {
    let (app, server) = smtp_app(Backend::Sqlite).await;
    let s = story(&app, server).await;
    let (status, page) = app.get(&s.organiser).await;
    assert_eq!(status, Status::Ok);
    // Spaces as a reader sees them (French puts a narrow one before a colon).
    let seen = text(&page).replace(['\u{202f}', '\u{a0}'], " ");
    for expected in [
        "Qui voyage avec qui",
        "Aller vers Tournoi de printemps",
        "Conducteur : Denise",
        "Passagers confirmés",
        "Anne Aubert — 1 place — Prise en charge : Gare",
        "Demandes en attente de réponse",
        "Bruno Blanc — 1 place",
        "Liste d'attente",
        "Wanda Weber — Un aller vers l'événement — Bron — 1 place",
    ] {
        assert!(seen.contains(expected), "{expected:?} in {seen}");
    }
    for contact in [
        ANNE,
        BRUNO,
        WANDA,
        common::DRIVER_EMAIL,
        common::DRIVER_PHONE,
    ] {
        assert!(!seen.contains(contact), "{contact} on the organiser page");
    }
    app.finish().await;
}
