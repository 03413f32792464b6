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

struct Inner {
    tx: broadcast::Sender<i64>,
    /// This process, to tell its own notifications from other instances'.
    instance: String,
    /// Changes heard from other instances (read caches count them as writes).
    foreign: AtomicU64,
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
}
