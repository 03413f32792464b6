//! A short-lived copy of each event page's data. The public event page is the most read page
//! (an organiser shares it with everyone); reading it from the database on every view costs
//! far more than rendering it.
//!
//! An entry is used only while no write committed since it was read may have changed that
//! event (`Changes::stamp`: writes name the events they change; one naming none counts for
//! every event; on PostgreSQL the other instances' writes are heard too), and for at most
//! `FRESH`: an instance always shows its own writes at once, and the writes of processes it
//! does not hear of (a `covoit sweep` from cron on SQLite) within two seconds. A booking on
//! one event leaves every other event's entry in place. When several views miss the same
//! entry at once, one reads the database and the others wait for its answer (one read per
//! change, not one per view). `page_cache = false` turns all of it off: every view reads.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;

use super::Result;
use super::event_page::{self, PageData};
use crate::db::Db;

/// The page's data, shared by the views that use one copy.
pub type EventData = Arc<PageData>;

const FRESH: Duration = Duration::from_secs(2);
const MAX_ENTRIES: usize = 2_000;

pub struct EventCache {
    enabled: bool,
    entries: Mutex<HashMap<String, Slot>>,
}

impl Default for EventCache {
    fn default() -> Self {
        EventCache::new(true)
    }
}

/// One slug: its copy (if any), and the turn of whoever reads it from the database.
#[derive(Default)]
struct Slot {
    cached: Option<Cached>,
    reading: Arc<tokio::sync::Mutex<()>>,
}

struct Cached {
    read_at: Instant,
    event_id: i64,
    /// `Changes::stamp(event_id)` taken before the read.
    stamp: u64,
    data: EventData,
}

/// What a lookup found.
enum Found {
    Fresh(EventData),
    /// No usable copy: the reader's turn, and the event's id if a stale copy knew it.
    Missing(Arc<tokio::sync::Mutex<()>>, Option<i64>),
}

impl EventCache {
    pub fn new(enabled: bool) -> EventCache {
        EventCache {
            enabled,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn find(&self, db: &Db, slug: &str) -> Option<Found> {
        let mut entries = self.entries.lock().ok()?;
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(slug) {
            entries.clear();
        }
        let slot = entries.entry(slug.to_owned()).or_default();
        match &slot.cached {
            Some(c) if c.read_at.elapsed() < FRESH && db.changes.stamp(c.event_id) == c.stamp => {
                Some(Found::Fresh(c.data.clone()))
            }
            c => Some(Found::Missing(
                slot.reading.clone(),
                c.as_ref().map(|c| c.event_id),
            )),
        }
    }

    fn fresh(&self, db: &Db, slug: &str) -> Option<EventData> {
        match self.find(db, slug)? {
            Found::Fresh(data) => Some(data),
            Found::Missing(..) => None,
        }
    }

    fn put(&self, slug: &str, cached: Cached) {
        if let Ok(mut entries) = self.entries.lock()
            && let Some(slot) = entries.get_mut(slug)
        {
            slot.cached = Some(cached);
        }
    }
}

/// The event page's data: from the cache when it holds a current copy, else read (once for all
/// the views that miss it together).
pub async fn with_offers_cached(db: &Db, cache: &EventCache, slug: &str) -> Result<EventData> {
    if !cache.enabled {
        return Ok(Arc::new(event_page::read(db, slug, Utc::now()).await?));
    }
    let (turn, known_id) = match cache.find(db, slug) {
        Some(Found::Fresh(data)) => return Ok(data),
        Some(Found::Missing(turn, id)) => (turn, id),
        // A poisoned lock: read without the cache.
        None => return Ok(Arc::new(event_page::read(db, slug, Utc::now()).await?)),
    };
    let _turn = turn.lock().await;
    // Another view may have read it while this one waited.
    if let Some(data) = cache.fresh(db, slug) {
        return Ok(data);
    }
    // The stamps are taken before the read: a write committed during the read makes the
    // copy stale, never the other way round.
    let total = db.changes.total();
    let stamp = known_id.map(|id| (id, db.changes.stamp(id)));
    let read_at = Instant::now();
    let data = Arc::new(event_page::read(db, slug, Utc::now()).await?);
    let event_id = data.0.id;
    let stamp = match stamp {
        Some((id, stamp)) if id == event_id => Some(stamp),
        // First read of this slug: its id was not known before, so the copy is kept only if
        // nothing at all changed meanwhile.
        _ => (db.changes.total() == total).then(|| db.changes.stamp(event_id)),
    };
    if let Some(stamp) = stamp {
        cache.put(
            slug,
            Cached {
                read_at,
                event_id,
                stamp,
                data: data.clone(),
            },
        );
    }
    Ok(data)
}
