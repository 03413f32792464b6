//! Which events just changed, for the pages that show them live (Server-Sent Events). Every
//! write transaction names the events it touched (`WriteTx::touch`); once it commits, this
//! process's subscribers hear of them. With PostgreSQL the news also goes out through
//! `NOTIFY` (sent inside the transaction, so delivered only if it commits) and every instance
//! listens, so a change made through one instance reaches pages served by the others.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::broadcast;

/// The PostgreSQL channel the instances share.
pub const CHANNEL: &str = "covoit_changes";

/// Change counters kept per event, in slots by event id: two events sharing a slot only make
/// each other's cached pages be read again.
const SLOTS: usize = 1024;

struct Inner {
    tx: broadcast::Sender<i64>,
    /// This process, to tell its own notifications from other instances'.
    instance: String,
    /// Changes heard from other instances (read caches count them as writes).
    foreign: AtomicU64,
    /// Changes that may concern any event: commits that named none, and gaps in the news
    /// from the other instances (a dropped listening connection).
    any: AtomicU64,
    /// Changes of each event (by slot), from this instance and the others.
    slots: Box<[AtomicU64]>,
    /// Every change counted in `any` or `slots`.
    all: AtomicU64,
}

#[derive(Clone)]
pub struct Changes {
    inner: Arc<Inner>,
}

impl Default for Changes {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
        let instance = crate::domain::PublicId::generate().into_string();
        Changes {
            inner: Arc::new(Inner {
                tx,
                instance,
                foreign: AtomicU64::new(0),
                any: AtomicU64::new(0),
                slots: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
                all: AtomicU64::new(0),
            }),
        }
    }
}

impl Changes {
    /// The ids of the events that change from now on. A subscriber that falls behind misses
    /// some ids (`Lagged`) and should simply refresh.
    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.inner.tx.subscribe()
    }

    /// Tells this process's subscribers (after a commit).
    pub fn publish(&self, event_id: i64) {
        // No subscriber is not an error.
        let _ = self.inner.tx.send(event_id);
    }

    /// A write transaction of this process committed, having changed what the pages of
    /// `touched` show (none named: it may have changed any). Counted before its subscribers
    /// hear of it.
    pub fn committed(&self, touched: &[i64]) {
        if touched.is_empty() {
            self.inner.any.fetch_add(1, Ordering::SeqCst);
            self.inner.all.fetch_add(1, Ordering::SeqCst);
        }
        for &id in touched {
            self.count(id);
            self.publish(id);
        }
    }

    fn count(&self, event_id: i64) {
        self.slot(event_id).fetch_add(1, Ordering::SeqCst);
        self.inner.all.fetch_add(1, Ordering::SeqCst);
    }

    fn slot(&self, event_id: i64) -> &AtomicU64 {
        let i = usize::try_from(event_id.rem_euclid(SLOTS as i64)).unwrap_or(0);
        &self.inner.slots[i]
    }

    /// A number that moves whenever what the pages of `event_id` show may have changed (a
    /// committed write naming it, or naming no event, here or in another instance). Read it
    /// before reading the event: a copy read after it is current as long as it has not moved.
    pub fn stamp(&self, event_id: i64) -> u64 {
        self.inner.any.load(Ordering::SeqCst) + self.slot(event_id).load(Ordering::SeqCst)
    }

    /// A number that moves with every change of any event.
    pub fn total(&self) -> u64 {
        self.inner.all.load(Ordering::SeqCst)
    }

    /// How many changes other instances announced so far.
    pub fn foreign_seen(&self) -> u64 {
        self.inner.foreign.load(Ordering::SeqCst)
    }

    /// The `NOTIFY` payload for a change of `event_id`.
    pub fn payload(&self, event_id: i64) -> String {
        format!("{}:{event_id}", self.inner.instance)
    }

    /// An event id from another instance's payload (`None` for this one's own, already
    /// published locally, or for anything malformed).
    fn foreign(&self, payload: &str) -> Option<i64> {
        let (instance, id) = payload.split_once(':')?;
        (instance != self.inner.instance)
            .then(|| id.parse().ok())
            .flatten()
    }

    /// Listens to the other instances on PostgreSQL until this process lets go of its
    /// `Changes`, reconnecting with a back-off when the connection drops. The answer resolves
    /// once the first `LISTEN` is in place, so that an instance can wait for it before it
    /// serves: a change committed after that is heard.
    pub fn listen_postgres(&self, url: String) -> tokio::sync::oneshot::Receiver<()> {
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        tokio::spawn(async move {
            let mut ready = Some(ready_tx);
            let mut backoff = Duration::from_millis(500);
            loop {
                let Some(inner) = weak.upgrade() else { return };
                let changes = Changes { inner };
                match listen_once(&changes, &url, &mut ready).await {
                    Ok(()) => return,
                    Err(e) => {
                        tracing::warn!(error = %e, "live changes: listening failed, retrying");
                        // What the others changed meanwhile is not heard: any page may be stale.
                        changes.inner.any.fetch_add(1, Ordering::SeqCst);
                        changes.inner.all.fetch_add(1, Ordering::SeqCst);
                    }
                }
                drop(changes);
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        });
        ready_rx
    }
}

/// One connection's worth of listening; returns `Ok` when nobody needs the news any more.
async fn listen_once(
    changes: &Changes,
    url: &str,
    ready: &mut Option<tokio::sync::oneshot::Sender<()>>,
) -> Result<(), sqlx_core::Error> {
    let mut listener = sqlx_postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    if let Some(ready) = ready.take() {
        // Nobody waiting any more is fine.
        let _ = ready.send(());
    }
    loop {
        // Wake up now and then to notice that the app is gone.
        match tokio::time::timeout(Duration::from_secs(5), listener.recv()).await {
            Ok(notification) => {
                if let Some(id) = changes.foreign(notification?.payload()) {
                    changes.inner.foreign.fetch_add(1, Ordering::SeqCst);
                    changes.count(id);
                    changes.publish(id);
                }
            }
            Err(_) => {
                if Arc::strong_count(&changes.inner) <= 1 {
                    return Ok(());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_notifications_are_not_published_twice() {
        let a = Changes::default();
        let b = Changes::default();
        assert_eq!(a.foreign(&a.payload(7)), None);
        assert_eq!(a.foreign(&b.payload(7)), Some(7));
        assert_eq!(a.foreign("garbage"), None);
    }

    #[test]
    fn a_change_moves_its_events_stamp_and_not_the_others() {
        let c = Changes::default();
        let shares_a_slot = 7 + SLOTS as i64;
        let (seven, eight, shared, total) =
            (c.stamp(7), c.stamp(8), c.stamp(shares_a_slot), c.total());
        c.committed(&[7]);
        assert_ne!(c.stamp(7), seven);
        assert_eq!(c.stamp(8), eight);
        assert_ne!(c.total(), total);
        // Sharing a slot with 7: read again too (never kept stale).
        assert_ne!(c.stamp(shares_a_slot), shared);
        // A commit that names no event moves every stamp.
        let (seven, eight) = (c.stamp(7), c.stamp(8));
        c.committed(&[]);
        assert_ne!(c.stamp(7), seven);
        assert_ne!(c.stamp(8), eight);
        // Negative ids have a slot too.
        let minus = c.stamp(-3);
        c.committed(&[-3]);
        assert_ne!(c.stamp(-3), minus);
    }
}
