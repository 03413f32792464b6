//! Meeting the waiting list: when seats are freed on a ride, the waiting needs it can take are
//! told (nearest first, then oldest first, at most once per need and ride, a few alerts per person a day) with a
//! `claim` link; a driver invites one waiting passenger, whose `join` link confirms the seats at
//! once. Both take seats with the same conditional updates as an accept, so nothing oversells.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

use super::transitions::{
    LockOf, confirmed_of, fresh_offer, offer_and_event, refuse_pending_as_full, take_seats,
};
use super::{Error, Result, needs};
use crate::db::{Db, is_unique_violation};
use crate::domain::schedule::nudge_moment;
use crate::domain::{NeedStatus, OfferStatus, Refusal, ReservationStatus};
use crate::entities::{event, need, need_alert, offer, reservation};
use crate::mail::templates::ListChange;
use crate::mail::{Emails, compose, notify, outbox, waiting};

/// Alerts one freeing of seats may send: enough for every seat to find someone even if some
/// do not answer, not the whole list.
const ALERTS_PER_SEAT: u64 = 2;

/// Seats were freed on (or added to) `o`: tells the waiting needs that fit, in the same
/// transaction as the change. Needs already told about this ride, people who already had their
/// `alerts_per_day` in the last 24 hours, rides that left, are cancelled or are full tell
/// nobody.
pub async fn seats_freed(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    now: DateTime<Utc>,
    queued: &mut Vec<outbox::Queued>,
) -> Result<()> {
    let per_day = emails.alerts_per_day;
    if o.status != OfferStatus::Open || o.departs_at <= now || o.seats_left() == 0 {
        return Ok(());
    }
    if e.starts_at <= now {
        return Ok(());
    }
    let wanted = ALERTS_PER_SEAT * u64::try_from(o.seats_left()).unwrap_or(0);
    let mut sent = 0;
    // A few more candidates than alerts: some were told already or reached their daily cap.
    for n in needs::fitting(conn, o, wanted * 4).await? {
        if sent >= wanted {
            break;
        }
        let told = need_alert::Entity::find()
            .filter(need_alert::Column::NeedId.eq(n.id))
            .filter(need_alert::Column::OfferId.eq(o.id))
            .count(conn)
            .await?;
        let email_key = n.active_email.clone().unwrap_or_default();
        let today = need_alert::Entity::find()
            .filter(need_alert::Column::EmailKey.eq(email_key.as_str()))
            .filter(need_alert::Column::CreatedAt.gt(now - Duration::hours(24)))
            .count(conn)
            .await?;
        if told > 0 || today >= per_day {
            continue;
        }
        let alert = need_alert::ActiveModel {
            need_id: Set(n.id),
            offer_id: Set(o.id),
            email_key: Set(email_key),
            created_at: Set(now),
            claimed_at: Set(None),
            ..Default::default()
        };
        let alert = match alert.insert(conn).await {
            Ok(a) => a,
            // Another transaction told this need about this ride just now.
            Err(err) if is_unique_violation(&err) => continue,
            Err(err) => return Err(err.into()),
        };
        let email = waiting::seat_freed(emails, e, o, &n, &alert, now)?;
        queued.push(outbox::queue(conn, emails, email, now).await?);
        sent += 1;
    }
    Ok(())
}

/// A new request for the need's seats on `o`, made by the need (a claim or an invitation):
/// confirmed at once when `confirm`, else pending like any request.
async fn request_for(
    conn: &impl ConnectionTrait,
    o: &offer::Model,
    n: &need::Model,
    seats: i32,
    confirm: bool,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<reservation::Model> {
    let expires_at = super::booking::expiry(now, ttl, o.departs_at);
    let row = reservation::ActiveModel {
        offer_id: Set(o.id),
        status: Set(if confirm {
            ReservationStatus::Confirmed
        } else {
            ReservationStatus::Pending
        }),
        seats: Set(seats),
        passenger_name: Set(n.name.clone()),
        passenger_email: Set(n.email.clone()),
        passenger_phone: Set(n.phone.clone()),
        pickup: Set(n.place.clone()),
        pickup_lat: Set(n.place_lat),
        pickup_lon: Set(n.place_lon),
        message: Set(String::new()),
        locale: Set(n.locale.clone()),
        active_email: Set(n.active_email.clone()),
        reason: Set(None),
        created_at: Set(now),
        expires_at: Set(expires_at),
        nudge_at: Set((!confirm).then(|| nudge_moment(now, expires_at))),
        nudged_at: Set(None),
        decided_at: Set(confirm.then_some(now)),
        updated_at: Set(now),
        need_id: Set(Some(n.id)),
        // A need carries no consent: the organisers see no contact of this seat.
        share_contact: Set(false),
        ..Default::default()
    };
    match row.insert(conn).await {
        Ok(r) => Ok(r),
        Err(e) if is_unique_violation(&e) => Err(Refusal::DuplicateRequest.into()),
        Err(e) => Err(e.into()),
    }
}

/// Why a need cannot take seats on `o` now.
fn blocked(
    o: &offer::Model,
    e: &event::Model,
    n: &need::Model,
    now: DateTime<Utc>,
) -> Option<Refusal> {
    if n.status != NeedStatus::Waiting {
        return Some(Refusal::NeedClosed(n.status));
    }
    if e.status == crate::domain::EventStatus::Cancelled {
        return Some(Refusal::EventCancelled);
    }
    if e.booking_closed {
        return Some(Refusal::BookingClosed);
    }
    if o.status != OfferStatus::Open {
        return Some(Refusal::OfferCancelled);
    }
    if o.departs_at <= now {
        return Some(Refusal::Departed);
    }
    if e.starts_at <= now && o.direction == crate::domain::Direction::ToEvent {
        return Some(Refusal::EventStarted);
    }
    None
}

/// Queues the emails of a request made through a need: accepted (passenger) and the list
/// (driver) when confirmed, else request received (driver) and sent (passenger). `acks`: the
/// passenger's recent acknowledgements, when the caller read them already.
#[expect(
    clippy::too_many_arguments,
    reason = "the request, its ride and event, and what the caller already read"
)]
pub(super) async fn tell(
    conn: &crate::db::WriteTx,
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
    acks: outbox::AckCounts,
    queued: &mut Vec<outbox::Queued>,
) -> Result<()> {
    if r.status == ReservationStatus::Confirmed {
        let accepted = notify::request_accepted(emails, e, o, r, now)?;
        let confirmed = confirmed_of(conn, o.id).await?;
        let change = ListChange::Accepted(r.passenger_name.clone());
        let list = notify::list_changed(emails, e, o, r, change, &confirmed, now)?;
        let batch = vec![accepted, list];
        queued.extend(outbox::queue_all_counted(conn, emails, batch, now, acks).await?);
        if o.seats_left() == 0 {
            refuse_pending_as_full(conn, emails, e, o, now, queued).await?;
        }
    } else {
        let made = compose::request_made(emails, e, o, r, now)?;
        queued.extend(outbox::queue_all_counted(conn, emails, made.into(), now, acks).await?);
    }
    Ok(())
}

/// What a claim or a join made.
pub struct Taken {
    pub reservation: reservation::Model,
    pub offer: offer::Model,
}

/// Confirmed or pending seats for a need on a locked offer: the need becomes `matched`.
async fn take_for_need(
    conn: &impl ConnectionTrait,
    o: &offer::Model,
    n: &need::Model,
    seats: i32,
    confirm: bool,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<Taken> {
    if seats > o.seats_left() {
        return Err(Refusal::NotEnoughSeats {
            left: o.seats_left(),
        }
        .into());
    }
    // The need first: of two claims of one need at once, the second finds it matched.
    if needs::transition(conn, n.id, NeedStatus::Waiting, NeedStatus::Matched, now)
        .await?
        .is_none()
    {
        let status = need::Entity::find_by_id(n.id)
            .one(conn)
            .await?
            .map_or(NeedStatus::Withdrawn, |n| n.status);
        return Err(Refusal::NeedClosed(status).into());
    }
    let reservation = request_for(conn, o, n, seats, confirm, ttl, now).await?;
    let offer = if confirm {
        match take_seats(conn, o.id, seats, now).await? {
            Some(offer) => offer,
            None => {
                let left = fresh_offer(conn, o.id).await?.seats_left();
                return Err(Refusal::NotEnoughSeats { left }.into());
            }
        }
    } else {
        o.clone()
    };
    Ok(Taken { reservation, offer })
}

/// The offer (locked first, as every seat change does) with its event, then the need.
async fn load(
    conn: &impl ConnectionTrait,
    offer_id: i64,
    need_id: i64,
) -> Result<(offer::Model, need::Model, event::Model)> {
    let which = Condition::all().add(offer::Column::Id.eq(offer_id));
    let (o, e) = offer_and_event(conn, which, LockOf::Offer)
        .await?
        .ok_or(Error::NotFound)?;
    let n = need::Entity::find_by_id(need_id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((o, n, e))
}

/// A waiting passenger takes the seats an alert told them of: a request (pending, or confirmed
/// when the ride accepts automatically), atomically; a replay answers "already done".
pub async fn claim(
    db: &Db,
    emails: &Emails,
    alert_id: i64,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<Taken> {
    let tx = db.begin_write().await?;
    let alert = need_alert::Entity::find_by_id(alert_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let (o, n, e) = load(&tx, alert.offer_id, alert.need_id).await?;
    if let Some(refusal) = blocked(&o, &e, &n, now) {
        return Err(refusal.into());
    }
    let taken = take_for_need(&tx, &o, &n, n.seats, o.auto_accept, ttl, now).await?;
    need_alert::Entity::update_many()
        .col_expr(need_alert::Column::ClaimedAt, Expr::value(now))
        .filter(need_alert::Column::Id.eq(alert.id))
        .exec(&tx)
        .await?;
    let mut queued = Vec::new();
    tell(
        &tx,
        emails,
        &e,
        &taken.offer,
        &taken.reservation,
        now,
        outbox::AckCounts::new(),
        &mut queued,
    )
    .await?;
    tx.touch(e.id);
    tx.count(crate::db::Counted::Bookings(1));
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(taken)
}

mod invite;
mod views;

pub use invite::{invite, join};
pub use views::{Proposal, alert_view, invitable, invitation_view};
