//! The waiting list: a passenger who finds no fitting ride registers a need (direction, place,
//! seats, an optional time window); it waits until a seat is found through it (`matched`),
//! the passenger withdraws it, or the event starts (`lapsed`). One active need per person,
//! event and direction.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement, UpdateMany,
};

use super::need_input::{NeedEdit, NewNeed};
use super::places::Places;
use super::{Error, Result};
use crate::db::portable;
use crate::db::{Db, is_unique_violation};
use crate::domain::{Direction, Lang, NeedDirection, NeedStatus, Point, PublicId, Refusal};
use crate::entities::{event, need, offer};
use crate::mail::{Emails, outbox, waiting};

pub struct Created {
    pub need: need::Model,
    /// The confirmation went out (false: the address reached its hourly cap of
    /// acknowledgements, so the page must give the passenger their link).
    pub acknowledged: bool,
}

/// Locks the event row for the transaction: needs of one event are written one at a time, so
/// that two overlapping needs of one person (`both` and `to_event`) cannot both get in.
async fn lock_event(conn: &impl ConnectionTrait, id: i64) -> Result<event::Model> {
    event::Entity::find_by_id(id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The event a new need is written to, and the right to write this person's need: on
/// PostgreSQL only this person's needs on the event wait for each other (a transaction-scoped
/// advisory lock keyed by the event and the address) and the event is read `FOR SHARE` (its
/// cancellation or closing waits; other people's needs go in at the same time). Elsewhere the
/// event row is locked as `lock_event` does (SQLite's writer is alone anyway; MariaDB has no
/// transaction-scoped advisory lock).
async fn lock_for_need(
    conn: &impl ConnectionTrait,
    id: i64,
    email_key: &str,
) -> Result<event::Model> {
    let backend = conn.get_database_backend();
    if backend != DbBackend::Postgres {
        return lock_event(conn, id).await;
    }
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        "SELECT pg_advisory_xact_lock(hashtextextended($1, $2))",
        [email_key.into(), id.into()],
    ))
    .await?;
    event::Entity::find_by_id(id)
        .lock_shared()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn create(
    db: &Db,
    emails: &Emails,
    places: &Places,
    event_id: i64,
    new: NewNeed,
    now: DateTime<Utc>,
) -> Result<Created> {
    let (place_lat, place_lon) = places.columns(&new.place, new.locale).await;
    let email_key = new.email.normalized();
    let tx = db.begin_write().await?;
    let event = lock_for_need(&tx, event_id, &email_key).await?;
    if event.starts_at <= now {
        return Err(Refusal::EventStarted.into());
    }
    if event.status == crate::domain::EventStatus::Cancelled {
        return Err(Refusal::EventCancelled.into());
    }
    if event.booking_closed {
        return Err(Refusal::BookingClosed.into());
    }
    let theirs: Vec<NeedDirection> = need::Entity::find()
        .select_only()
        .column(need::Column::Direction)
        .filter(need::Column::EventId.eq(event.id))
        .filter(need::Column::ActiveEmail.eq(email_key.as_str()))
        .into_tuple()
        .all(&tx)
        .await?;
    if theirs.iter().any(|d| d.overlaps(new.direction)) {
        return Err(Refusal::DuplicateNeed.into());
    }
    let row = need::ActiveModel {
        public_id: Set(PublicId::generate().into_string()),
        event_id: Set(event.id),
        direction: Set(new.direction),
        place: Set(new.place),
        place_lat: Set(place_lat),
        place_lon: Set(place_lon),
        seats: Set(new.seats.get()),
        earliest: Set(new.earliest),
        latest: Set(new.latest),
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.as_str().to_owned()),
        phone: Set(new.phone.as_ref().map(|p| p.as_str().to_owned())),
        locale: Set(new.locale.code().to_owned()),
        status: Set(NeedStatus::Waiting),
        active_email: Set(Some(email_key)),
        created_at: Set(now),
        updated_at: Set(now),
        matched_at: Set(None),
        ..Default::default()
    };
    let need = match row.insert(&tx).await {
        Ok(n) => n,
        Err(e) if is_unique_violation(&e) => return Err(Refusal::DuplicateNeed.into()),
        Err(e) => return Err(e.into()),
    };
    let email = waiting::need_created(emails, &event, &need, now)?;
    let queued = outbox::queue(&tx, emails, email, now).await?;
    tx.touch(event.id);
    tx.commit().await?;
    let acknowledged = !queued.suppressed;
    emails.after_commit(&[queued]);
    Ok(Created { need, acknowledged })
}

/// A need by id, with its event.
pub async fn get(db: &Db, id: i64) -> Result<(need::Model, event::Model)> {
    let need = need::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(need.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((need, event))
}

/// The passenger changes their need's place, seats, time window or phone, while it waits.
pub async fn edit(
    db: &Db,
    places: &Places,
    id: i64,
    edit: NeedEdit,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<need::Model> {
    let (place_lat, place_lon) = places.columns(&edit.place, lang).await;
    let tx = db.begin_write().await?;
    let update = need::Entity::update_many()
        .col_expr(need::Column::Place, Expr::value(edit.place))
        .col_expr(need::Column::PlaceLat, Expr::value(place_lat))
        .col_expr(need::Column::PlaceLon, Expr::value(place_lon))
        .col_expr(need::Column::Seats, Expr::value(edit.seats.get()))
        .col_expr(need::Column::Earliest, Expr::value(edit.earliest))
        .col_expr(need::Column::Latest, Expr::value(edit.latest))
        .col_expr(
            need::Column::Phone,
            Expr::value(edit.phone.map(|p| p.as_str().to_owned())),
        )
        .col_expr(need::Column::UpdatedAt, Expr::value(now));
    let cond = Condition::all()
        .add(need::Column::Id.eq(id))
        .add(need::Column::Status.eq(NeedStatus::Waiting));
    let changed = portable::update_returning(&tx, update, cond).await?;
    let Some(need) = changed.into_iter().next() else {
        return Err(closed(&tx, id).await);
    };
    tx.touch(need.event_id);
    tx.commit().await?;
    Ok(need)
}

/// What moving needs to `to` sets: the state and the time, and the match time (matched, or
/// waiting again) or, for a need leaving the list, its active address freed.
pub fn move_to(to: NeedStatus, now: DateTime<Utc>) -> UpdateMany<need::Entity> {
    let update = need::Entity::update_many()
        .col_expr(need::Column::Status, Expr::value(to))
        .col_expr(need::Column::UpdatedAt, Expr::value(now));
    match to {
        // Matched keeps the person's one active need (they are not waiting twice).
        NeedStatus::Matched => update.col_expr(need::Column::MatchedAt, Expr::value(now)),
        NeedStatus::Waiting => update.col_expr(
            need::Column::MatchedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        ),
        NeedStatus::Withdrawn | NeedStatus::Lapsed | NeedStatus::Cancelled => update.col_expr(
            need::Column::ActiveEmail,
            Expr::value(Option::<String>::None),
        ),
    }
}

/// Moves the need `id` from `from` to `to`, in one conditional update; the row as it is now,
/// or `None` when it was not in `from` (a replay, a race lost).
pub async fn transition(
    conn: &impl ConnectionTrait,
    id: i64,
    from: NeedStatus,
    to: NeedStatus,
    now: DateTime<Utc>,
) -> std::result::Result<Option<need::Model>, sea_orm::DbErr> {
    let update = move_to(to, now);
    let cond = Condition::all()
        .add(need::Column::Id.eq(id))
        .add(need::Column::Status.eq(from));
    Ok(portable::update_returning(conn, update, cond)
        .await?
        .into_iter()
        .next())
}

/// The need is not waiting: say what it is now.
async fn closed(conn: &impl ConnectionTrait, id: i64) -> Error {
    match need::Entity::find_by_id(id).one(conn).await {
        Ok(Some(n)) => Refusal::NeedClosed(n.status).into(),
        Ok(None) => Error::NotFound,
        Err(e) => e.into(),
    }
}

/// The passenger withdraws their need while it waits.
pub async fn withdraw(db: &Db, id: i64, now: DateTime<Utc>) -> Result<need::Model> {
    let tx = db.begin_write().await?;
    let Some(need) = transition(&tx, id, NeedStatus::Waiting, NeedStatus::Withdrawn, now).await?
    else {
        return Err(closed(&tx, id).await);
    };
    tx.touch(need.event_id);
    tx.commit().await?;
    Ok(need)
}

/// A need that was matched through a request which then ended without a seat (refused,
/// expired) waits again, if its event has not started.
pub async fn reopen(
    conn: &impl ConnectionTrait,
    need_id: i64,
    now: DateTime<Utc>,
) -> std::result::Result<(), sea_orm::DbErr> {
    let starts: Option<DateTime<Utc>> = need::Entity::find_by_id(need_id)
        .select_only()
        .column_as(
            Expr::col((event::Entity, event::Column::StartsAt)),
            "starts_at",
        )
        .inner_join(event::Entity)
        .into_tuple()
        .one(conn)
        .await?;
    if starts.is_some_and(|s| s > now) {
        transition(conn, need_id, NeedStatus::Matched, NeedStatus::Waiting, now).await?;
    }
    Ok(())
}

/// The lapse of the needs `ids` still waiting (found by their ids, their state only checked:
/// `portable::checked`).
pub fn lapse_update(
    backend: DbBackend,
    ids: Vec<i64>,
    now: DateTime<Utc>,
) -> UpdateMany<need::Entity> {
    move_to(NeedStatus::Lapsed, now)
        .filter(need::Column::Id.is_in(ids))
        .filter(portable::checked(backend, need::Column::Status).eq(NeedStatus::Waiting.as_str()))
}

/// Waiting needs of events that have started lapse, in batches.
pub async fn lapse_due(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = need::Entity::find()
            .select_only()
            .column(need::Column::Id)
            .inner_join(event::Entity)
            .filter(need::Column::Status.eq(NeedStatus::Waiting))
            .filter(event::Column::StartsAt.lte(now))
            .limit(super::sweeps::BATCH)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if ids.is_empty() {
            return Ok(total);
        }
        let tx = db.begin_write().await?;
        let lapsed = lapse_update(tx.get_database_backend(), ids, now)
            .exec(&tx)
            .await?
            .rows_affected;
        tx.commit().await?;
        total += lapsed;
    }
}

/// How many people wait for a ride in each direction (a `both` need counts in each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Waiting {
    pub to_event: u64,
    pub from_event: u64,
}

impl Waiting {
    pub fn of(&self, direction: Direction) -> u64 {
        match direction {
            Direction::ToEvent => self.to_event,
            Direction::FromEvent => self.from_event,
        }
    }
}

pub async fn waiting_counts(conn: &impl ConnectionTrait, event_id: i64) -> Result<Waiting> {
    let count = |directions: Vec<NeedDirection>| {
        need::Entity::find()
            .filter(need::Column::EventId.eq(event_id))
            .filter(need::Column::Status.eq(NeedStatus::Waiting))
            .filter(need::Column::Direction.is_in(directions))
            .count(conn)
    };
    Ok(Waiting {
        to_event: count(vec![NeedDirection::ToEvent, NeedDirection::Both]).await?,
        from_event: count(vec![NeedDirection::FromEvent, NeedDirection::Both]).await?,
    })
}

/// The waiting needs a ride could take: its event and direction, seats and time window that
/// fit; nearest to the ride's place first (to the tenth of a km, so people of one town come
/// oldest first), then those whose place has no point, oldest first.
pub async fn fitting(
    conn: &impl ConnectionTrait,
    o: &offer::Model,
    limit: u64,
) -> std::result::Result<Vec<need::Model>, sea_orm::DbErr> {
    let directions = match o.direction {
        Direction::ToEvent => vec![NeedDirection::ToEvent, NeedDirection::Both],
        Direction::FromEvent => vec![NeedDirection::FromEvent, NeedDirection::Both],
    };
    let candidates = need::Entity::find()
        .filter(need::Column::EventId.eq(o.event_id))
        .filter(need::Column::Status.eq(NeedStatus::Waiting))
        .filter(need::Column::Direction.is_in(directions))
        .filter(need::Column::Seats.lte(o.seats_left()))
        .order_by_asc(need::Column::CreatedAt)
        .order_by_asc(need::Column::Id)
        .all(conn)
        .await?;
    let mut fit: Vec<(Option<i64>, need::Model)> = candidates
        .into_iter()
        .filter(|n| n.fits(o.seats_left(), o.departs_at))
        .map(|n| (tenths_of_km(o, &n), n))
        .collect();
    // Stable: equal distances keep the oldest first.
    fit.sort_by_key(|(d, _)| (d.is_none(), d.unwrap_or(0)));
    Ok(fit
        .into_iter()
        .map(|(_, n)| n)
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect())
}

/// The distance between a ride's place and a need's, in tenths of a km, when both are known.
fn tenths_of_km(o: &offer::Model, n: &need::Model) -> Option<i64> {
    let ride = Point::from_columns(o.place_lat, o.place_lon)?;
    let need = Point::from_columns(n.place_lat, n.place_lon)?;
    Some((ride.distance_km(&need) * 10.0).round() as i64)
}
