//! Reading a series: whether two events are dates of one series (so that one organiser link
//! reaches every date), each date with its counts for the organiser page, and the dates a
//! driver may repeat a ride on.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, SelectTwo};

use super::{Error, Result};
use crate::db::{Db, portable};
use crate::domain::series::MAX_OCCURRENCES;
use crate::domain::{FieldErrors, Invalid, ReservationStatus};
use crate::entities::{event, offer, reservation};

/// `other` when it is a date of the same series as `event_id` (or the event itself).
pub async fn sibling(db: &Db, event_id: i64, other: i64) -> Result<i64> {
    if event_id == other {
        return Ok(other);
    }
    let ids = [event_id, other];
    let rows = event::Entity::find()
        .filter(event::Column::Id.is_in(ids))
        .all(&db.conn)
        .await?;
    match rows.as_slice() {
        [a, b] if a.series_id.is_some() && a.series_id == b.series_id => Ok(other),
        _ => Err(Error::NotFound),
    }
}

/// One date of a series with what the organiser page counts.
pub struct DateCounts {
    pub event: event::Model,
    /// Open rides.
    pub rides: usize,
    pub seats_total: i32,
    pub seats_taken: i32,
    /// Requests waiting for their driver's answer.
    pub pending: usize,
}

/// Every date of the series `series_id` (cancelled ones included), in order, with its counts.
pub async fn dates(db: &Db, series_id: i64, now: DateTime<Utc>) -> Result<Vec<DateCounts>> {
    let events = super::events::occurrences(db, series_id).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let backend = db.conn.get_database_backend();
    let offers = super::offers::open_of(backend, ids.clone())
        .all(&db.conn)
        .await?;
    let pending = pending_of_events(backend, ids, now).all(&db.conn).await?;
    Ok(events
        .into_iter()
        .map(|e| {
            let mine: Vec<&offer::Model> = offers.iter().filter(|o| o.event_id == e.id).collect();
            DateCounts {
                rides: mine.len(),
                seats_total: mine.iter().map(|o| o.seats_total).sum(),
                seats_taken: mine.iter().map(|o| o.seats_taken).sum(),
                pending: pending
                    .iter()
                    .filter(|(_, o)| o.as_ref().is_some_and(|o| o.event_id == e.id))
                    .count(),
                event: e,
            }
        })
        .collect())
}

/// The requests awaiting an answer on the rides of the events `ids`, each with its ride. They
/// are found through the rides (the `(offer_id, status)` index), the state only
/// checked (`portable::checked`): without statistics SQLite otherwise started from the
/// `(status, …)` indexes, that is from every pending request of every event.
pub fn pending_of_events(
    backend: DbBackend,
    ids: Vec<i64>,
    now: DateTime<Utc>,
) -> SelectTwo<reservation::Entity, offer::Entity> {
    let status = portable::checked(backend, (reservation::Entity, reservation::Column::Status));
    reservation::Entity::find()
        .find_also_related(offer::Entity)
        .filter(offer::Column::EventId.is_in(ids))
        .filter(status.eq(ReservationStatus::Pending.as_str()))
        .filter(reservation::Column::ExpiresAt.gt(now))
        .order_by_asc(reservation::Column::Id)
}

/// The other dates of `e`'s series a new ride can still be offered on (open, taking bookings,
/// not started), in order.
pub async fn open_siblings(
    db: &Db,
    e: &event::Model,
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>> {
    let Some(series_id) = e.series_id else {
        return Ok(Vec::new());
    };
    Ok(super::events::occurrences(db, series_id)
        .await?
        .into_iter()
        .filter(|o| o.id != e.id && o.takes_bookings() && o.starts_at > now)
        .collect())
}

/// The dates (by slug) a driver ticked to repeat their ride on: each must be another open date
/// of `e`'s series, else the `repeat_on` field is refused. Each date once, in order.
pub async fn repeat_targets(
    db: &Db,
    e: &event::Model,
    slugs: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<event::Model>> {
    let slugs: Vec<&str> = slugs
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let open = open_siblings(db, e, now).await?;
    if slugs.len() > MAX_OCCURRENCES || !slugs.iter().all(|s| open.iter().any(|o| o.slug == *s)) {
        let mut errors = FieldErrors::default();
        errors.add("repeat_on", Invalid::RepeatDate);
        return Err(Error::Invalid(errors));
    }
    Ok(open
        .into_iter()
        .filter(|o| slugs.contains(&o.slug.as_str()))
        .collect())
}

/// The offer form (or body) with the dates it repeats on: the offer and those dates, or every
/// refused field at once (the offer's and `repeat_on`).
pub async fn validate_offer(
    db: &Db,
    raw: &super::input::RawOffer,
    errors: FieldErrors,
    e: &event::Model,
    lang: crate::domain::Lang,
    now: DateTime<Utc>,
) -> Result<(super::input::NewOffer, Vec<event::Model>)> {
    let validated = super::input::validate_offer(raw, errors, e, lang, now);
    match (validated, repeat_targets(db, e, &raw.repeat_on, now).await) {
        (Ok(new), Ok(also)) => Ok((new, also)),
        (_, Err(e)) if !matches!(e, Error::Invalid(_)) => Err(e),
        (validated, also) => {
            let mut errors = validated.err().unwrap_or_default();
            if let Err(Error::Invalid(more)) = also {
                for (field, why) in more.0 {
                    errors.add(field, why);
                }
            }
            Err(Error::Invalid(errors))
        }
    }
}
