//! A person's own data for one event (the `data` link): what covoit holds about their address
//! there (as organiser, co-organiser, driver, passenger, waiting passenger, and the emails sent
//! to them), and its deletion, which first ends what is still active through the usual
//! transitions (the other party is told as usual) and then erases the rest.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::erasure::{self, Whom};
use super::{Error, Result, decisions, needs, offer_admin};
use crate::db::Db;
use crate::domain::{NeedStatus, OfferStatus};
use crate::entities::{co_organiser, event, need, offer, organiser_message, outbox, reservation};
use crate::links::DataLink;
use crate::mail::Emails;

/// The person a `data` link is for: their address (lower case, empty once erased) in an event.
#[derive(Debug, Clone)]
pub struct Subject {
    pub event: event::Model,
    pub key: String,
}

/// Finds who a `data` link names.
pub async fn subject(db: &Db, who: DataLink) -> Result<Subject> {
    let conn = &db.conn;
    let (event_id, email) = match who {
        DataLink::Organiser { event_id } => {
            let e = event::Entity::find_by_id(event_id).one(conn).await?;
            let e = e.ok_or(Error::NotFound)?;
            (e.id, e.organizer_email)
        }
        DataLink::CoOrganiser { id } => {
            let c = co_organiser::Entity::find_by_id(id).one(conn).await?;
            let c = c.ok_or(Error::NotFound)?;
            (c.event_id, c.email)
        }
        DataLink::Driver { offer_id } => {
            let o = offer::Entity::find_by_id(offer_id).one(conn).await?;
            let o = o.ok_or(Error::NotFound)?;
            (o.event_id, o.driver_email)
        }
        DataLink::Passenger { reservation_id } => {
            let r = reservation::Entity::find_by_id(reservation_id)
                .one(conn)
                .await?;
            let r = r.ok_or(Error::NotFound)?;
            let o = offer::Entity::find_by_id(r.offer_id).one(conn).await?;
            (o.ok_or(Error::NotFound)?.event_id, r.passenger_email)
        }
        DataLink::Waiter { need_id } => {
            let n = need::Entity::find_by_id(need_id).one(conn).await?;
            let n = n.ok_or(Error::NotFound)?;
            (n.event_id, n.email)
        }
    };
    let event = event::Entity::find_by_id(event_id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Subject {
        event,
        key: email.to_lowercase(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Organiser {
    pub name: String,
    pub email: String,
    /// The messages the organisers sent to participants.
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoOrganiser {
    pub name: String,
    pub email: String,
    pub since: DateTime<Utc>,
    pub revoked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ride {
    pub direction: String,
    pub place: String,
    pub departs_at: DateTime<Utc>,
    pub seats: i32,
    pub status: String,
    pub driver_name: String,
    pub driver_email: String,
    pub driver_phone: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Request {
    pub direction: String,
    pub departs_at: DateTime<Utc>,
    pub seats: i32,
    pub status: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub pickup: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Need {
    pub direction: String,
    pub place: String,
    pub seats: i32,
    pub status: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Email {
    pub subject: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// Everything covoit holds about one address in one event (the page and the JSON export).
#[derive(Debug, Clone, Serialize)]
pub struct Holdings {
    pub event: String,
    pub event_slug: String,
    pub event_starts_at: DateTime<Utc>,
    /// When what is left is erased.
    pub erased_on: DateTime<Utc>,
    pub email: String,
    pub organiser: Option<Organiser>,
    pub co_organiser: Vec<CoOrganiser>,
    pub rides: Vec<Ride>,
    pub requests: Vec<Request>,
    pub needs: Vec<Need>,
    /// The emails covoit sent (or will send) to this address about this event.
    pub emails: Vec<Email>,
}

impl Holdings {
    pub fn is_empty(&self) -> bool {
        self.organiser.is_none()
            && self.co_organiser.is_empty()
            && self.rides.is_empty()
            && self.requests.is_empty()
            && self.needs.is_empty()
            && self.emails.is_empty()
    }
}

fn lower(column: impl sea_orm::sea_query::IntoColumnRef) -> Expr {
    Expr::expr(Func::lower(Expr::col(column)))
}

/// The JSON export of what `s` holds (the download of the data link).
pub async fn export(db: &Db, s: &Subject, erased_on: DateTime<Utc>) -> Result<String> {
    let h = holdings(db, s, erased_on).await?;
    serde_json::to_string_pretty(&h)
        .map_err(|e| Error::Db(sea_orm::DbErr::Custom(format!("data export: {e}"))))
}

/// What `s` holds; nothing once erased (an empty key matches nothing).
pub async fn holdings(db: &Db, s: &Subject, erased_on: DateTime<Utc>) -> Result<Holdings> {
    let conn = &db.conn;
    let key = s.key.as_str();
    let e = &s.event;
    let mut h = Holdings {
        event: e.name.clone(),
        event_slug: e.slug.clone(),
        event_starts_at: e.starts_at,
        erased_on,
        email: key.to_owned(),
        organiser: None,
        co_organiser: Vec::new(),
        rides: Vec::new(),
        requests: Vec::new(),
        needs: Vec::new(),
        emails: Vec::new(),
    };
    if key.is_empty() {
        return Ok(h);
    }
    if e.organizer_email.to_lowercase() == key {
        let messages = organiser_message::Entity::find()
            .filter(organiser_message::Column::EventId.eq(e.id))
            .filter(organiser_message::Column::Body.ne(""))
            .order_by_asc(organiser_message::Column::CreatedAt)
            .all(conn)
            .await?;
        h.organiser = Some(Organiser {
            name: e.organizer_name.clone(),
            email: e.organizer_email.clone(),
            messages: messages.into_iter().map(|m| m.body).collect(),
        });
    }
    h.co_organiser = co_organiser::Entity::find()
        .filter(co_organiser::Column::EventId.eq(e.id))
        .filter(lower(co_organiser::Column::Email).eq(key))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| CoOrganiser {
            name: c.name,
            email: c.email,
            since: c.created_at,
            revoked: c.revoked_at.is_some(),
        })
        .collect();
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(e.id))
        .order_by_asc(offer::Column::DepartsAt)
        .all(conn)
        .await?;
    h.rides = offers
        .iter()
        .filter(|o| o.driver_email.to_lowercase() == key)
        .map(|o| Ride {
            direction: o.direction.to_string(),
            place: o.place.clone(),
            departs_at: o.departs_at,
            seats: o.seats_total,
            status: o.status.to_string(),
            driver_name: o.driver_name.clone(),
            driver_email: o.driver_email.clone(),
            driver_phone: o.driver_phone.clone(),
            notes: o.notes.clone(),
        })
        .collect();
    let ids: Vec<i64> = offers.iter().map(|o| o.id).collect();
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.is_in(ids))
        .filter(lower(reservation::Column::PassengerEmail).eq(key))
        .order_by_asc(reservation::Column::CreatedAt)
        .all(conn)
        .await?;
    h.requests = requests
        .into_iter()
        .filter_map(|r| {
            let o = offers.iter().find(|o| o.id == r.offer_id)?;
            Some(Request {
                direction: o.direction.to_string(),
                departs_at: o.departs_at,
                seats: r.seats,
                status: r.status.to_string(),
                name: r.passenger_name,
                email: r.passenger_email,
                phone: r.passenger_phone,
                pickup: r.pickup,
                message: r.message,
                created_at: r.created_at,
            })
        })
        .collect();
    h.needs = need::Entity::find()
        .filter(need::Column::EventId.eq(e.id))
        .filter(lower(need::Column::Email).eq(key))
        .order_by_asc(need::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|n| Need {
            direction: n.direction.to_string(),
            place: n.place,
            seats: n.seats,
            status: n.status.to_string(),
            name: n.name,
            email: n.email,
            phone: n.phone,
            created_at: n.created_at,
        })
        .collect();
    h.emails = outbox::Entity::find()
        .filter(outbox::Column::EventId.eq(e.id))
        .filter(outbox::Column::RecipientKey.eq(key))
        .order_by_asc(outbox::Column::CreatedAt)
        .order_by_asc(outbox::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| Email {
            subject: m.subject,
            status: m.status.to_string(),
            created_at: m.created_at,
        })
        .collect();
    Ok(h)
}

/// What a deletion did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Active things ended (their other party told) and everything erased.
    Done { ended: u64 },
    /// Nothing was left to erase (a repeat, or a race lost).
    AlreadyErased,
}

/// Ends what `s` still has going in the event (requests, rides, needs), each through its
/// usual transition with its usual emails, then erases their data there. A repeat, or a
/// second request racing the first, erases nothing and says so.
pub async fn delete(db: &Db, emails: &Emails, s: &Subject, now: DateTime<Utc>) -> Result<Deleted> {
    let key = s.key.as_str();
    if key.is_empty() {
        return Ok(Deleted::AlreadyErased);
    }
    // Every step is conditional, so a deletion that lost a deadlock (several deletions of one
    // person at once, on MariaDB) is run again from the start; what it ended still counts.
    let mut ended = 0;
    let mut tries = 0;
    loop {
        tries += 1;
        match delete_once(db, emails, s, key, &mut ended, now).await {
            Err(Error::Db(e)) if tries < 4 && crate::db::is_deadlock(&e) => {
                tracing::info!(tries, "a deletion lost a deadlock: run again");
            }
            done => return done,
        }
    }
}

async fn delete_once(
    db: &Db,
    emails: &Emails,
    s: &Subject,
    key: &str,
    ended: &mut u64,
    now: DateTime<Utc>,
) -> Result<Deleted> {
    let conn = &db.conn;
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(s.event.id))
        .all(conn)
        .await?;
    let ids: Vec<i64> = offers.iter().map(|o| o.id).collect();
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.is_in(ids))
        .filter(lower(reservation::Column::PassengerEmail).eq(key))
        .all(conn)
        .await?;
    // Each step is a conditional transition: a step that another request (or the person, or
    // the driver) already took is refused, and that is fine here.
    for r in requests.iter().filter(|r| r.status.is_active()) {
        if ended_ok(decisions::cancel_by_passenger(db, emails, r.id, now).await)? {
            *ended += 1;
        }
    }
    for o in offers
        .iter()
        .filter(|o| o.status == OfferStatus::Open && o.driver_email.to_lowercase() == key)
    {
        if ended_ok(offer_admin::cancel(db, emails, o.id, now).await)? {
            *ended += 1;
        }
    }
    let waiting = need::Entity::find()
        .filter(need::Column::EventId.eq(s.event.id))
        .filter(lower(need::Column::Email).eq(key))
        .filter(need::Column::Status.eq(NeedStatus::Waiting))
        .all(conn)
        .await?;
    for n in waiting {
        if ended_ok(needs::withdraw(db, n.id, now).await.map(|_| ()))? {
            *ended += 1;
        }
    }
    let tx = db.begin_write().await?;
    let erased = erasure::erase(&tx, s.event.id, Whom::Address(key), now).await?;
    tx.touch(s.event.id);
    tx.commit().await?;
    Ok(if erased.nothing() {
        Deleted::AlreadyErased
    } else {
        Deleted::Done { ended: *ended }
    })
}

/// A transition's answer: done, or refused because it no longer applies.
fn ended_ok(result: Result<()>) -> Result<bool> {
    match result {
        Ok(()) => Ok(true),
        Err(Error::Refused(_)) => Ok(false),
        Err(e) => Err(e),
    }
}
