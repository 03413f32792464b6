//! What the public event page (and its widget and JSON twins) shows, read in one statement:
//! the event, its rides, each ride's requests awaiting an answer and the waiting list's size.
//!
//! On SQLite every statement and every row crosses to the driver's worker thread and back
//! (sqlx-sqlite runs each connection on its own thread), and those hand-offs, not the queries,
//! were what an uncached page cost: five statements (event, rides, two waiting counts, pending
//! counts) became one, the event's columns and the counts riding along with each ride's row.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Iterable};

use super::needs::Waiting;
use super::transitions::unexpired_at;
use super::{Error, Result};
use crate::db::Db;
use crate::db::portable::checked;
use crate::domain::{Direction, NeedDirection, NeedStatus, ReservationStatus, Slug};
use crate::entities::{event, need, offer, reservation};

/// Each offer's requests waiting for an answer: (requests, seats), by offer id.
pub type PendingByOffer = HashMap<i64, (u64, i32)>;

/// The event, its offers (cancelled ones included, by departure), how many people wait for a
/// ride and how many requests await an answer in each direction, and each offer's pending
/// requests.
pub type PageData = (
    event::Model,
    Vec<offer::Model>,
    Waiting,
    Waiting,
    PendingByOffer,
);

const PENDING_N: &str = "pending_n";
const PENDING_SEATS: &str = "pending_seats";
const WAITING_TO: &str = "waiting_to";
const WAITING_FROM: &str = "waiting_from";

fn event_col(c: event::Column) -> String {
    format!("e_{}", sea_orm::IdenStatic::as_str(&c))
}

fn offer_col(c: offer::Column) -> String {
    format!("o_{}", sea_orm::IdenStatic::as_str(&c))
}

/// `(SELECT agg FROM reservations WHERE offer_id = offers.id AND pending AND not expired)`:
/// the ride's requests found through the `(offer_id, status)` index, their state and expiry
/// only checked (`portable::checked`, `transitions::unexpired_at`). A database whose
/// statistics say pending requests are rare (SQLite without any, PostgreSQL analysed before a
/// busy hour) otherwise counted each ride's requests from a `(status, …)` index, that is from
/// every pending request of every event.
fn pending(backend: DbBackend, agg: Expr, now: DateTime<Utc>) -> Expr {
    let r = reservation::Entity;
    let q: SelectStatement = Query::select()
        .expr(agg)
        .from(r)
        .and_where(
            Expr::col((r, reservation::Column::OfferId)).equals((offer::Entity, offer::Column::Id)),
        )
        .and_where(
            checked(backend, (r, reservation::Column::Status))
                .eq(ReservationStatus::Pending.as_str()),
        )
        .and_where(unexpired_at(backend, now))
        .to_owned();
    Expr::SubQuery(None, Box::new(q.into()))
}

/// `(SELECT COUNT(*) FROM needs WHERE event_id = events.id AND waiting AND direction IN …)`,
/// the event's needs found through `(event_id, …)`, their state only checked.
fn waiting(backend: DbBackend, directions: [NeedDirection; 2]) -> Expr {
    let n = need::Entity;
    let q: SelectStatement = Query::select()
        .expr(Func::count(Expr::col(Asterisk)))
        .from(n)
        .and_where(Expr::col((n, need::Column::EventId)).equals((event::Entity, event::Column::Id)))
        .and_where(checked(backend, (n, need::Column::Status)).eq(NeedStatus::Waiting.as_str()))
        .and_where(Expr::col((n, need::Column::Direction)).is_in(directions.map(|d| d.as_str())))
        .to_owned();
    Expr::SubQuery(None, Box::new(q.into()))
}

/// The statement: one row per offer (one row with empty offer columns when there is none).
/// Public for the test of its plan.
pub fn statement(
    conn: &impl sea_orm::ConnectionTrait,
    slug: &str,
    now: DateTime<Utc>,
) -> SelectStatement {
    let (e, o) = (event::Entity, offer::Entity);
    let backend = conn.get_database_backend();
    let mut q = Query::select();
    for c in event::Column::iter() {
        q.expr_as(Expr::col((e, c)), Alias::new(event_col(c)));
    }
    for c in offer::Column::iter() {
        q.expr_as(Expr::col((o, c)), Alias::new(offer_col(c)));
    }
    let seats = Func::coalesce([
        Func::sum(Expr::col((reservation::Entity, reservation::Column::Seats))).into(),
        Expr::val(0),
    ]);
    q.expr_as(
        pending(backend, Func::count(Expr::col(Asterisk)).into(), now),
        Alias::new(PENDING_N),
    )
    .expr_as(
        // MySQL's SUM is a DECIMAL: read back as an integer like the other backends'.
        pending(
            backend,
            crate::db::portable::int_sum(conn, seats.into()),
            now,
        ),
        Alias::new(PENDING_SEATS),
    )
    .expr_as(
        waiting(backend, [NeedDirection::ToEvent, NeedDirection::Both]),
        Alias::new(WAITING_TO),
    )
    .expr_as(
        waiting(backend, [NeedDirection::FromEvent, NeedDirection::Both]),
        Alias::new(WAITING_FROM),
    )
    .from(e)
    .left_join(
        o,
        Expr::col((o, offer::Column::EventId)).equals((e, event::Column::Id)),
    )
    .and_where(Expr::col((e, event::Column::Slug)).eq(slug))
    .order_by((o, offer::Column::DepartsAt), Order::Asc)
    .order_by((o, offer::Column::Id), Order::Asc);
    q
}

fn count(row: &sea_orm::QueryResult, column: &str) -> Result<u64> {
    let n: Option<i64> = row.try_get("", column)?;
    Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0))
}

/// The page's data for the event `slug`, in one statement. An event the operator hid is not
/// found (its organisers still reach it through their links).
pub async fn read(db: &Db, slug: &str, now: DateTime<Utc>) -> Result<PageData> {
    let slug = Slug::parse(slug).ok_or(Error::NotFound)?;
    let backend = db.conn.get_database_backend();
    let rows = db
        .conn
        .query_all_raw(backend.build(&statement(&db.conn, slug.as_str(), now)))
        .await?;
    let first = rows.first().ok_or(Error::NotFound)?;
    let event = event::Model::from_query_result(first, "e_")?;
    if event.hidden_at.is_some() {
        return Err(Error::NotFound);
    }
    let waiting = Waiting {
        to_event: count(first, WAITING_TO)?,
        from_event: count(first, WAITING_FROM)?,
    };
    let mut offers = Vec::with_capacity(rows.len());
    let mut pending = Waiting::default();
    let mut by_offer = PendingByOffer::new();
    for row in &rows {
        // The event's row when it has no offer: the offer's columns are all NULL.
        let id: Option<i64> = row.try_get("", &offer_col(offer::Column::Id))?;
        if id.is_none() {
            continue;
        }
        let o = offer::Model::from_query_result(row, "o_")?;
        let n = count(row, PENDING_N)?;
        if n > 0 {
            match o.direction {
                Direction::ToEvent => pending.to_event += n,
                Direction::FromEvent => pending.from_event += n,
            }
            let seats = count(row, PENDING_SEATS)?;
            by_offer.insert(o.id, (n, i32::try_from(seats).unwrap_or(i32::MAX)));
        }
        offers.push(o);
    }
    Ok((event, offers, waiting, pending, by_offer))
}
