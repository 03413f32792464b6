//! Event pages as drawn, kept with the data they were drawn from. Drawing the page (twenty
//! ride cards, their seats, dates and counts in the reader's language, the map) costs more
//! than finding its data in `EventCache`: a copy is served again while the cache still answers
//! with the very same data (`Arc::ptr_eq`, so whatever makes the data stale — a write to that
//! event, two seconds, `page_cache = false` — makes the drawing stale too) and for at most
//! `MAX_AGE` (what depends on the clock: rides that just left). Only the public page, the same
//! for every reader of one language and look: no `near` search, no "just created" notice, no
//! series (its dates are read apart). Views that miss one copy together draw it once.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::Lang;
use crate::services::events::EventData;
use crate::web::Shell;

const MAX_AGE: Duration = Duration::from_secs(1);
const MAX_ENTRIES: usize = 4_000;

/// Everything a drawing depends on besides its data.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Key {
    slug: String,
    lang: Lang,
    asked: bool,
    embed: bool,
    accent: Option<String>,
}

impl Key {
    pub fn new(slug: &str, shell: &Shell) -> Key {
        Key {
            slug: slug.to_owned(),
            lang: shell.lang,
            asked: shell.asked,
            embed: shell.embed,
            accent: shell.accent.map(|a| a.css()),
        }
    }
}

#[derive(Default)]
pub struct RenderedPages {
    entries: Mutex<HashMap<Key, Slot>>,
}

#[derive(Default)]
struct Slot {
    page: Option<Drawn>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

struct Drawn {
    data: EventData,
    at: Instant,
    html: String,
}

impl RenderedPages {
    /// The copy drawn from `data`, if there is a young enough one.
    pub fn get(&self, key: &Key, data: &EventData) -> Option<String> {
        let entries = self.entries.lock().ok()?;
        let drawn = entries.get(key)?.page.as_ref()?;
        (Arc::ptr_eq(&drawn.data, data) && drawn.at.elapsed() < MAX_AGE).then(|| drawn.html.clone())
    }

    /// The turn of whoever draws `key` (the others wait, then take the copy).
    pub fn turn(&self, key: &Key) -> Option<Arc<tokio::sync::Mutex<()>>> {
        let mut entries = self.entries.lock().ok()?;
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(key) {
            entries.clear();
        }
        Some(entries.entry(key.clone()).or_default().turn.clone())
    }

    pub fn put(&self, key: &Key, data: EventData, at: Instant, html: String) {
        if let Ok(mut entries) = self.entries.lock()
            && let Some(slot) = entries.get_mut(key)
        {
            slot.page = Some(Drawn { data, at, html });
        }
    }
}
