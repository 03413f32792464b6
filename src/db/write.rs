//! Write transactions: what services run their statements on, and what happens once one
//! commits (cache generation, live pages, domain counters, write health).
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, RuntimeErr,
    Statement,
};

use super::group::Turn;
use super::health::WriteHealth;

/// A write transaction. On SQLite it holds the process's write lock from its first statement
/// (inside a `BEGIN IMMEDIATE` transaction shared with other writers, see `group`), so a
/// read-then-write use case cannot hit a stale snapshot. Services run their statements on it
/// directly (it is a `ConnectionTrait`). Dropped without `commit`, nothing of it is saved.
pub struct WriteTx {
    conn: Option<TxConn>,
    backend: DbBackend,
    returning: bool,
    generation: Arc<AtomicU64>,
    health: Arc<WriteHealth>,
    changes: crate::live::Changes,
    /// The events this transaction changed (live pages hear of them once it commits).
    touched: StdMutex<Vec<i64>>,
    metrics: crate::metrics::Metrics,
    /// What this transaction did, counted once it commits.
    counted: StdMutex<Vec<Counted>>,
}

pub(super) enum TxConn {
    /// PostgreSQL: a transaction of its own (its concurrency is row locks).
    Plain(DatabaseTransaction),
    /// SQLite: a savepoint in the process's shared write transaction.
    Grouped(Turn),
}

/// A domain fact for the metrics, counted only if its transaction commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Seat requests made.
    Bookings(u64),
    /// Changes of requests or rides of one kind (`accept`, `expire`, `edit`…).
    Transitions(&'static str, u64),
}

/// What a writer whose batch failed to commit is answered: its work was not saved, for a
/// reason outside its request (so, like a full disk, "not saved, try again").
fn not_saved(err: &DbErr) -> DbErr {
    DbErr::Conn(RuntimeErr::Internal(format!(
        "the write was not saved: its transaction failed to commit: {err}"
    )))
}

impl WriteTx {
    pub(super) fn new(conn: TxConn, db: &super::Db) -> WriteTx {
        WriteTx {
            conn: Some(conn),
            backend: db.conn.get_database_backend(),
            returning: db.conn.support_returning(),
            generation: db.generation.clone(),
            health: db.health.clone(),
            changes: db.changes.clone(),
            touched: StdMutex::new(Vec::new()),
            metrics: db.metrics.clone(),
            counted: StdMutex::new(Vec::new()),
        }
    }

    /// Notes a domain fact for the metrics, counted once this transaction commits.
    pub fn count(&self, fact: Counted) {
        self.counted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fact);
    }

    /// Notes that this transaction changes what the pages of event `event_id` show.
    pub fn touch(&self, event_id: i64) {
        let mut touched = self.touched.lock().unwrap_or_else(|e| e.into_inner());
        if !touched.contains(&event_id) {
            touched.push(event_id);
        }
    }

    /// Commits. Only an `Ok` here means the change is saved (on SQLite: the shared transaction
    /// holding it has committed); on `Err` nothing of it is.
    pub async fn commit(mut self) -> Result<(), DbErr> {
        let touched = std::mem::take(&mut *self.touched.lock().unwrap_or_else(|e| e.into_inner()));
        let result = match self.conn.take() {
            Some(TxConn::Plain(tx)) => self.commit_plain(tx, &touched).await,
            Some(TxConn::Grouped(turn)) => turn.commit().await.map_err(|e| {
                self.health.failed(&e);
                not_saved(&e)
            }),
            None => Err(DbErr::Conn(RuntimeErr::Internal(
                "the write transaction is no longer open".into(),
            ))),
        };
        result?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.health.succeeded();
        self.changes.committed(&touched);
        let counted = std::mem::take(&mut *self.counted.lock().unwrap_or_else(|e| e.into_inner()));
        for fact in counted {
            match fact {
                Counted::Bookings(n) => self.metrics.booked(n),
                Counted::Transitions(kind, n) => self.metrics.transition(kind, n),
            }
        }
        Ok(())
    }

    async fn commit_plain(&self, tx: DatabaseTransaction, touched: &[i64]) -> Result<(), DbErr> {
        if tx.get_database_backend() == DbBackend::Postgres {
            // Delivered to the other instances only if the transaction commits.
            for id in touched {
                let notify = sea_orm::Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [
                        crate::live::CHANNEL.into(),
                        self.changes.payload(*id).into(),
                    ],
                );
                if let Err(e) = tx.execute_raw(notify).await {
                    self.health.failed(&e);
                    return Err(e);
                }
            }
        }
        tx.commit().await.inspect_err(|e| self.health.failed(e))
    }

    fn tx(&self) -> Result<&DatabaseTransaction, DbErr> {
        match &self.conn {
            Some(TxConn::Plain(tx)) => Ok(tx),
            Some(TxConn::Grouped(turn)) => turn.tx(),
            None => Err(DbErr::Conn(RuntimeErr::Internal(
                "the write transaction is no longer open".into(),
            ))),
        }
    }

    fn note<T>(&self, result: Result<T, DbErr>) -> Result<T, DbErr> {
        if let Err(e) = &result {
            self.health.failed(e);
        }
        result
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // A plain transaction rolls itself back when dropped; a savepoint is rolled back by
        // the write lock's next holder.
        if let Some(TxConn::Grouped(turn)) = self.conn.take() {
            turn.abandon();
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.backend
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.note(self.tx()?.execute_raw(stmt).await)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.note(self.tx()?.execute_unprepared(sql).await)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.note(self.tx()?.query_one_raw(stmt).await)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.note(self.tx()?.query_all_raw(stmt).await)
    }

    fn support_returning(&self) -> bool {
        self.returning
    }

    fn is_mock_connection(&self) -> bool {
        false
    }
}
