//! The organisers' daily emails, for each organiser or co-organiser who asked for them on
//! their page: at `DIGEST_TIME` in the event's zone, a digest of what happened since the
//! previous one (sent only when something did), and the day before the event a headcount.
//! Each is queued once per reader and day by its outbox dedupe key, so two instances running
//! the step at once queue it once. A reader's "stop" link (RFC 8058) ends both.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use super::{Error, Result};
use crate::db::Db;
use crate::domain::{
    Direction, EmailKind, EventStatus, NeedStatus, OfferStatus, OptOutGroup, ReservationStatus,
};
use crate::entities::{co_organiser, email_optout, event, need, offer, outbox, reservation};
use crate::links::EventLink;
use crate::mail::digest::{self as compose, Activity, DirectionCount, record_of};
use crate::mail::recipient::Recipient;
use crate::mail::{Emails, outbox as queue};

/// When the day's emails go, in the event's zone.
pub const DIGEST_TIME: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// How long after its start an event still gets digests (rides back, late cancellations).
const AFTER_START: Duration = Duration::days(2);

/// `time` on `day` in `zone` (the earlier one when the clocks go back, none in a gap).
fn at_local(zone: Tz, day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Whether the reader of `link` (on event `event_id`) gets the daily emails: they asked, and
/// did not stop them from an email since.
pub async fn subscribed(db: &Db, event_id: i64, link: EventLink) -> Result<bool> {
    let Some((on, email)) = reader(db, event_id, link).await? else {
        return Ok(false);
    };
    Ok(on && !stopped(&db.conn, event_id, &email).await?)
}

/// The reader's choice and address.
async fn reader(db: &Db, event_id: i64, link: EventLink) -> Result<Option<(bool, String)>> {
    Ok(match link {
        EventLink::Organiser { event_id: id } => event::Entity::find_by_id(id)
            .filter(event::Column::Id.eq(event_id))
            .one(&db.conn)
            .await?
            .map(|e| (e.digest, e.organizer_email)),
        EventLink::CoOrganiser { id } => co_organiser::Entity::find_by_id(id)
            .filter(co_organiser::Column::EventId.eq(event_id))
            .one(&db.conn)
            .await?
            .map(|c| (c.digest, c.email)),
    })
}

fn stopped_rows(event_id: i64, email: &str) -> Condition {
    Condition::all()
        .add(email_optout::Column::EmailKey.eq(email.to_lowercase()))
        .add(email_optout::Column::Grp.eq(OptOutGroup::Digest.as_str()))
        .add(email_optout::Column::Scope.eq("event"))
        .add(email_optout::Column::ScopeId.eq(event_id))
}

async fn stopped(conn: &impl ConnectionTrait, event_id: i64, email: &str) -> Result<bool> {
    Ok(email_optout::Entity::find()
        .filter(stopped_rows(event_id, email))
        .count(conn)
        .await?
        > 0)
}

/// The reader of `link` asks for the daily emails (`on`) or no longer. Asking again after a
/// stop from an email takes the stop back. Setting what is already set changes nothing.
pub async fn set(db: &Db, event_id: i64, link: EventLink, on: bool) -> Result<()> {
    let Some((_, email)) = reader(db, event_id, link).await? else {
        return Err(Error::NotFound);
    };
    let tx = db.begin_write().await?;
    match link {
        EventLink::Organiser { .. } => {
            event::Entity::update_many()
                .col_expr(event::Column::Digest, Expr::value(on))
                .filter(event::Column::Id.eq(event_id))
                .filter(event::Column::Digest.eq(!on))
                .exec(&tx)
                .await?;
        }
        EventLink::CoOrganiser { id } => {
            co_organiser::Entity::update_many()
                .col_expr(co_organiser::Column::Digest, Expr::value(on))
                .filter(co_organiser::Column::Id.eq(id))
                .filter(co_organiser::Column::EventId.eq(event_id))
                .filter(co_organiser::Column::Digest.eq(!on))
                .exec(&tx)
                .await?;
        }
    }
    if on {
        email_optout::Entity::delete_many()
            .filter(stopped_rows(event_id, &email))
            .exec(&tx)
            .await?;
    }
    tx.touch(event_id);
    tx.commit().await?;
    Ok(())
}

/// The readers of event `e`'s daily emails, each with their link.
async fn readers(
    conn: &impl ConnectionTrait,
    e: &event::Model,
) -> Result<Vec<(EventLink, Recipient)>> {
    let mut out = Vec::new();
    if e.digest {
        out.push((
            EventLink::Organiser { event_id: e.id },
            Recipient::organiser(e),
        ));
    }
    let team = co_organiser::Entity::find()
        .filter(co_organiser::Column::EventId.eq(e.id))
        .filter(co_organiser::Column::RevokedAt.is_null())
        .filter(co_organiser::Column::Digest.eq(true))
        .all(conn)
        .await?;
    for co in team {
        out.push((
            EventLink::CoOrganiser { id: co.id },
            Recipient::co_organiser(e, &co),
        ));
    }
    Ok(out)
}

/// The readers who have not had today's email of `kind` yet.
async fn not_yet(
    conn: &impl ConnectionTrait,
    readers: &[(EventLink, Recipient)],
    kind: EmailKind,
    day: i32,
) -> Result<Vec<usize>> {
    let key = |(link, to): &(EventLink, Recipient)| {
        queue::dedupe_key(kind, record_of(*link), &to.person.email, day)
    };
    let done: Vec<String> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::DedupeKey)
        .filter(outbox::Column::DedupeKey.is_in(readers.iter().map(key)))
        .into_tuple()
        .all(conn)
        .await?;
    Ok((0..readers.len())
        .filter(|i| !done.contains(&key(&readers[*i])))
        .collect())
}

/// What happened on event `e` in `[from, to)`.
pub async fn activity(
    conn: &impl ConnectionTrait,
    e: &event::Model,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Activity> {
    let within = |t: DateTime<Utc>| t >= from && t < to;
    let rides = offer::Entity::find()
        .filter(offer::Column::EventId.eq(e.id))
        .all(conn)
        .await?;
    let requests = reservation::Entity::find()
        .filter(reservation::Column::OfferId.is_in(rides.iter().map(|o| o.id)))
        .filter(
            Condition::any()
                .add(reservation::Column::CreatedAt.gte(from))
                .add(reservation::Column::UpdatedAt.gte(from)),
        )
        .all(conn)
        .await?;
    let needs = need::Entity::find()
        .filter(need::Column::EventId.eq(e.id))
        .all(conn)
        .await?;
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    Ok(Activity {
        new_rides: count(rides.iter().filter(|o| within(o.created_at)).count()),
        rides_cancelled: count(
            rides
                .iter()
                .filter(|o| o.status == OfferStatus::Cancelled && within(o.updated_at))
                .count(),
        ),
        new_requests: count(requests.iter().filter(|r| within(r.created_at)).count()),
        accepted: count(
            requests
                .iter()
                .filter(|r| r.status == ReservationStatus::Confirmed)
                .filter(|r| r.decided_at.is_some_and(within))
                .count(),
        ),
        requests_cancelled: count(
            requests
                .iter()
                .filter(|r| r.status == ReservationStatus::Cancelled && within(r.updated_at))
                .count(),
        ),
        new_waiting: count(needs.iter().filter(|n| within(n.created_at)).count()),
        waiting: count(
            needs
                .iter()
                .filter(|n| n.status == NeedStatus::Waiting)
                .count(),
        ),
    })
}

/// Each direction's open rides, seats, confirmed passengers and people waiting.
pub async fn headcount(
    conn: &impl ConnectionTrait,
    e: &event::Model,
) -> Result<Vec<(Direction, DirectionCount)>> {
    let rides = super::offers::open_of(conn.get_database_backend(), [e.id])
        .all(conn)
        .await?;
    let waiting = need::Entity::find()
        .filter(need::Column::EventId.eq(e.id))
        .filter(need::Column::Status.eq(NeedStatus::Waiting))
        .all(conn)
        .await?;
    Ok([Direction::ToEvent, Direction::FromEvent]
        .into_iter()
        .map(|d| {
            let mine: Vec<_> = rides.iter().filter(|o| o.direction == d).collect();
            let count = DirectionCount {
                drivers: i64::try_from(mine.len()).unwrap_or(i64::MAX),
                seats: mine.iter().map(|o| i64::from(o.seats_total)).sum(),
                passengers: mine.iter().map(|o| i64::from(o.seats_taken)).sum(),
                waiting: waiting
                    .iter()
                    .filter(|n| n.direction.covers(d))
                    .map(|n| i64::from(n.seats))
                    .sum(),
            };
            (d, count)
        })
        .collect())
}

/// The events whose organisers or co-organisers asked for the daily emails, still relevant.
async fn subscribed_events(db: &Db, now: DateTime<Utc>) -> Result<Vec<event::Model>> {
    let of_team: Vec<i64> = co_organiser::Entity::find()
        .select_only()
        .column(co_organiser::Column::EventId)
        .filter(co_organiser::Column::Digest.eq(true))
        .filter(co_organiser::Column::RevokedAt.is_null())
        .distinct()
        .into_tuple()
        .all(&db.conn)
        .await?;
    Ok(event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Open))
        .filter(event::Column::StartsAt.gt(now - AFTER_START))
        .filter(
            Condition::any()
                .add(event::Column::Digest.eq(true))
                .add(event::Column::Id.is_in(of_team)),
        )
        .all(&db.conn)
        .await?)
}

/// Queues the day's digests and headcounts that are due at `now`; returns how many were
/// queued (a repeat, or another instance's run, queues nothing again).
pub async fn send_due(db: &Db, emails: &Emails, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    for e in subscribed_events(db, now).await? {
        let zone = e.zone();
        let today = now.with_timezone(&zone).date_naive();
        let Some(slot) = at_local(zone, today, DIGEST_TIME) else {
            continue;
        };
        if now < slot {
            continue;
        }
        let readers = readers(&db.conn, &e).await?;
        if readers.is_empty() {
            continue;
        }
        let day = today.num_days_from_ce();
        let mut batch = Vec::new();
        let due = not_yet(&db.conn, &readers, EmailKind::OrganiserDigest, day).await?;
        if !due.is_empty() {
            let since = today
                .pred_opt()
                .and_then(|d| at_local(zone, d, DIGEST_TIME))
                .unwrap_or(slot - Duration::days(1));
            let activity = activity(&db.conn, &e, (since, slot)).await?;
            if activity.any() {
                for i in due {
                    let (link, to) = &readers[i];
                    batch.push(compose::digest(
                        emails,
                        &e,
                        (*link, to),
                        &activity,
                        (since, day),
                        now,
                    )?);
                }
            }
        }
        let eve = e.starts_at.with_timezone(&zone).date_naive().pred_opt();
        if eve == Some(today) && e.starts_at > now {
            let due = not_yet(&db.conn, &readers, EmailKind::Headcount, day).await?;
            if !due.is_empty() {
                let counts = headcount(&db.conn, &e).await?;
                for i in due {
                    let (link, to) = &readers[i];
                    batch.push(compose::headcount(
                        emails,
                        &e,
                        (*link, to),
                        &counts,
                        day,
                        now,
                    )?);
                }
            }
        }
        if batch.is_empty() {
            continue;
        }
        let tx = db.begin_write().await?;
        let queued = queue::queue_many(&tx, emails, batch, now).await?;
        tx.commit().await?;
        emails.after_commit(&queued);
        total += queued.iter().filter(|q| q.inserted).count() as u64;
    }
    Ok(total)
}
