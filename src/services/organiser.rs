//! The organisers' changes to a whole event, each one transaction on the locked event row:
//! editing its name, venue, date or time zone (everyone concerned is told what changed, and
//! drivers whose ride no longer fits are asked to change it), cancelling it (every ride,
//! request and need ended, everyone told once), and closing or reopening booking.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::input::{MAX_EVENT_NAME, MAX_PLACE, trip_fits};
use super::needs;
use super::transitions::{
    CANCEL_FOR_CANCELLED_EVENT, REFUSE_FOR_CANCELLED_EVENT, lock_offers, transition, unexpired_at,
};
use super::{Error, Result};
use crate::db::Db;
use crate::domain::{
    EventStatus, FieldErrors, Invalid, NeedStatus, OfferStatus, OptionalText, Refusal,
    ReservationStatus, Text, parse_event_time, parse_timezone,
};
use crate::entities::{event, need, offer, reservation};
use crate::mail::organiser::{self as compose, Concerned};
use crate::mail::recipient::Recipient;
use crate::mail::{Emails, outbox};

/// The longest word the organisers may send with a cancellation.
pub const MAX_NOTE: usize = 1000;

/// The edit form, every field as typed.
#[derive(Debug, Default, Clone)]
pub struct RawEventEdit {
    pub name: String,
    pub venue: String,
    pub starts_at: String,
    pub timezone: String,
}

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// Saved; this many people were told.
    Changed { told: usize },
    /// The form held what the event already says (a repeat, a double click): nothing to do.
    Unchanged,
}

/// The event, locked for the transaction: its organisers' changes happen one at a time, and
/// a booking (which reads it shared) waits for a cancellation to finish.
async fn lock_event(conn: &impl ConnectionTrait, id: i64) -> Result<event::Model> {
    event::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The event may still be changed: not cancelled, not started.
fn changeable(e: &event::Model, now: DateTime<Utc>) -> Result<()> {
    if e.status == EventStatus::Cancelled {
        return Err(Refusal::EventCancelled.into());
    }
    if e.starts_at <= now {
        return Err(Refusal::EventStarted.into());
    }
    Ok(())
}

/// Checks the edit form against the event as it is.
fn validate(
    e: &event::Model,
    raw: &RawEventEdit,
    mut errors: FieldErrors,
    now: DateTime<Utc>,
) -> Result<(String, String, DateTime<Utc>, Tz)> {
    let name = errors.take("name", Text::parse(&raw.name, MAX_EVENT_NAME));
    let venue = errors.take("venue", Text::parse(&raw.venue, MAX_PLACE));
    let zone = if raw.timezone.trim().is_empty() {
        Some(e.zone())
    } else {
        errors.take("timezone", parse_timezone(&raw.timezone))
    };
    let starts_at = errors.take(
        "starts_at",
        parse_event_time(&raw.starts_at, zone.unwrap_or(e.zone()), now).and_then(|t| {
            if t > now {
                Ok(t)
            } else {
                Err(Invalid::InThePast)
            }
        }),
    );
    match (name, venue, starts_at, zone) {
        (Some(name), Some(venue), Some(starts_at), Some(zone)) if errors.is_empty() => {
            Ok((name.into_string(), venue.into_string(), starts_at, zone))
        }
        _ => Err(Error::Invalid(errors)),
    }
}

/// Everyone concerned by the event, each once (by address), in a stable order: drivers of
/// open rides, then passengers with a pending or confirmed request on them, then people on
/// the waiting list (`needs`: the states that count). A person's language is the one of
/// their first part.
pub(super) async fn concerned(
    conn: &impl ConnectionTrait,
    e: &event::Model,
    needs: &[NeedStatus],
    now: DateTime<Utc>,
) -> Result<Vec<Concerned>> {
    let rides = offer::Entity::find()
        .filter(offer::Column::EventId.eq(e.id))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .order_by_asc(offer::Column::DepartsAt)
        .order_by_asc(offer::Column::Id)
        .all(conn)
        .await?;
    // The rides' requests, their state only checked (`portable::checked`).
    let status =
        crate::db::portable::checked(conn.get_database_backend(), reservation::Column::Status);
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.is_in(rides.iter().map(|o| o.id)))
        .filter(
            Condition::any()
                .add(status.clone().eq(ReservationStatus::Confirmed.as_str()))
                .add(
                    Condition::all()
                        .add(status.eq(ReservationStatus::Pending.as_str()))
                        .add(unexpired_at(conn.get_database_backend(), now)),
                ),
        )
        .order_by_asc(reservation::Column::CreatedAt)
        .order_by_asc(reservation::Column::Id)
        .all(conn)
        .await?;
    let waiting = need::Entity::find()
        .filter(need::Column::EventId.eq(e.id))
        .filter(need::Column::Status.is_in(needs.iter().copied()))
        .order_by_asc(need::Column::CreatedAt)
        .order_by_asc(need::Column::Id)
        .all(conn)
        .await?;
    let mut people = People::default();
    for o in rides.iter() {
        let fits = trip_fits(o.direction, o.departs_at, e.starts_at);
        people
            .of(Recipient::driver(e, o))
            .rides
            .push((o.clone(), fits));
    }
    for r in requests {
        if let Some(o) = rides.iter().find(|o| o.id == r.offer_id) {
            people
                .of(Recipient::passenger(e, &r))
                .seats
                .push((o.clone(), r));
        }
    }
    for n in waiting {
        people.of(Recipient::waiter(e, &n)).needs.push(n);
    }
    Ok(people.all)
}

/// People by address, in the order they first appear.
#[derive(Default)]
struct People {
    all: Vec<Concerned>,
    index: HashMap<String, usize>,
}

impl People {
    /// The person `to` is (by address), added if new.
    fn of(&mut self, to: Recipient) -> &mut Concerned {
        let key = to.person.email.to_lowercase();
        let at = match self.index.get(&key) {
            Some(at) => *at,
            None => {
                self.all.push(Concerned {
                    to,
                    rides: Vec::new(),
                    seats: Vec::new(),
                    needs: Vec::new(),
                });
                self.index.insert(key, self.all.len() - 1);
                self.all.len() - 1
            }
        };
        &mut self.all[at]
    }
}

/// The organisers change the event's name, venue, date or time zone. Everyone concerned
/// (drivers, passengers with a pending or confirmed request, people waiting) gets one email
/// saying what changed; drivers whose ride no longer fits the new date are asked to change it.
/// A form that changes nothing (a repeat) does nothing.
pub async fn edit(
    db: &Db,
    emails: &Emails,
    event_id: i64,
    raw: &RawEventEdit,
    venue_point: (Option<f64>, Option<f64>),
    errors: FieldErrors,
    now: DateTime<Utc>,
) -> Result<Edited> {
    let tx = db.begin_write().await?;
    let before = lock_event(&tx, event_id).await?;
    changeable(&before, now)?;
    let (name, venue, starts_at, zone) = validate(&before, raw, errors, now)?;
    if name == before.name
        && venue == before.venue
        && starts_at == before.starts_at
        && zone.name() == before.timezone
    {
        return Ok(Edited::Unchanged);
    }
    let result = event::Entity::update_many()
        .col_expr(event::Column::Name, Expr::value(name))
        .col_expr(event::Column::Venue, Expr::value(venue))
        // The point of the new venue (resolved before the transaction), none if unknown.
        .col_expr(event::Column::VenueLat, Expr::value(venue_point.0))
        .col_expr(event::Column::VenueLon, Expr::value(venue_point.1))
        .col_expr(event::Column::StartsAt, Expr::value(starts_at))
        .col_expr(event::Column::Timezone, Expr::value(zone.name()))
        .col_expr(
            event::Column::Version,
            Expr::col(event::Column::Version).add(1),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::Version.eq(before.version))
        .filter(event::Column::Status.eq(EventStatus::Open))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        // Only a concurrent change can get here (the row is locked on PostgreSQL, and SQLite
        // writes one transaction at a time): the change it made stands.
        return Ok(Edited::Unchanged);
    }
    let after = event::Entity::find_by_id(event_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let people = concerned(&tx, &after, &[NeedStatus::Waiting], now).await?;
    let mut queued = Vec::with_capacity(people.len());
    for who in &people {
        let email = compose::event_changed(emails, &before, &after, who, now)?;
        queued.push(outbox::queue(&tx, emails, email, now).await?);
    }
    tx.touch(event_id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(Edited::Changed { told: people.len() })
}

/// The organisers cancel the event, for good: every ride is cancelled, every pending request
/// refused and every confirmed one cancelled, every need ended; everyone concerned gets one
/// email (with `note`, the organisers' word, if any). A second call is refused and changes
/// nothing.
pub async fn cancel(
    db: &Db,
    emails: &Emails,
    event_id: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let note = OptionalText::parse(note, MAX_NOTE).map_err(|why| {
        let mut errors = FieldErrors::default();
        errors.add("note", why);
        Error::Invalid(errors)
    })?;
    let tx = db.begin_write().await?;
    let e = lock_event(&tx, event_id).await?;
    changeable(&e, now)?;
    let result = event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(EventStatus::Cancelled))
        .col_expr(event::Column::CancelledAt, Expr::value(now))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::Status.eq(EventStatus::Open))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        return Err(Refusal::EventCancelled.into());
    }
    // Offers first, then their requests: the order every seat change takes its locks in. What
    // is read after the locks is current (a request committed meanwhile is in it).
    let ride_ids: Vec<i64> = super::offers::open_of(tx.get_database_backend(), [event_id])
        .select_only()
        .column(offer::Column::Id)
        .into_tuple()
        .all(&tx)
        .await?;
    lock_offers(&tx, ride_ids.clone()).await?;
    // A matched need's person hears of their seat; only those still waiting of the list.
    let mut people = concerned(&tx, &e, &[NeedStatus::Waiting], now).await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::Status, Expr::value(OfferStatus::Cancelled))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.is_in(ride_ids.clone()))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .exec(&tx)
        .await?;
    let request_ids: Vec<i64> = people
        .iter()
        .flat_map(|p| p.seats.iter().map(|(_, r)| r.id))
        .collect();
    let of_rides = || Condition::all().add(reservation::Column::OfferId.is_in(ride_ids.clone()));
    let mut ended: HashMap<i64, reservation::Model> = HashMap::new();
    for m in [REFUSE_FOR_CANCELLED_EVENT, CANCEL_FOR_CANCELLED_EVENT] {
        for r in transition(&tx, request_ids.clone(), m, of_rides(), now).await? {
            ended.insert(r.id, r);
        }
    }
    needs::move_to(NeedStatus::Cancelled, now)
        .filter(need::Column::EventId.eq(event_id))
        .filter(need::Column::Status.is_in([NeedStatus::Waiting, NeedStatus::Matched]))
        .exec(&tx)
        .await?;
    let e = event::Entity::find_by_id(event_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let note = note.into_string();
    let mut queued = Vec::with_capacity(people.len());
    for who in &mut people {
        // Each request as it ended (its calendar entry is withdrawn if it had a seat).
        for (_, r) in &mut who.seats {
            if let Some(now_row) = ended.remove(&r.id) {
                *r = now_row;
            }
        }
        let email = compose::event_cancelled(emails, &e, &note, who, now)?;
        queued.push(outbox::queue(&tx, emails, email, now).await?);
    }
    tx.touch(event_id);
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(people.len())
}

/// The organisers close booking (no new offer, request or need) or open it again. Setting it
/// to what it already is changes nothing.
pub async fn set_booking(db: &Db, event_id: i64, closed: bool, now: DateTime<Utc>) -> Result<()> {
    let tx = db.begin_write().await?;
    let e = lock_event(&tx, event_id).await?;
    changeable(&e, now)?;
    event::Entity::update_many()
        .col_expr(event::Column::BookingClosed, Expr::value(closed))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::BookingClosed.eq(!closed))
        .filter(event::Column::Status.eq(EventStatus::Open))
        .exec(&tx)
        .await?;
    tx.touch(event_id);
    tx.commit().await?;
    Ok(())
}

/// The event of a new offer, request or need, read shared for the transaction (so that a
/// cancellation waits for it, or it for the cancellation), if it takes bookings.
pub async fn admit(conn: &impl ConnectionTrait, event_id: i64) -> Result<event::Model> {
    let e = event::Entity::find_by_id(event_id)
        .lock_shared()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    admissible(&e)?;
    Ok(e)
}

/// Whether the event takes requests: not cancelled, not hidden, booking open.
pub fn admissible(e: &event::Model) -> Result<()> {
    if e.status == EventStatus::Cancelled {
        return Err(Refusal::EventCancelled.into());
    }
    if e.hidden_at.is_some() {
        return Err(Error::NotFound);
    }
    if e.booking_closed {
        return Err(Refusal::BookingClosed.into());
    }
    Ok(())
}
