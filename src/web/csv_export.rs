//! The organiser's CSV (from the `event` link): every ride with its confirmed passengers, its
//! headers and words in the organiser's language (UTF-8 with a byte-order mark, so that
//! spreadsheets read accents right).
//! Organisers see who travels with whom (names, pickup points, seats); an email and a phone
//! number only of the people who agreed to share them with the organisers (a box they ticked
//! when offering or booking), the columns left empty for everyone else.
use chrono::Utc;
use rocket::http::{ContentType, Header};
use rocket::{Either, Route, State, get, routes};

use super::lang::ReqLang;
use super::{AppError, Page};
use crate::db::Db;
use crate::domain::{Direction, OfferStatus, ReservationStatus};
use crate::i18n::T;
use crate::services::read::{self, Roster};
use crate::urls::Urls;

pub fn routes() -> Vec<Route> {
    routes![csv]
}

/// One CSV field: quoted, quotes doubled, and a leading `= + - @` neutralised so that a
/// spreadsheet never runs a name as a formula.
fn field(value: &str) -> String {
    let value = value.replace(['\r', '\n'], " ");
    let safe = if value.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{value}")
    } else {
        value
    };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

/// The field separator: `,`, or `;` (what spreadsheets expect where the comma is the
/// decimal mark, French Excel among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
}

impl Separator {
    /// `?sep=semicolon` or `?sep=comma` (the default).
    pub fn parse(s: Option<&str>) -> Separator {
        match s {
            Some("semicolon") => Separator::Semicolon,
            _ => Separator::Comma,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Separator::Comma => ",",
            Separator::Semicolon => ";",
        }
    }
}

fn line(sep: Separator, fields: &[&str]) -> String {
    let mut l = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(sep.as_str());
    l.push_str("\r\n");
    l
}

/// A person's email and phone, if they agreed to share them with the organisers; else blanks.
fn contact<'a>(shared: bool, email: &'a str, phone: Option<&'a str>) -> [&'a str; 2] {
    if shared {
        [email, phone.unwrap_or("")]
    } else {
        ["", ""]
    }
}

#[derive(rocket::Responder)]
pub struct CsvFile(String, ContentType, Header<'static>);

/// The roster as CSV: one line per seat taken by a confirmed passenger (a bus company counts
/// seats), or one per ride without any; UTF-8 with a byte-order mark.
pub fn build(t: &T, roster: &Roster, sep: Separator) -> String {
    let zone = roster.event.zone();
    let mut out = String::from("\u{feff}");
    out.push_str(&line(
        sep,
        &[
            t.t("csv-ride"),
            t.t("csv-direction"),
            t.t("csv-departure"),
            t.t("csv-place"),
            t.t("csv-status"),
            t.t("csv-seats-offered"),
            t.t("csv-seats-taken"),
            t.t("csv-driver"),
            t.t("csv-passenger"),
            t.t("csv-passenger-seats"),
            t.t("csv-pickup"),
            t.t("csv-driver-email"),
            t.t("csv-driver-phone"),
            t.t("csv-passenger-email"),
            t.t("csv-passenger-phone"),
        ],
    ));
    for (o, requests) in &roster.rides {
        let when = o
            .departs_at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (total, taken) = (o.seats_total.to_string(), o.seats_taken.to_string());
        let base = [
            o.public_id.as_str(),
            match o.direction {
                Direction::ToEvent => t.t("csv-to-event"),
                Direction::FromEvent => t.t("csv-from-event"),
            },
            when.as_str(),
            o.place.as_str(),
            match o.status {
                OfferStatus::Open => t.t("csv-open"),
                OfferStatus::Cancelled => t.t("csv-cancelled"),
            },
            total.as_str(),
            taken.as_str(),
            o.driver_name.as_str(),
        ];
        let driver = contact(o.share_contact, &o.driver_email, o.driver_phone.as_deref());
        let passengers: Vec<_> = requests
            .iter()
            .filter(|r| r.status == ReservationStatus::Confirmed)
            .collect();
        if passengers.is_empty() {
            out.push_str(&line(
                sep,
                &[&base[..], &["", "", ""], &driver[..], &["", ""]].concat(),
            ));
        }
        for p in passengers {
            let own = contact(
                p.share_contact,
                &p.passenger_email,
                p.passenger_phone.as_deref(),
            );
            for seat in 1..=p.seats {
                // "1/2", "2/2": which of the passenger's seats this line is.
                let seat = format!("{seat}/{}", p.seats);
                out.push_str(&line(
                    sep,
                    &[
                        &base[..],
                        &[p.passenger_name.as_str(), seat.as_str(), p.pickup.as_str()],
                        &driver[..],
                        &own[..],
                    ]
                    .concat(),
                ));
            }
        }
    }
    out
}

#[get("/link/event/<token>/csv?<sep>")]
async fn csv(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    token: &str,
    sep: Option<&str>,
) -> Result<Either<CsvFile, Page>, AppError> {
    let id = match super::organiser_actions::event_of(urls, db, lang.0, token, Utc::now()).await {
        Ok((_, id)) => id,
        Err(page) => return Ok(Either::Right(page?)),
    };
    let roster = read::roster(db, id).await?;
    let (slug, body) = (
        roster.event.slug.clone(),
        build(T::get(lang.0), &roster, Separator::parse(sep)),
    );
    Ok(Either::Left(CsvFile(
        body,
        ContentType::new("text", "csv").with_params(("charset", "utf-8")),
        Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"covoit-{slug}.csv\""),
        ),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(field("Marie \"la\" Curie"), "\"Marie \"\"la\"\" Curie\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("a\r\nb"), "\"a  b\"");
    }
}
