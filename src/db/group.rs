//! Group commit on SQLite: the write transactions of this process share one SQLite
//! transaction, so that one `BEGIN IMMEDIATE` … `COMMIT` (and its WAL write) serves many writers.
//!
//! A batch is an outer `BEGIN IMMEDIATE` transaction on one pooled connection. Writers still
//! run one at a time (SQLite has one writer). The first writer of a batch runs in the outer
//! transaction itself (rolling that back is its rollback); each later one inside the savepoint
//! `w` of the batch. A savepoint costs: SQLite keeps the original of every page it changes in a
//! sub-journal (a temporary file unless `temp_store` is memory), which made a lone writer of
//! large batches, the expiry sweep, four times slower when every writer had one.
//! - a writer that commits while others wait for the write lock releases its savepoint (if it
//!   had one), opens a fresh one for the next writer (`RELEASE w; SAVEPOINT w`, one round
//!   trip), hands the lock over and waits for the batch's outcome;
//! - the last writer (nobody waiting, or the batch is full or old) commits the batch (`COMMIT`
//!   ends the savepoint with it) and every writer of the batch hears the outcome: `Ok` only once
//!   the outer `COMMIT` succeeded, otherwise the same failure for all (none of them is saved);
//! - a writer dropped without committing (an error path) has its savepoint rolled back
//!   (`ROLLBACK TO w`, which keeps `w` open and empty for the next writer) before anyone else
//!   uses the connection; the batch's other writers are not touched. The first writer, which
//!   has no savepoint, rolls back the whole batch, which holds nobody else's work yet. If a
//!   savepoint's rollback fails (SQLite rolled the whole transaction back, as on
//!   `SQLITE_FULL`), the batch fails.
//!
//! A failed batch rolls back and returns its connection to the pool, whose release check
//! (see the module above) closes it unless it is cleanly outside any transaction.
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, RuntimeErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

/// At most this many writers share one SQLite transaction.
const MAX_WRITERS: usize = 64;
/// A batch takes no more writers this long after its first writer released its work into it,
/// so that this writer's answer is not delayed without bound.
const MAX_AGE: Duration = Duration::from_millis(20);
/// A writer waiting longer than this for its batch's outcome takes the write lock and commits
/// the batch itself. A safety net only: normally the batch's last writer commits it; this covers
/// a writer that was counted as waiting and then gave up (its request dropped).
const STALL: Duration = Duration::from_millis(200);

/// What every writer of a batch learns: whether the outer `COMMIT` succeeded.
pub(super) type Outcome = Result<(), Arc<DbErr>>;

/// The process's SQLite writer: the write lock and the open batch.
pub(super) struct Group {
    conn: DatabaseConnection,
    state: Arc<Mutex<Writer>>,
    /// Writers waiting for the write lock: while there are some, a committing writer hands
    /// the batch over instead of committing it.
    queued: AtomicUsize,
}

pub(super) struct Writer {
    batch: Option<Batch>,
    /// A writer gave up its turn without committing: its savepoint must be rolled back before
    /// the connection runs anything else.
    dirty: bool,
    next_id: u64,
}

struct Batch {
    id: u64,
    /// The outer transaction; between writers the savepoint `w` is open and empty.
    tx: DatabaseTransaction,
    /// Whether the savepoint `w` is open: not for the batch's first writer.
    savepoint: bool,
    /// Writers whose work the batch holds (released savepoints), waiting for its outcome.
    members: usize,
    /// When the first writer released its work into the batch.
    first: Option<Instant>,
    outcome: watch::Sender<Option<Outcome>>,
}

/// Counts a writer as waiting for the lock until it has it (or gives up).
struct Queued<'a>(&'a AtomicUsize);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn internal(msg: &str) -> DbErr {
    DbErr::Conn(RuntimeErr::Internal(msg.to_owned()))
}

impl Group {
    pub(super) fn new(conn: DatabaseConnection) -> Group {
        Group {
            conn,
            state: Arc::new(Mutex::new(Writer {
                batch: None,
                dirty: false,
                next_id: 0,
            })),
            queued: AtomicUsize::new(0),
        }
    }

    async fn lock(self: &Arc<Self>) -> Turn {
        self.queued.fetch_add(1, Ordering::SeqCst);
        let queued = Queued(&self.queued);
        let guard = self.state.clone().lock_owned().await;
        drop(queued);
        Turn {
            guard,
            group: self.clone(),
        }
    }

    /// Waits for the write lock, then joins the open batch or begins one.
    pub(super) async fn turn(self: &Arc<Self>) -> Result<Turn, DbErr> {
        let mut turn = self.lock().await;
        turn.settle().await;
        if turn.guard.batch.is_none() {
            turn.open().await?;
        }
        Ok(turn)
    }

    async fn wait(self: &Arc<Self>, mut rx: watch::Receiver<Option<Outcome>>, id: u64) -> Outcome {
        loop {
            let waited = tokio::time::timeout(STALL, rx.wait_for(Option::is_some))
                .await
                .map(|r| r.map(|outcome| outcome.clone()));
            match waited {
                Ok(Ok(outcome)) => {
                    return outcome.unwrap_or_else(|| Err(Arc::new(internal("no outcome"))));
                }
                Ok(Err(_)) => {
                    return Err(Arc::new(internal(
                        "the group commit ended without an outcome",
                    )));
                }
                Err(_) => {
                    let mut turn = self.lock().await;
                    if turn.batch_id() == Some(id) {
                        turn.settle().await;
                        if turn.batch_id() == Some(id) {
                            turn.close().await;
                        }
                    }
                }
            }
        }
    }
}

/// One writer's turn: the process's write lock, the batch's connection inside savepoint `w`.
pub(super) struct Turn {
    guard: OwnedMutexGuard<Writer>,
    group: Arc<Group>,
}

impl Turn {
    /// The connection to run this writer's statements on.
    pub(super) fn tx(&self) -> Result<&DatabaseTransaction, DbErr> {
        match &self.guard.batch {
            Some(b) => Ok(&b.tx),
            None => Err(internal("the write transaction is no longer open")),
        }
    }

    fn batch_id(&self) -> Option<u64> {
        self.guard.batch.as_ref().map(|b| b.id)
    }

    async fn open(&mut self) -> Result<(), DbErr> {
        let tx = self
            .group
            .conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
        let w = &mut *self.guard;
        w.batch = Some(Batch {
            id: w.next_id,
            tx,
            savepoint: false,
            members: 0,
            first: None,
            outcome: watch::channel(None).0,
        });
        w.next_id += 1;
        Ok(())
    }

    /// Rolls back the savepoint of a writer that gave up, if one did.
    async fn settle(&mut self) {
        if !std::mem::take(&mut self.guard.dirty) {
            return;
        }
        let result = match &self.guard.batch {
            Some(b) if b.savepoint => b.tx.execute_unprepared("ROLLBACK TO w").await,
            // The first writer gave up: the batch holds nobody's work, it is rolled back whole.
            Some(_) => return self.close().await,
            None => return,
        };
        if let Err(e) = result {
            self.fail(e).await;
        }
    }

    /// Whether to leave the batch open for the next writer rather than commit it now.
    fn hand_over(&self) -> bool {
        self.group.queued.load(Ordering::SeqCst) > 0
            && self.guard.batch.as_ref().is_some_and(|b| {
                b.members < MAX_WRITERS && b.first.is_none_or(|t| t.elapsed() < MAX_AGE)
            })
    }

    /// The batch failed: every writer in it hears so, and its connection is rolled back and
    /// returned (closed by the pool's release check if the rollback fails).
    async fn fail(&mut self, err: DbErr) -> Arc<DbErr> {
        let err = Arc::new(err);
        if let Some(batch) = self.guard.batch.take() {
            batch.outcome.send_replace(Some(Err(err.clone())));
            if let Err(e) = batch.tx.rollback().await {
                tracing::warn!(error = %e, "rolling back a failed write batch failed");
            }
        }
        err
    }

    /// Commits the batch (or rolls it back when nobody's work is in it) and tells its writers.
    async fn close(&mut self) {
        let Some(batch) = self.guard.batch.take() else {
            return;
        };
        if batch.members == 0 {
            batch.tx.rollback().await.ok();
            return;
        }
        let outcome = batch.tx.commit().await.map_err(Arc::new);
        batch.outcome.send_replace(Some(outcome));
    }

    /// Ends this writer's turn with its work kept: returns once the batch holding it has
    /// committed (`Ok`) or failed (the same error for every writer of the batch).
    pub(super) async fn commit(mut self) -> Outcome {
        let Some(batch) = self.guard.batch.as_mut() else {
            return Err(Arc::new(internal(
                "the write transaction is no longer open",
            )));
        };
        batch.members += 1;
        batch.first.get_or_insert_with(Instant::now);
        let rx = batch.outcome.subscribe();
        let id = batch.id;
        if self.hand_over() {
            let had = self
                .guard
                .batch
                .as_mut()
                .is_some_and(|b| std::mem::replace(&mut b.savepoint, true));
            let next = if had {
                "RELEASE w; SAVEPOINT w"
            } else {
                "SAVEPOINT w"
            };
            if let Err(e) = self.tx()?.execute_unprepared(next).await {
                return Err(self.fail(e).await);
            }
            let group = self.group.clone();
            drop(self);
            group.wait(rx, id).await
        } else {
            self.close().await;
            drop(self);
            rx.borrow()
                .clone()
                .unwrap_or_else(|| Err(Arc::new(internal("no outcome"))))
        }
    }

    /// Ends this writer's turn without keeping its work (dropped on an error path). The
    /// rollback of its savepoint, and the commit of the batch if nobody else is waiting, run
    /// on a task of their own holding the write lock, so nobody uses the connection before.
    pub(super) fn abandon(mut self) {
        self.guard.dirty = true;
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                self.settle().await;
                if self.guard.batch.is_some() && !self.hand_over() {
                    self.close().await;
                }
            });
        }
    }
}
