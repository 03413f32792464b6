//! Creating an event and reading it with its offers.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::needs::{self, Waiting};
use super::places::{Place, Places};
use super::{Error, Result};
use crate::db::{Db, is_unique_violation};
use crate::domain::{Direction, ReservationStatus, Slug};
use crate::entities::{event, event_series, offer, reservation};
use crate::mail::{Emails, compose, outbox};
use crate::services::input::NewEvent;

pub struct Created {
    /// The first date's event (the only one, unless it is a series).
    pub event: event::Model,
    /// The series' other dates, in order (empty for one date).
    pub others: Vec<event::Model>,
    /// The organiser's email went out (false: their address reached its hourly cap of
    /// acknowledgements, so the page must give them their link).
    pub acknowledged: bool,
}

fn row(
    new: &NewEvent,
    starts_at: DateTime<Utc>,
    series_id: Option<i64>,
    (venue_lat, venue_lon): (Option<f64>, Option<f64>),
    now: DateTime<Utc>,
) -> event::ActiveModel {
    event::ActiveModel {
        slug: Set(Slug::generate(&new.name).as_str().to_owned()),
        name: Set(new.name.clone()),
        venue: Set(new.venue.clone()),
        venue_lat: Set(venue_lat),
        venue_lon: Set(venue_lon),
        starts_at: Set(starts_at),
        timezone: Set(new.timezone.name().to_owned()),
        organizer_name: Set(new.organizer_name.as_str().to_owned()),
        organizer_email: Set(new.organizer_email.as_str().to_owned()),
        locale: Set(new.locale.code().to_owned()),
        created_at: Set(now),
        status: Set(crate::domain::EventStatus::Open),
        booking_closed: Set(false),
        version: Set(0),
        cancelled_at: Set(None),
        series_id: Set(series_id),
        digest: Set(false),
        hidden_at: Set(None),
        deleted_at: Set(None),
        purged_at: Set(None),
        ..Default::default()
    }
}

/// Creates the event, or every date of a series (one event each, grouped by a series row),
/// in one transaction with the organiser's one email.
pub async fn create(
    db: &Db,
    emails: &Emails,
    places: &Places,
    new: NewEvent,
    now: DateTime<Utc>,
) -> Result<Created> {
    let venue = places.resolve(&new.venue, new.locale).await;
    create_at(db, emails, venue.as_ref(), new, now).await
}

/// `create` with the venue already resolved (by the caller, who also took its time zone from
/// it): the venue is looked up once. Every date of a series is written in one transaction.
pub async fn create_at(
    db: &Db,
    emails: &Emails,
    venue: Option<&Place>,
    new: NewEvent,
    now: DateTime<Utc>,
) -> Result<Created> {
    let point = (venue.map(|p| p.point.lat()), venue.map(|p| p.point.lon()));
    let dates = match new.occurrences.as_slice() {
        [] => vec![new.starts_at],
        all => all.to_vec(),
    };
    // A slug carries 30 random bits: a clash is rare, and simply retried.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = db.begin_write().await?;
        let series_id = match dates.len() {
            1 => None,
            n => Some(
                event_series::ActiveModel {
                    occurrences: Set(i32::try_from(n).unwrap_or(i32::MAX)),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&tx)
                .await?
                .id,
            ),
        };
        let mut inserted = Vec::with_capacity(dates.len());
        let mut clash = None;
        for &starts_at in &dates {
            match row(&new, starts_at, series_id, point, now)
                .insert(&tx)
                .await
            {
                Ok(model) => inserted.push(model),
                Err(e) => {
                    clash = Some(e);
                    break;
                }
            }
        }
        match clash {
            None => {
                let mut all = inserted.into_iter();
                let Some(first) = all.next() else {
                    return Err(Error::NotFound);
                };
                let others: Vec<event::Model> = all.collect();
                let email = compose::event_created(emails, &first, &others, now)?;
                let queued = outbox::queue(&tx, emails, email, now).await?;
                tx.commit().await?;
                let acknowledged = !queued.suppressed;
                emails.after_commit(&[queued]);
                return Ok(Created {
                    event: first,
                    others,
                    acknowledged,
                });
            }
            Some(e) if is_unique_violation(&e) && attempt < 5 => continue,
            Some(e) => return Err(e.into()),
        }
    }
}

/// The dates of the series `series_id`, in order (cancelled ones included).
pub async fn occurrences(db: &Db, series_id: i64) -> Result<Vec<event::Model>> {
    Ok(event::Entity::find()
        .filter(event::Column::SeriesId.eq(series_id))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(&db.conn)
        .await?)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<event::Model> {
    let slug = Slug::parse(slug).ok_or(Error::NotFound)?;
    event::Entity::find()
        .filter(event::Column::Slug.eq(slug.as_str()))
        .one(&db.conn)
        .await?
        // An event the operator hid is not available to the public (its organisers still
        // reach it through their links).
        .filter(|e| e.hidden_at.is_none())
        .ok_or(Error::NotFound)
}

/// A short-lived copy of each event page's data. The public event page is the most read page
/// (an organiser shares it with everyone); reading it from the database on every view costs
/// far more than rendering it. An entry is used only while this process has committed no
/// write since it was read, and for at most `FRESH`: an instance always sees its own writes,
/// and another instance's within two seconds.
#[derive(Default)]
pub struct EventCache {
    entries: Mutex<HashMap<String, Cached>>,
}

/// The event, its offers, how many wait for a ride and how many requests are pending, in each
/// direction, and each offer's pending requests.
type EventData = Arc<(
    event::Model,
    Vec<offer::Model>,
    Waiting,
    Waiting,
    PendingByOffer,
)>;

/// Each offer's requests waiting for an answer: (requests, seats), by offer id.
pub type PendingByOffer = HashMap<i64, (u64, i32)>;

struct Cached {
    read_at: Instant,
    generation: u64,
    data: EventData,
}

const FRESH: Duration = Duration::from_secs(2);
const MAX_ENTRIES: usize = 2_000;

impl EventCache {
    fn get(&self, slug: &str, generation: u64) -> Option<EventData> {
        let entries = self.entries.lock().ok()?;
        let c = entries.get(slug)?;
        (c.generation == generation && c.read_at.elapsed() < FRESH).then(|| c.data.clone())
    }

    fn put(&self, slug: &str, generation: u64, data: EventData) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            let read_at = Instant::now();
            entries.insert(
                slug.to_owned(),
                Cached {
                    read_at,
                    generation,
                    data,
                },
            );
        }
    }
}

/// The event and its offers, through the cache.
pub async fn with_offers_cached(db: &Db, cache: &EventCache, slug: &str) -> Result<EventData> {
    // The generation is read first: a write committed during the read makes the entry stale.
    let generation = db.generation();
    if let Some(hit) = cache.get(slug, generation) {
        return Ok(hit);
    }
    let data = Arc::new(with_offers(db, slug).await?);
    cache.put(slug, generation, data.clone());
    Ok(data)
}

/// The event and its offers (all of them, cancelled included, by departure time), the people
/// waiting and the pending requests in each direction.
pub async fn with_offers(
    db: &Db,
    slug: &str,
) -> Result<(
    event::Model,
    Vec<offer::Model>,
    Waiting,
    Waiting,
    PendingByOffer,
)> {
    let event = by_slug(db, slug).await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(event.id))
        .order_by_asc(offer::Column::DepartsAt)
        .order_by_asc(offer::Column::Id)
        .all(&db.conn)
        .await?;
    let waiting = needs::waiting_counts(&db.conn, event.id).await?;
    let (pending, by_offer) = pending_counts(db, event.id, Utc::now()).await?;
    Ok((event, offers, waiting, pending, by_offer))
}

/// Requests waiting for their driver's answer, by direction and by offer.
async fn pending_counts(
    db: &Db,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(Waiting, PendingByOffer)> {
    let rows: Vec<(i64, Direction, i64, i64)> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::OfferId)
        .column(offer::Column::Direction)
        .column_as(reservation::Column::Id.count(), "n")
        .column_as(
            crate::db::portable::int_sum(&db.conn, reservation::Column::Seats.sum()),
            "seats",
        )
        .inner_join(offer::Entity)
        .filter(offer::Column::EventId.eq(event_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Pending))
        .filter(reservation::Column::ExpiresAt.gt(now))
        .group_by(reservation::Column::OfferId)
        .group_by(offer::Column::Direction)
        .into_tuple()
        .all(&db.conn)
        .await?;
    let mut counts = Waiting::default();
    let mut by_offer = PendingByOffer::new();
    for (offer_id, direction, n, seats) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match direction {
            Direction::ToEvent => counts.to_event += n,
            Direction::FromEvent => counts.from_event += n,
        }
        by_offer.insert(offer_id, (n, i32::try_from(seats).unwrap_or(0)));
    }
    Ok((counts, by_offer))
}
