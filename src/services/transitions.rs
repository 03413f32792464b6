//! The building blocks of every change to requests and seats, shared by the driver's and
//! passenger's actions, the driver's edits and the background sweeps: the offer-first row
//! lock, the one transition primitive (a conditional update on the current state, checked by
//! the rows it changed, returning them), and seat updates that can never overbook.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, UpdateMany,
};

use super::{Error, Result};
use crate::db::portable;
use crate::db::{Counted, WriteTx};
use crate::domain::{OfferStatus, Reason, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::mail::templates::RefusalKind;
use crate::mail::{Emails, notify, outbox};

use ReservationStatus::{Cancelled, Confirmed, Expired, Pending, Refused};

/// A move of a request from one of `from` to `to`, for `reason`.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    /// Its name in the metrics (`covoit_transitions_total{kind=…}`).
    pub kind: &'static str,
    pub from: &'static [ReservationStatus],
    pub to: ReservationStatus,
    pub reason: Option<Reason>,
}

pub const ACCEPT: Move = Move {
    kind: "accept",
    from: &[Pending],
    to: Confirmed,
    reason: None,
};
pub const REFUSE: Move = Move {
    kind: "refuse",
    from: &[Pending],
    to: Refused,
    reason: Some(Reason::Driver),
};
pub const REFUSE_AS_FULL: Move = Move {
    kind: "refuse_full",
    from: &[Pending],
    to: Refused,
    reason: Some(Reason::Full),
};
pub const EXPIRE: Move = Move {
    kind: "expire",
    from: &[Pending],
    to: Expired,
    reason: Some(Reason::Timeout),
};
pub const WITHDRAW: Move = Move {
    kind: "withdraw",
    from: &[Pending],
    to: Cancelled,
    reason: Some(Reason::PassengerPending),
};
pub const CANCEL_BY_PASSENGER: Move = Move {
    kind: "cancel",
    from: &[Confirmed],
    to: Cancelled,
    reason: Some(Reason::Passenger),
};
pub const REMOVE: Move = Move {
    kind: "remove",
    from: &[Confirmed],
    to: Cancelled,
    reason: Some(Reason::Removed),
};
pub const REFUSE_FOR_CANCELLED_OFFER: Move = Move {
    kind: "refuse_offer_cancelled",
    from: &[Pending],
    to: Refused,
    reason: Some(Reason::OfferCancelled),
};
pub const CANCEL_FOR_CANCELLED_OFFER: Move = Move {
    kind: "cancel_offer_cancelled",
    from: &[Confirmed],
    to: Cancelled,
    reason: Some(Reason::OfferCancelled),
};

pub const REFUSE_FOR_CANCELLED_EVENT: Move = Move {
    kind: "refuse_event_cancelled",
    from: &[Pending],
    to: Refused,
    reason: Some(Reason::EventCancelled),
};
pub const CANCEL_FOR_CANCELLED_EVENT: Move = Move {
    kind: "cancel_event_cancelled",
    from: &[Confirmed],
    to: Cancelled,
    reason: Some(Reason::EventCancelled),
};

/// The one way a request changes state: moves the requests `ids` that are in one of
/// `m.from` (and match `also`) to `m.to`, in one conditional update; returns the rows it
/// changed, as they are now. A request in another state is left alone, so a replay, a double
/// click or two instances at once change nothing the second time.
pub async fn transition(
    tx: &WriteTx,
    ids: Vec<i64>,
    m: Move,
    also: Condition,
    now: DateTime<Utc>,
) -> std::result::Result<Vec<reservation::Model>, DbErr> {
    let (update, cond) = transition_update(tx.get_database_backend(), ids, m, also, now);
    let moved = portable::update_returning(tx, update, cond).await?;
    if !moved.is_empty() {
        tx.count(Counted::Transitions(m.kind, moved.len() as u64));
    }
    Ok(moved)
}

/// `expires_at > at` for the requests of a ride, the expiry only checked (`portable::checked`):
/// a ride's pending requests are then found through `(offer_id, status)`. With the expiry
/// searchable, SQLite without statistics (no `ANALYZE` has run, as in every new database)
/// chose `(status, expires_at)` instead, and so read every pending request of every event for
/// each ride: an uncached event page of 20 rides read 320,000 index entries when 8,000
/// requests were pending elsewhere.
pub fn unexpired_at(backend: DbBackend, at: DateTime<Utc>) -> Expr {
    portable::checked(
        backend,
        (reservation::Entity, reservation::Column::ExpiresAt),
    )
    .gt(at)
}

/// `status = 'pending'` for a ride's requests, the state only checked (`portable::checked`):
/// the requests are found through the ride.
pub fn pending_checked(backend: DbBackend) -> Expr {
    portable::checked(backend, reservation::Column::Status).eq(Pending.as_str())
}

/// `transition`'s update and its condition (apart: `update_returning` takes them so). The rows
/// are found by their ids, the state only checked on them (`portable::checked`).
pub fn transition_update(
    backend: DbBackend,
    ids: Vec<i64>,
    m: Move,
    also: Condition,
    now: DateTime<Utc>,
) -> (UpdateMany<reservation::Entity>, Condition) {
    let mut update = reservation::Entity::update_many()
        .col_expr(reservation::Column::Status, Expr::value(m.to))
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .col_expr(reservation::Column::Reason, Expr::value(m.reason));
    if m.from == [Pending] {
        // The first answer only: later changes (a cancellation) keep the time of the answer.
        update = update.col_expr(reservation::Column::DecidedAt, Expr::value(now));
    }
    if !m.to.is_active() {
        // Frees the passenger's one active request on this offer.
        update = update.col_expr(
            reservation::Column::ActiveEmail,
            Expr::value(Option::<String>::None),
        );
    }
    let cond = Condition::all()
        .add(reservation::Column::Id.is_in(ids))
        .add(
            portable::checked(backend, reservation::Column::Status)
                .is_in(m.from.iter().map(|s| s.as_str())),
        )
        .add(also);
    (update, cond)
}

/// `transition` of one request: the updated row, or None if it was not in one of `m.from`.
pub async fn transition_one(
    conn: &WriteTx,
    id: i64,
    m: Move,
    now: DateTime<Utc>,
) -> std::result::Result<Option<reservation::Model>, DbErr> {
    Ok(transition(conn, vec![id], m, Condition::all(), now)
        .await?
        .pop())
}

/// Locks offers (`SELECT … FOR UPDATE`, in id order) for the rest of the transaction. Every
/// transaction that changes seats or requests takes its offer's lock first and the request
/// rows after, so that concurrent transactions on PostgreSQL queue up instead of deadlocking.
/// (SQLite write transactions are already one at a time; the clause is left out there.)
pub async fn lock_offers(
    conn: &impl ConnectionTrait,
    mut ids: Vec<i64>,
) -> std::result::Result<Vec<offer::Model>, DbErr> {
    ids.sort_unstable();
    ids.dedup();
    offer::Entity::find()
        .filter(offer::Column::Id.is_in(ids))
        .order_by_asc(offer::Column::Id)
        .lock_exclusive()
        .all(conn)
        .await
}

/// Which row of an offer-and-event read is locked for the transaction (PostgreSQL; on SQLite
/// the write transaction is alone and the clause is left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockOf {
    /// The offer, `FOR UPDATE`: seats or requests change.
    Offer,
    /// The event, `FOR SHARE`: a request is made (an event's cancellation waits for it).
    Event,
}

/// An offer and its event in one statement, the offer chosen by `which`.
pub async fn offer_and_event(
    conn: &impl ConnectionTrait,
    which: Condition,
    lock: LockOf,
) -> std::result::Result<Option<(offer::Model, event::Model)>, DbErr> {
    let q = offer_and_event_query(conn, which, lock);
    Ok(q.one(conn).await?.and_then(|(o, e)| Some((o, e?))))
}

/// `offer_and_event`, with one more number read in the same statement: `extra`, a scalar
/// subquery (a booking reads its passenger's recent acknowledgements so, one round trip fewer
/// while it holds the write lock).
pub async fn offer_and_event_with(
    conn: &impl ConnectionTrait,
    which: Condition,
    lock: LockOf,
    extra: SelectStatement,
) -> std::result::Result<Option<(offer::Model, event::Model, i64)>, DbErr> {
    use sea_orm::{FromQueryResult, QuerySelect, QueryTrait};
    const EXTRA: &str = "extra";
    let q = offer_and_event_query(conn, which, lock)
        .expr_as(Expr::SubQuery(None, Box::new(extra.into())), EXTRA)
        .limit(1);
    let stmt = q.build(conn.get_database_backend());
    let Some(row) = conn.query_one_raw(stmt).await? else {
        return Ok(None);
    };
    // The prefixes SeaORM gives the two sides of `select_also`.
    let o = offer::Model::from_query_result(&row, "A_")?;
    let e = event::Model::from_query_result(&row, "B_")?;
    let n: Option<i64> = row.try_get("", EXTRA)?;
    Ok(Some((o, e, n.unwrap_or(0))))
}

fn offer_and_event_query(
    conn: &impl ConnectionTrait,
    which: Condition,
    lock: LockOf,
) -> sea_orm::SelectTwo<offer::Entity, event::Entity> {
    use sea_orm::QueryTrait;
    use sea_orm::sea_query::LockType;
    let mut q = offer::Entity::find()
        .filter(which)
        .inner_join(event::Entity)
        .select_also(event::Entity);
    // MariaDB has no `FOR UPDATE OF`: there the lock covers both rows of the join (the event's
    // row exclusively for an offer lock, which only serialises writes on one event).
    let mysql = crate::db::portable::is_mysql(conn);
    match (lock, mysql) {
        (LockOf::Offer, false) => {
            QueryTrait::query(&mut q).lock_with_tables(LockType::Update, [offer::Entity])
        }
        (LockOf::Event, false) => {
            QueryTrait::query(&mut q).lock_with_tables(LockType::Share, [event::Entity])
        }
        (LockOf::Offer, true) => QueryTrait::query(&mut q).lock(LockType::Update),
        (LockOf::Event, true) => QueryTrait::query(&mut q).lock(LockType::Share),
    };
    q
}

/// A request, its offer and its event, as they are in the transaction.
pub struct Loaded {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
    pub event: event::Model,
}

/// The offer (locked) and event of request `id`, in one statement (the offer is named by a
/// subquery on the request); `of_offer` restricts it to one offer (the driver's management
/// page may only act on its own offer's requests).
pub async fn offer_of_request(
    conn: &impl ConnectionTrait,
    id: i64,
    of_offer: Option<i64>,
) -> Result<(offer::Model, event::Model)> {
    use sea_orm::QueryTrait;
    let request = reservation::Entity::find_by_id(id)
        .select_only()
        .column(reservation::Column::OfferId)
        .into_query();
    offer_and_event(
        conn,
        Condition::all().add(offer::Column::Id.in_subquery(request)),
        LockOf::Offer,
    )
    .await?
    .filter(|(o, _)| of_offer.is_none_or(|want| want == o.id))
    .ok_or(Error::NotFound)
}

/// A request with its offer (locked) and event; `of_offer` as in `offer_of_request`. The
/// request is read after the offer is locked, so what the caller sees is current.
pub async fn load_locked(
    conn: &impl ConnectionTrait,
    id: i64,
    of_offer: Option<i64>,
) -> Result<Loaded> {
    let (offer, event) = offer_of_request(conn, id, of_offer).await?;
    let reservation = reservation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Loaded {
        reservation,
        offer,
        event,
    })
}

/// The current state of a request (after a transition found it elsewhere).
pub async fn status_now(conn: &impl ConnectionTrait, id: i64) -> Result<ReservationStatus> {
    let status: Option<ReservationStatus> = reservation::Entity::find_by_id(id)
        .select_only()
        .column(reservation::Column::Status)
        .into_tuple()
        .one(conn)
        .await?;
    status.ok_or(Error::NotFound)
}

/// Takes `n` seats if they fit: one conditional update, so seats can never be overbooked.
/// Returns the offer as it is now, or None if they did not fit.
pub async fn take_seats(
    conn: &impl ConnectionTrait,
    offer_id: i64,
    n: i32,
    now: DateTime<Utc>,
) -> std::result::Result<Option<offer::Model>, DbErr> {
    let update = offer::Entity::update_many()
        .col_expr(
            offer::Column::SeatsTaken,
            Expr::col(offer::Column::SeatsTaken).add(n),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now));
    let cond = Condition::all()
        .add(offer::Column::Id.eq(offer_id))
        .add(offer::Column::Status.eq(OfferStatus::Open))
        .add(
            Expr::col(offer::Column::SeatsTaken)
                .add(n)
                .lte(Expr::col(offer::Column::SeatsTotal)),
        );
    Ok(portable::update_returning(conn, update, cond).await?.pop())
}

/// Gives `n` seats back; returns the offer as it is now.
pub async fn release_seats(
    conn: &impl ConnectionTrait,
    offer_id: i64,
    n: i32,
    now: DateTime<Utc>,
) -> Result<offer::Model> {
    offer::Entity::update_many()
        .col_expr(
            offer::Column::SeatsTaken,
            Expr::col(offer::Column::SeatsTaken).sub(n),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::SeatsTaken.gte(n))
        .exec(conn)
        .await?;
    fresh_offer(conn, offer_id).await
}

pub async fn confirmed_of(
    conn: &impl ConnectionTrait,
    offer_id: i64,
) -> std::result::Result<Vec<reservation::Model>, DbErr> {
    reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(reservation::Column::Status.eq(Confirmed))
        .order_by_asc(reservation::Column::DecidedAt)
        .all(conn)
        .await
}

pub async fn fresh_offer(conn: &impl ConnectionTrait, id: i64) -> Result<offer::Model> {
    offer::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// Refuses, as "full", every pending request of an offer that has no seat left, and tells
/// each of those passengers.
pub async fn refuse_pending_as_full(
    conn: &WriteTx,
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    now: DateTime<Utc>,
    queued: &mut Vec<outbox::Queued>,
) -> Result<()> {
    let pending = reservation::Column::OfferId.eq(o.id);
    let ids: Vec<i64> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::Id)
        .filter(pending.clone())
        .filter(reservation::Column::Status.eq(Pending))
        .into_tuple()
        .all(conn)
        .await?;
    for r in transition(conn, ids, REFUSE_AS_FULL, Condition::all(), now).await? {
        let email = notify::refused(emails, e, o, &r, RefusalKind::Full, "")?;
        queued.push(outbox::queue(conn, emails, email, now).await?);
        // A request made from the waiting list puts its need back on the list.
        if let Some(need) = r.need_id {
            super::needs::reopen(conn, need, now).await?;
        }
    }
    Ok(())
}
