//! The driver's changes to a whole offer: editing its time, place, seats and notes, and
//! cancelling it. Confirmed passengers hear of a new time or place; everyone with a request
//! hears of a cancellation.
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::input::{MAX_LONG_TEXT, MAX_PLACE};
use super::transitions::{confirmed_of, lock_offers, refuse_pending_as_full, transition};
use crate::db::Db;
use crate::domain::schedule::reminder_due;
use crate::domain::{
    Direction, FieldErrors, Invalid, OfferStatus, OptionalText, ReservationStatus, SeatCount, Text,
    parse_event_time,
};
use crate::entities::{event, offer, reservation};
use crate::error::AppError;
use crate::mail::templates::NoticeKind;
use crate::mail::{Mailer, notify, outbox};

#[derive(Debug, Default, Clone)]
pub struct RawEdit {
    pub departs_at: String,
    pub place: String,
    pub seats: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditOutcome {
    Saved { trip_changed: bool },
    OfferCancelled,
    Departed,
}

/// The offer, locked for the transaction (offer first, then its requests), and its event.
async fn load(
    tx: &impl sea_orm::ConnectionTrait,
    id: i64,
) -> Result<(offer::Model, event::Model), AppError> {
    let o = lock_offers(tx, vec![id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let e = event::Entity::find_by_id(o.event_id)
        .one(tx)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((o, e))
}

pub async fn edit(
    db: &Db,
    mailer: &Mailer,
    offer_id: i64,
    raw: &RawEdit,
    mut errors: FieldErrors,
    reminder_time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<EditOutcome, AppError> {
    let tx = db.begin_write().await?;
    let (before, e) = load(&tx, offer_id).await?;
    if before.status != OfferStatus::Open.as_str() {
        return Ok(EditOutcome::OfferCancelled);
    }
    if before.departs_at <= now {
        return Ok(EditOutcome::Departed);
    }
    let zone: Tz = e.timezone.parse().unwrap_or(Tz::UTC);
    let departs_at = errors.take(
        "departs_at",
        parse_event_time(&raw.departs_at, zone).and_then(|t| {
            if t > now {
                Ok(t)
            } else {
                Err(Invalid::InThePast)
            }
        }),
    );
    if let Some(t) = departs_at {
        let fits = match Direction::parse(&before.direction) {
            Some(Direction::ToEvent) => {
                t <= e.starts_at && t >= e.starts_at - chrono::Duration::days(7)
            }
            _ => t >= e.starts_at && t <= e.starts_at + chrono::Duration::days(14),
        };
        if !fits {
            errors.add("departs_at", Invalid::TripTime);
        }
    }
    let place = errors.take("place", Text::parse(&raw.place, MAX_PLACE));
    let seats = errors.take("seats", SeatCount::parse(&raw.seats));
    if let Some(s) = seats
        && s.get() < before.seats_taken
    {
        errors.add(
            "seats",
            Invalid::SeatsBelowTaken {
                taken: before.seats_taken,
            },
        );
    }
    let notes = errors.take("notes", OptionalText::parse(&raw.notes, MAX_LONG_TEXT));
    let (Some(departs_at), Some(place), Some(seats), Some(notes)) =
        (departs_at, place, seats, notes)
    else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let place = place.into_string();
    let trip_changed = departs_at != before.departs_at || place != before.place;
    let bump = i32::from(trip_changed);
    let mut update = offer::Entity::update_many();
    if before.reminded_at.is_none() && departs_at != before.departs_at {
        // Not reminded yet: the reminder follows the new day (none if that moment has passed).
        let reminder = reminder_due(departs_at, zone, reminder_time, now);
        update = update.col_expr(offer::Column::ReminderAt, Expr::value(reminder));
    }
    let result = update
        .col_expr(offer::Column::DepartsAt, Expr::value(departs_at))
        .col_expr(offer::Column::Place, Expr::value(place))
        .col_expr(offer::Column::SeatsTotal, Expr::value(seats.get()))
        .col_expr(offer::Column::Notes, Expr::value(notes.into_string()))
        .col_expr(
            offer::Column::Version,
            Expr::col(offer::Column::Version).add(bump),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .filter(offer::Column::SeatsTaken.lte(seats.get()))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        // Only a concurrent change can get here (the checks above passed on this snapshot).
        let mut errors = FieldErrors::default();
        errors.add(
            "seats",
            Invalid::SeatsBelowTaken {
                taken: before.seats_taken,
            },
        );
        return Err(AppError::Invalid(errors));
    }
    // A pending request never outlives the departure.
    reservation::Entity::update_many()
        .col_expr(reservation::Column::ExpiresAt, Expr::value(departs_at))
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Pending.as_str()))
        .filter(reservation::Column::ExpiresAt.gt(departs_at))
        .exec(&tx)
        .await?;
    let after = offer::Entity::find_by_id(offer_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut queued = Vec::new();
    if trip_changed {
        for r in confirmed_of(&tx, offer_id).await? {
            let email = notify::trip_changed(mailer, &e, &before, &after, &r, now)?;
            queued.push(outbox::queue(&tx, mailer, email, now).await?);
        }
    }
    if after.seats_left() == 0 {
        refuse_pending_as_full(&tx, mailer, &e, &after, now, &mut queued).await?;
    }
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(EditOutcome::Saved { trip_changed })
}

/// Cancels the offer; pending requests are refused and confirmed ones cancelled, and each of
/// those passengers is told. A second call changes nothing.
pub async fn cancel(
    db: &Db,
    mailer: &Mailer,
    offer_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let tx = db.begin_write().await?;
    let (o, e) = load(&tx, offer_id).await?;
    let result = offer::Entity::update_many()
        .col_expr(
            offer::Column::Status,
            Expr::value(OfferStatus::Cancelled.as_str()),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open.as_str()))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        return Ok(false);
    }
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(reservation::Column::Status.is_in([
            ReservationStatus::Pending.as_str(),
            ReservationStatus::Confirmed.as_str(),
        ]))
        .all(&tx)
        .await?;
    let mut queued = Vec::new();
    for r in requests {
        // A pending request is refused, a confirmed one cancelled: whichever the row is now.
        let reason = Some("offer_cancelled");
        let pending = [ReservationStatus::Pending];
        let confirmed = [ReservationStatus::Confirmed];
        let changed = transition(&tx, r.id, &pending, ReservationStatus::Refused, reason, now)
            .await?
            || transition(
                &tx,
                r.id,
                &confirmed,
                ReservationStatus::Cancelled,
                reason,
                now,
            )
            .await?;
        if changed {
            let email = notify::passenger_notice(mailer, &e, &o, &r, NoticeKind::OfferCancelled)?;
            queued.push(outbox::queue(&tx, mailer, email, now).await?);
        }
    }
    tx.commit().await?;
    mailer.after_commit(&queued);
    Ok(true)
}
