//! What happens to a request after it is made: the driver accepts or refuses it, the
//! passenger cancels it, the driver removes a confirmed passenger. Every change goes through
//! the one transition primitive, so a replayed link, a double click or two instances at once
//! change nothing the second time and queue no email. Each answers `Ok(())` when it acted,
//! or `Error::Refused` with the reason it did not.
use chrono::{DateTime, Utc};

use sea_orm::{ColumnTrait, Condition, EntityTrait};

use super::transitions::{
    ACCEPT, CANCEL_BY_PASSENGER, Loaded, REFUSE, REMOVE, WITHDRAW, confirmed_of, fresh_offer,
    load_locked, offer_of_request, refuse_pending_as_full, release_seats, status_now, take_seats,
    transition, transition_one,
};
use super::{Error, Result, matching, needs};
use crate::db::Db;
use crate::domain::{OfferStatus, Refusal, ReservationStatus};
use crate::entities::{event, offer, reservation};
use crate::mail::templates::{ListChange, NoticeKind, RefusalKind};
use crate::mail::{Emails, notify, outbox};

/// Why an answer to a pending request cannot happen, before any change.
fn blocked(l: &Loaded, now: DateTime<Utc>) -> Option<Refusal> {
    let status = l.reservation.status;
    if status == ReservationStatus::Expired {
        return Some(Refusal::RequestExpired);
    }
    if status != ReservationStatus::Pending {
        return Some(Refusal::AlreadyDone(status));
    }
    if l.reservation.expires_at <= now {
        return Some(Refusal::RequestExpired);
    }
    if l.offer.status != OfferStatus::Open {
        return Some(Refusal::OfferCancelled);
    }
    if l.offer.departs_at <= now {
        return Some(Refusal::Departed);
    }
    None
}

/// The request was not in the state the transition expected: say what it is now.
async fn already(conn: &impl sea_orm::ConnectionTrait, id: i64) -> Error {
    match status_now(conn, id).await {
        Ok(status) => Refusal::AlreadyDone(status).into(),
        Err(e) => e,
    }
}

/// The driver accepts: seats are taken in the same transaction as the status change; when that
/// fills the car, the other pending requests are refused as "full". The request is not read
/// before: the conditional update decides, and only when it changes nothing is the request
/// read to say why.
pub async fn accept(
    db: &Db,
    emails: &Emails,
    id: i64,
    of_offer: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let (offer, event) = offer_of_request(&tx, id, of_offer).await?;
    let open = offer.status == OfferStatus::Open && offer.departs_at > now;
    // The request first: a second click waits on this row and then finds it decided (and says
    // "already done"), instead of finding the seats gone. If the seats do not fit, dropping
    // the transaction undoes the status change.
    let unexpired = Condition::all().add(reservation::Column::ExpiresAt.gt(now));
    let moved = match open {
        true => transition(&tx, vec![id], ACCEPT, unexpired, now)
            .await?
            .pop(),
        false => None,
    };
    let Some(reservation) = moved else {
        return Err(why_not(&tx, id, offer, event, now).await);
    };
    let Some(offer) = take_seats(&tx, offer.id, reservation.seats, now).await? else {
        let left = fresh_offer(&tx, offer.id).await?.seats_left();
        return Err(Refusal::NotEnoughSeats { left }.into());
    };
    let accepted = notify::request_accepted(emails, &event, &offer, &reservation, now)?;
    let confirmed = confirmed_of(&tx, offer.id).await?;
    let change = ListChange::Accepted(reservation.passenger_name.clone());
    let list = notify::list_changed(
        emails,
        &event,
        &offer,
        &reservation,
        change,
        &confirmed,
        now,
    )?;
    let mut queued = outbox::queue_all(&tx, emails, vec![accepted, list], now).await?;
    if offer.seats_left() == 0 {
        refuse_pending_as_full(&tx, emails, &event, &offer, now, &mut queued).await?;
    }
    tx.touch(event.id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(())
}

/// Why an answer did not happen: the request as it is now, against its offer.
async fn why_not(
    conn: &impl sea_orm::ConnectionTrait,
    id: i64,
    offer: offer::Model,
    event: event::Model,
    now: DateTime<Utc>,
) -> Error {
    let reservation = match reservation::Entity::find_by_id(id).one(conn).await {
        Ok(Some(r)) => r,
        Ok(None) => return Error::NotFound,
        Err(e) => return e.into(),
    };
    let status = reservation.status;
    let l = Loaded {
        reservation,
        offer,
        event,
    };
    blocked(&l, now)
        .unwrap_or(Refusal::AlreadyDone(status))
        .into()
}

/// The driver refuses, with an optional word for the passenger.
pub async fn refuse(
    db: &Db,
    emails: &Emails,
    id: i64,
    of_offer: Option<i64>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let l = load_locked(&tx, id, of_offer).await?;
    match blocked(&l, now) {
        // Refusing a request on a cancelled or departed ride is still a clear answer.
        None | Some(Refusal::OfferCancelled | Refusal::Departed) => {}
        Some(refusal) => return Err(refusal.into()),
    }
    let Some(reservation) = transition_one(&tx, id, REFUSE, now).await? else {
        return Err(already(&tx, id).await);
    };
    let email = notify::refused(
        emails,
        &l.event,
        &l.offer,
        &reservation,
        RefusalKind::Driver,
        note,
    )?;
    let mut queued = vec![outbox::queue(&tx, emails, email, now).await?];
    if let Some(need) = reservation.need_id {
        needs::reopen(&tx, need, now).await?;
    }
    // Someone else waiting may fit where this request did not.
    matching::seats_freed(&tx, emails, &l.event, &l.offer, now, &mut queued).await?;
    tx.touch(l.event.id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(())
}

/// The passenger cancels a pending or confirmed request, until departure. A confirmed one
/// gives its seats back.
pub async fn cancel_by_passenger(
    db: &Db,
    emails: &Emails,
    id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let l = load_locked(&tx, id, None).await?;
    if !l.reservation.status.is_active() {
        return Err(Refusal::AlreadyDone(l.reservation.status).into());
    }
    if l.offer.departs_at <= now {
        return Err(Refusal::Departed.into());
    }
    // Which state the request is cancelled from is learnt from the updates themselves, not
    // from the read above: an accept may commit in between (PostgreSQL, READ COMMITTED).
    let (reservation, was_pending) = match transition_one(&tx, id, WITHDRAW, now).await? {
        Some(r) => (r, true),
        None => match transition_one(&tx, id, CANCEL_BY_PASSENGER, now).await? {
            Some(r) => (r, false),
            None => return Err(already(&tx, id).await),
        },
    };
    let offer = if was_pending {
        fresh_offer(&tx, l.offer.id).await?
    } else {
        release_seats(&tx, l.offer.id, reservation.seats, now).await?
    };
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        emails,
        &l.event,
        &offer,
        &reservation,
        NoticeKind::CancellationConfirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx, emails, email, now).await?);
    let confirmed = confirmed_of(&tx, offer.id).await?;
    let change = ListChange::CancelledByPassenger {
        name: reservation.passenger_name.clone(),
        was_pending,
    };
    let email = notify::list_changed(
        emails,
        &l.event,
        &offer,
        &reservation,
        change,
        &confirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx, emails, email, now).await?);
    if !was_pending {
        matching::seats_freed(&tx, emails, &l.event, &offer, now, &mut queued).await?;
    }
    tx.touch(l.event.id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(())
}

/// The driver removes a confirmed passenger; the seats come back.
pub async fn remove_passenger(
    db: &Db,
    emails: &Emails,
    id: i64,
    of_offer: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let l = load_locked(&tx, id, Some(of_offer)).await?;
    if l.reservation.status != ReservationStatus::Confirmed {
        return Err(Refusal::AlreadyDone(l.reservation.status).into());
    }
    let Some(reservation) = transition_one(&tx, id, REMOVE, now).await? else {
        return Err(already(&tx, id).await);
    };
    let offer = release_seats(&tx, l.offer.id, reservation.seats, now).await?;
    let mut queued = Vec::new();
    let email = notify::passenger_notice(
        emails,
        &l.event,
        &offer,
        &reservation,
        NoticeKind::RemovedByDriver,
        now,
    )?;
    queued.push(outbox::queue(&tx, emails, email, now).await?);
    let confirmed = confirmed_of(&tx, offer.id).await?;
    let change = ListChange::Removed(reservation.passenger_name.clone());
    let email = notify::list_changed(
        emails,
        &l.event,
        &offer,
        &reservation,
        change,
        &confirmed,
        now,
    )?;
    queued.push(outbox::queue(&tx, emails, email, now).await?);
    matching::seats_freed(&tx, emails, &l.event, &offer, now, &mut queued).await?;
    tx.touch(l.event.id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(())
}
