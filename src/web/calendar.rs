//! "Add to calendar": the trip as a calendar file, from the passenger's `booking` link (their
//! seat, once confirmed) and the driver's `manage` link (the ride with its passengers). Same
//! UIDs as the emailed entries, so importing one updates the entry the emails made.
use chrono::Utc;
use rocket::http::{ContentType, Header};
use rocket::{Either, Route, State, get, routes};

use super::lang::ReqLang;
use super::links::{expired_page, verified};
use super::{AppError, Page};
use crate::db::Db;
use crate::domain::ReservationStatus;
use crate::links::{Purpose, trip_end};
use crate::mail::calendar;
use crate::mail::ics::Method;
use crate::services::read;
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    routes![booking, ride]
}

#[derive(rocket::Responder)]
pub struct IcsFile(String, ContentType, Header<'static>);

fn file(content: String, name: &str) -> IcsFile {
    IcsFile(
        content,
        ContentType::new("text", "calendar").with_params(("charset", "utf-8")),
        Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}.ics\""),
        ),
    )
}

/// The id a link grants, or the page that says why it cannot be used.
fn granted(
    urls: &Urls,
    lang: crate::domain::Lang,
    purpose: Purpose,
    token: &str,
) -> Result<i64, Result<Page, AppError>> {
    let path = format!("{}/calendar.ics", paths::link(purpose, token));
    verified(urls, lang, &path, purpose, token, Utc::now()).map(|v| v.id)
}

#[get("/link/booking/<token>/calendar.ics")]
async fn booking(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
) -> Result<Either<IcsFile, Page>, AppError> {
    let now = Utc::now();
    let id = match granted(urls, lang.0, Purpose::Booking, token) {
        Ok(id) => id,
        Err(page) => return Ok(Either::Right(page?)),
    };
    let v = read::request(db, id).await?;
    if now >= trip_end(v.offer.departs_at) {
        let path = format!("{}/calendar.ics", paths::link(Purpose::Booking, token));
        return Ok(Either::Right(expired_page(lang.0, &path)?));
    }
    // Only a confirmed seat is a trip to put in a calendar.
    if v.reservation.status != ReservationStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let ics = calendar::passenger_trip(
        &urls.domain(),
        lang.0,
        (&v.event, &v.offer, &v.reservation),
        Method::Publish,
        None,
        now,
    );
    Ok(Either::Left(file(ics, "covoit")))
}

#[get("/link/manage/<token>/calendar.ics")]
async fn ride(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
) -> Result<Either<IcsFile, Page>, AppError> {
    let now = Utc::now();
    let id = match granted(urls, lang.0, Purpose::Manage, token) {
        Ok(id) => id,
        Err(page) => return Ok(Either::Right(page?)),
    };
    let v = read::ride(db, id).await?;
    let confirmed: Vec<_> = v
        .requests
        .into_iter()
        .filter(|r| r.status == ReservationStatus::Confirmed)
        .collect();
    let ics = calendar::driver_trip(&urls.domain(), lang.0, &v.event, &v.offer, &confirmed, now);
    Ok(Either::Left(file(ics, "covoit-ride")))
}
