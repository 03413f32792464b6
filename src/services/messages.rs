//! The organisers' messages to participants: one text to all drivers, all confirmed
//! passengers, or everyone of one direction (drivers, passengers with a request, people
//! waiting), each person once, in a frame in their language. Capped per event and day; the
//! same text to the same people again within minutes (a double click) is sent once.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::organiser::concerned;
use super::{Error, Result};
use crate::db::Db;
use crate::domain::{
    Audience, Direction, EventStatus, FieldErrors, NeedStatus, Refusal, ReservationStatus, Text,
};
use crate::entities::{event, organiser_message};
use crate::mail::organiser::{self as compose, Concerned};
use crate::mail::{Emails, outbox};

/// The longest message.
pub const MAX_BODY: usize = 2000;
/// How many messages an event's organisers may send in a day.
pub const PER_DAY: u64 = 5;
/// A message identical to one sent this recently is a repeat, not a new message.
const REPEAT: Duration = Duration::minutes(10);

/// What sending did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// Sent to this many people.
    To(usize),
    /// The same message was just sent (a double click): nothing sent again.
    Repeat,
}

/// Whether `who` is in `audience`.
fn belongs(who: &Concerned, audience: Audience) -> bool {
    let direction = |d: Direction| {
        who.rides.iter().any(|(o, _)| o.direction == d)
            || who.seats.iter().any(|(o, _)| o.direction == d)
            || who.needs.iter().any(|n| n.direction.covers(d))
    };
    match audience {
        Audience::Drivers => !who.rides.is_empty(),
        Audience::Passengers => who
            .seats
            .iter()
            .any(|(_, r)| r.status == ReservationStatus::Confirmed),
        Audience::ToEvent => direction(Direction::ToEvent),
        Audience::FromEvent => direction(Direction::FromEvent),
    }
}

/// Sends `body` to `audience` of event `event_id`.
pub async fn send(
    db: &Db,
    emails: &Emails,
    event_id: i64,
    audience: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<Sent> {
    let mut errors = FieldErrors::default();
    let audience = errors.take(
        "audience",
        Audience::parse(audience).ok_or(crate::domain::Invalid::Required),
    );
    let body = errors.take("message", Text::parse(body, MAX_BODY));
    let (Some(audience), Some(body)) = (audience, body) else {
        return Err(Error::Invalid(errors));
    };
    let body = body.into_string();
    let tx = db.begin_write().await?;
    let e = event::Entity::find_by_id(event_id)
        .lock_exclusive()
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    if e.status == EventStatus::Cancelled {
        return Err(Refusal::EventCancelled.into());
    }
    let recent = organiser_message::Entity::find()
        .filter(organiser_message::Column::EventId.eq(event_id))
        .filter(organiser_message::Column::CreatedAt.gt(now - Duration::days(1)));
    let repeat = recent
        .clone()
        .filter(organiser_message::Column::CreatedAt.gt(now - REPEAT))
        .filter(organiser_message::Column::Audience.eq(audience))
        .filter(organiser_message::Column::Body.eq(body.as_str()))
        .count(&tx)
        .await?;
    if repeat > 0 {
        return Ok(Sent::Repeat);
    }
    if recent.count(&tx).await? >= PER_DAY {
        return Err(Refusal::TooManyMessages.into());
    }
    let people: Vec<Concerned> = concerned(&tx, &e, &[NeedStatus::Waiting], now)
        .await?
        .into_iter()
        .filter(|who| belongs(who, audience))
        .collect();
    let message = organiser_message::ActiveModel {
        event_id: Set(event_id),
        audience: Set(audience),
        body: Set(body),
        recipients: Set(i32::try_from(people.len()).unwrap_or(i32::MAX)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let mut queued = Vec::with_capacity(people.len());
    for who in &people {
        let email = compose::organiser_message(emails, &e, &message, who)?;
        queued.push(outbox::queue(&tx, emails, email, now).await?);
    }
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(Sent::To(people.len()))
}

/// The event's messages, newest first (the organiser page's log).
pub async fn log(db: &Db, event_id: i64) -> Result<Vec<organiser_message::Model>> {
    Ok(organiser_message::Entity::find()
        .filter(organiser_message::Column::EventId.eq(event_id))
        .order_by_desc(organiser_message::Column::CreatedAt)
        .order_by_desc(organiser_message::Column::Id)
        .limit(50)
        .all(&db.conn)
        .await?)
}
