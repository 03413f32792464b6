//! The organiser's CSV (from the `event` link): every ride with its confirmed passengers.
//! Organisers see who travels with whom (names, pickup points, seats), not contact details:
//! emails and phone numbers stay between drivers and their passengers.
use chrono::Utc;
use chrono_tz::Tz;
use rocket::http::{ContentType, Header};
use rocket::{Either, Route, State, get, routes};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::Page;
use super::lang::ReqLang;
use super::links::verified;
use crate::config::Config;
use crate::db::Db;
use crate::entities::{event, offer, reservation};
use crate::error::AppError;
use crate::links::Purpose;

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

fn line(fields: &[&str]) -> String {
    let mut l = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

#[derive(rocket::Responder)]
pub struct CsvFile(String, ContentType, Header<'static>);

pub async fn build(db: &Db, event_id: i64) -> Result<(String, String), AppError> {
    let e = event::Entity::find_by_id(event_id)
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone: Tz = e.timezone.parse().unwrap_or(Tz::UTC);
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(e.id))
        .order_by_asc(offer::Column::DepartsAt)
        .all(&db.conn)
        .await?;
    let mut out = line(&[
        "ride",
        "direction",
        "departure",
        "place",
        "status",
        "seats_offered",
        "seats_taken",
        "driver",
        "passenger",
        "passenger_seats",
        "pickup",
    ]);
    for o in &offers {
        let when = o
            .departs_at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (id, total, taken) = (
            o.public_id.clone(),
            o.seats_total.to_string(),
            o.seats_taken.to_string(),
        );
        let base = [
            id.as_str(),
            o.direction.as_str(),
            when.as_str(),
            o.place.as_str(),
            o.status.as_str(),
            total.as_str(),
            taken.as_str(),
            o.driver_name.as_str(),
        ];
        let passengers = reservation::Entity::find()
            .filter(reservation::Column::OfferId.eq(o.id))
            .filter(reservation::Column::Status.eq("confirmed"))
            .order_by_asc(reservation::Column::Id)
            .all(&db.conn)
            .await?;
        if passengers.is_empty() {
            out.push_str(&line(&[&base[..], &["", "", ""]].concat()));
        }
        for p in passengers {
            let seats = p.seats.to_string();
            out.push_str(&line(
                &[
                    &base[..],
                    &[p.passenger_name.as_str(), seats.as_str(), p.pickup.as_str()],
                ]
                .concat(),
            ));
        }
    }
    Ok((e.slug, out))
}

#[get("/link/event/<token>/csv")]
async fn csv(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    token: &str,
) -> Result<Either<CsvFile, Page>, AppError> {
    let path = format!("/link/event/{token}/csv");
    let id = match verified(config, lang.0, &path, Purpose::Event, token, Utc::now()) {
        Ok(v) => v.id,
        Err(page) => return Ok(Either::Right(page?)),
    };
    let (slug, body) = build(db, id).await?;
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
