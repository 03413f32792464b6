//! The driver's changes to a whole offer: editing its time, place, seats and notes, and
//! cancelling it. Confirmed passengers hear of a new time or place; everyone with a request
//! hears of a cancellation.
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::input::{MAX_LONG_TEXT, MAX_PLACE};
use super::places::Places;
use super::transitions::{
    CANCEL_FOR_CANCELLED_OFFER, REFUSE_FOR_CANCELLED_OFFER, confirmed_of, lock_offers,
    pending_checked, refuse_pending_as_full, transition, unexpired_at,
};
use super::{Error, Result};
use crate::db::{Counted, Db};
use crate::domain::schedule::reminder_due;
use crate::domain::{
    FieldErrors, Invalid, Lang, OfferStatus, OptionalText, Refusal, SeatCount, Text,
    parse_event_time,
};
use crate::entities::{event, offer, reservation};
use crate::mail::templates::NoticeKind;
use crate::mail::{Emails, notify, outbox};

#[derive(Debug, Default, Clone)]
pub struct RawEdit {
    pub departs_at: String,
    pub place: String,
    pub seats: String,
    pub notes: String,
}

/// An edit that was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The time or the place changed (the confirmed passengers are told).
    pub trip_changed: bool,
}

/// The offer, locked for the transaction (offer first, then its requests), and its event.
async fn load(tx: &impl sea_orm::ConnectionTrait, id: i64) -> Result<(offer::Model, event::Model)> {
    let o = lock_offers(tx, vec![id])
        .await?
        .pop()
        .ok_or(Error::NotFound)?;
    let e = event::Entity::find_by_id(o.event_id)
        .one(tx)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((o, e))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one use case: its context, the form and the clock"
)]
pub async fn edit(
    db: &Db,
    emails: &Emails,
    places: &Places,
    offer_id: i64,
    raw: &RawEdit,
    mut errors: FieldErrors,
    reminder_time: NaiveTime,
    now: DateTime<Utc>,
) -> Result<Edited> {
    // Looked up before the transaction (a geocoder may take its time); the text as stored
    // (`Text::parse` trims it).
    let (place_lat, place_lon) = places.columns(raw.place.trim(), Lang::Fr).await;
    let tx = db.begin_write().await?;
    let (before, e) = load(&tx, offer_id).await?;
    if before.status != OfferStatus::Open {
        return Err(Refusal::OfferCancelled.into());
    }
    if before.departs_at <= now {
        return Err(Refusal::Departed.into());
    }
    let zone: Tz = e.timezone.parse().unwrap_or(Tz::UTC);
    let departs_at = errors.take(
        "departs_at",
        parse_event_time(&raw.departs_at, zone, now).and_then(|t| {
            if t > now {
                Ok(t)
            } else {
                Err(Invalid::InThePast)
            }
        }),
    );
    if let Some(t) = departs_at
        && !super::input::trip_fits(before.direction, t, e.starts_at)
    {
        errors.add("departs_at", Invalid::TripTime);
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
        return Err(Error::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
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
        .col_expr(offer::Column::PlaceLat, Expr::value(place_lat))
        .col_expr(offer::Column::PlaceLon, Expr::value(place_lon))
        .col_expr(offer::Column::SeatsTotal, Expr::value(seats.get()))
        .col_expr(offer::Column::Notes, Expr::value(notes.into_string()))
        .col_expr(
            offer::Column::Version,
            Expr::col(offer::Column::Version).add(bump),
        )
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
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
        return Err(Error::Invalid(errors));
    }
    // A pending request never outlives the departure.
    reservation::Entity::update_many()
        .col_expr(reservation::Column::ExpiresAt, Expr::value(departs_at))
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(pending_checked(tx.get_database_backend()))
        .filter(unexpired_at(tx.get_database_backend(), departs_at))
        .exec(&tx)
        .await?;
    let after = offer::Entity::find_by_id(offer_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let mut queued = Vec::new();
    if trip_changed {
        for r in confirmed_of(&tx, offer_id).await? {
            let email = notify::trip_changed(emails, &e, &before, &after, &r, now)?;
            queued.push(outbox::queue(&tx, emails, email, now).await?);
        }
    }
    if after.seats_left() == 0 {
        refuse_pending_as_full(&tx, emails, &e, &after, now, &mut queued).await?;
    }
    if after.seats_left() > before.seats_left() || trip_changed {
        // More seats, or a time or place that may now suit someone waiting.
        super::matching::seats_freed(&tx, emails, &e, &after, now, &mut queued).await?;
    }
    tx.touch(e.id);
    tx.count(Counted::Transitions("edit", 1));
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(Edited { trip_changed })
}

/// Cancels the offer; pending requests are refused and confirmed ones cancelled, and each of
/// those passengers is told. A second call is refused (already cancelled) and changes nothing.
pub async fn cancel(db: &Db, emails: &Emails, offer_id: i64, now: DateTime<Utc>) -> Result<()> {
    let tx = db.begin_write().await?;
    let (o, e) = load(&tx, offer_id).await?;
    let result = offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(OfferStatus::Cancelled))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        return Err(Refusal::OfferCancelled.into());
    }
    tx.count(Counted::Transitions("cancel_offer", 1));
    let of_offer = || Condition::all().add(reservation::Column::OfferId.eq(offer_id));
    let ids: Vec<i64> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::Id)
        .filter(of_offer())
        .into_tuple()
        .all(&tx)
        .await?;
    // A pending request is refused, a confirmed one cancelled: whichever the row is now.
    let mut ended = transition(
        &tx,
        ids.clone(),
        REFUSE_FOR_CANCELLED_OFFER,
        of_offer(),
        now,
    )
    .await?;
    ended.extend(transition(&tx, ids, CANCEL_FOR_CANCELLED_OFFER, of_offer(), now).await?);
    let mut queued = Vec::new();
    for r in ended {
        let email = notify::passenger_notice(emails, &e, &o, &r, NoticeKind::OfferCancelled, now)?;
        queued.push(outbox::queue(&tx, emails, email, now).await?);
        // Who came from the waiting list goes back to it.
        if let Some(need) = r.need_id {
            super::needs::reopen(&tx, need, now).await?;
        }
    }
    tx.touch(e.id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(())
}

/// The driver switches automatic acceptance on or off. Switched on, the pending requests that
/// fit are accepted at once, oldest first, with the usual emails.
pub async fn set_auto_accept(
    db: &Db,
    emails: &Emails,
    offer_id: i64,
    on: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let (o, e) = load(&tx, offer_id).await?;
    if o.status != OfferStatus::Open {
        return Err(Refusal::OfferCancelled.into());
    }
    offer::Entity::update_many()
        .col_expr(offer::Column::AutoAccept, Expr::value(on))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(offer_id))
        .exec(&tx)
        .await?;
    let pending: Vec<i64> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::Id)
        .filter(reservation::Column::OfferId.eq(offer_id))
        .filter(pending_checked(tx.get_database_backend()))
        .filter(unexpired_at(tx.get_database_backend(), now))
        .order_by_asc(reservation::Column::CreatedAt)
        .into_tuple()
        .all(&tx)
        .await?;
    tx.touch(e.id);
    tx.commit().await?;
    if on {
        for id in pending {
            match super::decisions::accept(db, emails, id, Some(offer_id), now).await {
                // A request that does not fit (or was answered meanwhile) stays as it is.
                Ok(()) | Err(Error::Refused(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
