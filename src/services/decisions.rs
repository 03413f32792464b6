//! What happens to a request after it is made: the driver accepts or refuses it, the
//! passenger cancels it, the driver removes a confirmed passenger. Every transition is a
//! conditional update on the current state, checked by the rows it changed, so a replayed link,
//! a double click or two instances at once change nothing the second time and queue no email.
use chrono::{DateTime, Utc};

pub use super::transitions::{Loaded, load};
use super::transitions::{
    cancel_active, confirmed_of, fresh_offer, refuse_pending_as_full, release_seats, status_of,
    take_seats, transition,
};
use crate::db::Db;
use crate::domain::{OfferStatus, ReservationStatus};
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
    let l = load(&tx, id, of_offer).await?;
    if let Some(outcome) = blocked(&l, now) {
        return Ok(outcome);
    }
    // The request first: a second click waits on this row and then finds it decided (and says
    // "already done"), instead of finding the seats gone. If the seats do not fit, dropping
    // the transaction undoes the status change.
    let pending = [ReservationStatus::Pending];
    if !transition(&tx, id, &pending, ReservationStatus::Confirmed, None, now).await? {
        let current = load(&tx, id, of_offer).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    }
    if !take_seats(&tx, l.offer.id, l.reservation.seats, now).await? {
        let left = fresh_offer(&tx, l.offer.id).await?.seats_left();
        return Ok(Outcome::NotEnoughSeats { left });
    }
    let offer = fresh_offer(&tx, l.offer.id).await?;
    let reservation = load(&tx, id, of_offer).await?.reservation;
    let mut queued = Vec::new();
    let email = notify::request_accepted(mailer, &l.event, &offer, &reservation, now)?;
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx, offer.id).await?;
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
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
    if offer.seats_left() == 0 {
        refuse_pending_as_full(&tx, mailer, &l.event, &offer, now, &mut queued).await?;
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
    let l = load(&tx, id, of_offer).await?;
    match blocked(&l, now) {
        // Refusing a request on a cancelled or departed ride is still a clear answer.
        None | Some(Outcome::OfferCancelled | Outcome::Departed) => {}
        Some(outcome) => return Ok(outcome),
    }
    let pending = [ReservationStatus::Pending];
    if !transition(
        &tx,
        id,
        &pending,
        ReservationStatus::Refused,
        Some("driver"),
        now,
    )
    .await?
    {
        let current = load(&tx, id, of_offer).await?;
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
    let queued = outbox::queue(&tx, mailer, email, now).await?;
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
    let l = load(&tx, id, None).await?;
    let status = status_of(&l.reservation);
    if !status.is_active() {
        return Ok(Outcome::AlreadyDone(status));
    }
    if l.offer.departs_at <= now {
        return Ok(Outcome::Departed);
    }
    // Which state the request is cancelled from is learnt from the updates themselves, not
    // from the read above: an accept may commit in between (PostgreSQL, READ COMMITTED).
    let Some(status) = cancel_active(&tx, id, "passenger_pending", "passenger", now).await? else {
        let current = load(&tx, id, None).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    };
    if status == ReservationStatus::Confirmed {
        release_seats(&tx, l.offer.id, l.reservation.seats, now).await?;
    }
    let offer = fresh_offer(&tx, l.offer.id).await?;
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        NoticeKind::CancellationConfirmed,
    )?;
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx, offer.id).await?;
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
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
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
    let l = load(&tx, id, Some(of_offer)).await?;
    let status = status_of(&l.reservation);
    if status != ReservationStatus::Confirmed {
        return Ok(Outcome::AlreadyDone(status));
    }
    let confirmed_only = [ReservationStatus::Confirmed];
    if !transition(
        &tx,
        id,
        &confirmed_only,
        ReservationStatus::Cancelled,
        Some("removed"),
        now,
    )
    .await?
    {
        let current = load(&tx, id, Some(of_offer)).await?;
        return Ok(Outcome::AlreadyDone(status_of(&current.reservation)));
    }
    release_seats(&tx, l.offer.id, l.reservation.seats, now).await?;
    let offer = fresh_offer(&tx, l.offer.id).await?;
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        mailer,
        &l.event,
        &offer,
        &l.reservation,
        NoticeKind::RemovedByDriver,
    )?;
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
    let confirmed = confirmed_of(&tx, offer.id).await?;
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
    queued.push(outbox::queue(&tx, mailer, email, now).await?);
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(Outcome::Done)
}
