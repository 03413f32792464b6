//! The building blocks of every change to requests and seats, shared by the driver's and
//! passenger's actions, the driver's edits and the background sweeps: the offer-first row
//! lock, conditional state transitions checked by the rows they changed, and seat updates that
//! can never overbook.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::domain::{OfferStatus, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::error::AppError;
use crate::mail::templates::RefusalKind;
use crate::mail::{Mailer, notify, outbox};

pub struct Loaded {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
    pub event: event::Model,
}

/// Locks offers (`SELECT … FOR UPDATE`, in id order) for the rest of the transaction. Every
/// transaction that changes seats or requests takes its offer's lock first and the request
/// rows after, so that concurrent transactions on PostgreSQL queue up instead of deadlocking.
/// (SQLite write transactions are already one at a time; the clause is left out there.)
pub async fn lock_offers(
    conn: &impl ConnectionTrait,
    mut ids: Vec<i64>,
) -> Result<Vec<offer::Model>, DbErr> {
    ids.sort_unstable();
    ids.dedup();
    offer::Entity::find()
        .filter(offer::Column::Id.is_in(ids))
        .order_by_asc(offer::Column::Id)
        .lock_exclusive()
        .all(conn)
        .await
}

/// A reservation with its offer (locked) and event; `of_offer` restricts it to one offer (the
/// driver's management page may only act on its own offer's requests). The reservation is read
/// again once the offer is locked, so what the caller sees is current.
pub async fn load(
    conn: &impl ConnectionTrait,
    id: i64,
    of_offer: Option<i64>,
) -> Result<Loaded, AppError> {
    let find = || async {
        reservation::Entity::find_by_id(id)
            .one(conn)
            .await
            .map(|r| r.filter(|r| of_offer.is_none_or(|o| o == r.offer_id)))
    };
    let first = find().await?.ok_or(AppError::NotFound)?;
    let offer = lock_offers(conn, vec![first.offer_id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let reservation = find().await?.ok_or(AppError::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Loaded {
        reservation,
        offer,
        event,
    })
}

pub(crate) fn status_of(r: &reservation::Model) -> ReservationStatus {
    ReservationStatus::parse(&r.status).unwrap_or(ReservationStatus::Cancelled)
}

/// Moves a reservation from one of `from` to `to`; true if this call made the change.
pub async fn transition(
    conn: &impl ConnectionTrait,
    id: i64,
    from: &[ReservationStatus],
    to: ReservationStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = reservation::Entity::update_many()
        .col_expr(reservation::Column::Status, Expr::value(to.as_str()))
        .col_expr(reservation::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            reservation::Column::Reason,
            Expr::value(reason.map(str::to_owned)),
        );
    if from == [ReservationStatus::Pending] {
        // The first answer only: later changes (a cancellation) keep the time of the answer.
        update = update.col_expr(reservation::Column::DecidedAt, Expr::value(now));
    }
    if !to.is_active() {
        // Frees the passenger's one active request on this offer.
        update = update.col_expr(
            reservation::Column::ActiveEmail,
            Expr::value(Option::<String>::None),
        );
    }
    let statuses: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let result = update
        .filter(reservation::Column::Id.eq(id))
        .filter(reservation::Column::Status.is_in(statuses))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Cancels a pending or confirmed request and says which of the two it was; None if it was
/// neither. Two conditional updates, so the answer is what the database changed.
pub async fn cancel_active(
    conn: &impl ConnectionTrait,
    id: i64,
    reason_if_pending: &str,
    reason_if_confirmed: &str,
    now: DateTime<Utc>,
) -> Result<Option<ReservationStatus>, DbErr> {
    use ReservationStatus::{Cancelled, Confirmed, Pending};
    if transition(
        conn,
        id,
        &[Pending],
        Cancelled,
        Some(reason_if_pending),
        now,
    )
    .await?
    {
        return Ok(Some(Pending));
    }
    if transition(
        conn,
        id,
        &[Confirmed],
        Cancelled,
        Some(reason_if_confirmed),
        now,
    )
    .await?
    {
        return Ok(Some(Confirmed));
    }
    Ok(None)
}

/// Takes `n` seats if they fit: one conditional update, so seats can never be overbooked.
pub(crate) async fn take_seats(
    conn: &impl ConnectionTrait,
    offer_id: i64,
    n: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = offer::Entity::update_many()
        .col_expr(
            offer::Column::SeatsTaken,
            Expr::col(offer::Column::SeatsTaken).add(n),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(
            Expr::col(offer::Column::SeatsTaken)
                .add(n)
                .lte(Expr::col(offer::Column::SeatsTotal)),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub(crate) async fn release_seats(
    conn: &impl ConnectionTrait,
    offer_id: i64,
    n: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
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
    Ok(())
}

pub async fn confirmed_of(
    conn: &impl ConnectionTrait,
    offer_id: i64,
) -> Result<Vec<reservation::Model>, DbErr> {
    reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Confirmed.as_str()))
        .order_by_asc(reservation::Column::DecidedAt)
        .all(conn)
        .await
}

pub(crate) async fn fresh_offer(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<offer::Model, AppError> {
    offer::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Refuses, as "full", every pending request of an offer that has no seat left.
pub async fn refuse_pending_as_full(
    conn: &impl ConnectionTrait,
    mailer: &Mailer,
    e: &event::Model,
    o: &offer::Model,
    now: DateTime<Utc>,
    queued: &mut Vec<outbox::Queued>,
) -> Result<(), AppError> {
    let pending = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(o.id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Pending.as_str()))
        .all(conn)
        .await?;
    for p in pending {
        let pending = [ReservationStatus::Pending];
        if transition(
            conn,
            p.id,
            &pending,
            ReservationStatus::Refused,
            Some("full"),
            now,
        )
        .await?
        {
            let email = notify::refused(mailer, e, o, &p, RefusalKind::Full, "")?;
            queued.push(outbox::queue(conn, mailer, email, now).await?);
        }
    }
    Ok(())
}
