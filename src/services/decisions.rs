//! What happens to a request after it is made: the driver accepts or refuses it, the
//! passenger cancels it, the driver removes a confirmed passenger. Every transition is a
//! conditional update on the current state, checked by the rows it changed, so a replayed link,
//! a double click or two instances at once change nothing the second time and queue no email.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::Db;
use crate::domain::{OfferStatus, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::error::AppError;
use crate::mail::templates::{ListChange, NoticeKind, RefusalKind};
use crate::mail::{Mailer, notify, outbox};

/// The outcome of a driver's or passenger's action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Nothing to do: the request is already in this state (a replay, a double click).
    AlreadyDone(ReservationStatus),
    RequestExpired,
    NotEnoughSeats {
        left: i32,
    },
    OfferCancelled,
    Departed,
}

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

fn status_of(r: &reservation::Model) -> ReservationStatus {
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
async fn take_seats(
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

async fn release_seats(
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

async fn fresh_offer(conn: &impl ConnectionTrait, id: i64) -> Result<offer::Model, AppError> {
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

/// Why an action on a request cannot happen, before any change.
fn blocked(l: &Loaded, now: DateTime<Utc>) -> Option<Outcome> {
    let status = status_of(&l.reservation);
    if status == ReservationStatus::Expired {
        return Some(Outcome::RequestExpired);
    }
    if status != ReservationStatus::Pending {
        return Some(Outcome::AlreadyDone(status));
    }
    if l.reservation.expires_at <= now {
        return Some(Outcome::RequestExpired);
    }
    if l.offer.status != OfferStatus::Open.as_str() {
        return Some(Outcome::OfferCancelled);
    }
    if l.offer.departs_at <= now {
        return Some(Outcome::Departed);
    }
    None
}

/// The driver accepts: seats are taken in the same transaction as the status change; when that
/// fills the car, the other pending requests are refused as "full".
pub async fn accept(
    db: &Db,
    mailer: &Mailer,
    id: i64,
    of_offer: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let tx = db.begin_write().await?;
    let l = load(&tx.tx, id, of_offer).await?;
    if let Some(outcome) = blocked(&l, now) {
        return Ok(outcome);
    }
    // The request first: a second click waits on this row and then finds it decided (and says
    // "already done"), instead of finding the seats gone. If the seats do not fit, dropping
    // the transaction undoes the status change.
    let pending = [ReservationStatus::Pending];
    if !transition(
        &tx.tx,
        id,
        &pending,
        ReservationStatus::Confirmed,
        None,
        now,
    )
    .await?
    {
        let current = load(&tx.tx, id, of_offer).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    }
    if !take_seats(&tx.tx, l.offer.id, l.reservation.seats, now).await? {
        let left = fresh_offer(&tx.tx, l.offer.id).await?.seats_left();
        return Ok(Outcome::NotEnoughSeats { left });
    }
    let offer = fresh_offer(&tx.tx, l.offer.id).await?;
    let reservation = load(&tx.tx, id, of_offer).await?.reservation;
    let mut queued = Vec::new();
    let email = notify::request_accepted(mailer, &l.event, &offer, &reservation, now)?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx.tx, offer.id).await?;
    let change = ListChange::Accepted(reservation.passenger_name.clone());
    let email = notify::list_changed(
        mailer,
        &l.event,
        &offer,
        &reservation,
        change,
        false,
        1,
        &confirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    if offer.seats_left() == 0 {
        refuse_pending_as_full(&tx.tx, mailer, &l.event, &offer, now, &mut queued).await?;
    }
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(Outcome::Done)
}

/// The driver refuses, with an optional word for the passenger.
pub async fn refuse(
    db: &Db,
    mailer: &Mailer,
    id: i64,
    of_offer: Option<i64>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let tx = db.begin_write().await?;
    let l = load(&tx.tx, id, of_offer).await?;
    match blocked(&l, now) {
        // Refusing a request on a cancelled or departed ride is still a clear answer.
        None | Some(Outcome::OfferCancelled | Outcome::Departed) => {}
        Some(outcome) => return Ok(outcome),
    }
    let pending = [ReservationStatus::Pending];
    if !transition(
        &tx.tx,
        id,
        &pending,
        ReservationStatus::Refused,
        Some("driver"),
        now,
    )
    .await?
    {
        let current = load(&tx.tx, id, of_offer).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    }
    let email = notify::refused(
        mailer,
        &l.event,
        &l.offer,
        &l.reservation,
        RefusalKind::Driver,
        note,
    )?;
    let queued = outbox::queue(&tx.tx, mailer, email, now).await?;
    tx.commit().await?;
    mailer.after_commit(&[queued]);
    Ok(Outcome::Done)
}

/// The passenger cancels a pending or confirmed request, until departure. A confirmed one
/// gives its seats back.
pub async fn cancel_by_passenger(
    db: &Db,
    mailer: &Mailer,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let tx = db.begin_write().await?;
    let l = load(&tx.tx, id, None).await?;
    let status = status_of(&l.reservation);
    if !status.is_active() {
        return Ok(Outcome::AlreadyDone(status));
    }
    if l.offer.departs_at <= now {
        return Ok(Outcome::Departed);
    }
    // Which state the request is cancelled from is learnt from the updates themselves, not
    // from the read above: an accept may commit in between (PostgreSQL, READ COMMITTED).
    let Some(status) = cancel_active(&tx.tx, id, "passenger_pending", "passenger", now).await?
    else {
        let current = load(&tx.tx, id, None).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    };
    if status == ReservationStatus::Confirmed {
        release_seats(&tx.tx, l.offer.id, l.reservation.seats, now).await?;
    }
    let offer = fresh_offer(&tx.tx, l.offer.id).await?;
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        NoticeKind::CancellationConfirmed,
    )?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx.tx, offer.id).await?;
    let was_pending = status == ReservationStatus::Pending;
    let change = ListChange::CancelledByPassenger(l.reservation.passenger_name.clone());
    let email = notify::list_changed(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        change,
        was_pending,
        2,
        &confirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(Outcome::Done)
}

/// The driver removes a confirmed passenger; the seats come back.
pub async fn remove_passenger(
    db: &Db,
    mailer: &Mailer,
    id: i64,
    of_offer: i64,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let tx = db.begin_write().await?;
    let l = load(&tx.tx, id, Some(of_offer)).await?;
    let status = status_of(&l.reservation);
    if status != ReservationStatus::Confirmed {
        return Ok(Outcome::AlreadyDone(status));
    }
    let confirmed_only = [ReservationStatus::Confirmed];
    if !transition(
        &tx.tx,
        id,
        &confirmed_only,
        ReservationStatus::Cancelled,
        Some("removed"),
        now,
    )
    .await?
    {
        let current = load(&tx.tx, id, Some(of_offer)).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    }
    release_seats(&tx.tx, l.offer.id, l.reservation.seats, now).await?;
    let offer = fresh_offer(&tx.tx, l.offer.id).await?;
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        NoticeKind::RemovedByDriver,
    )?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx.tx, offer.id).await?;
    let change = ListChange::Removed(l.reservation.passenger_name.clone());
    let email = notify::list_changed(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        change,
        false,
        3,
        &confirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx.tx, mailer, email, now).await?);
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(Outcome::Done)
}
