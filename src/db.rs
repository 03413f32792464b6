//! The database connection: SQLite (WAL, foreign keys, busy timeout), PostgreSQL or MySQL /
//! MariaDB (what differs there is in `portable`), migrations, write transactions, and what the
//! health check knows of failing writes.
//!
//! A failed SQLite write must never poison a pooled connection. When a statement fails with
//! `SQLITE_FULL` or `SQLITE_IOERR`, SQLite rolls the whole transaction back by itself; the
//! driver's own `ROLLBACK` then fails and it still counts the connection as inside a
//! transaction, so the next "transaction" on that connection becomes a savepoint whose release
//! commits nothing (acknowledged writes lost at restart, the write lock held until then). Every
//! connection is therefore checked when it goes back to the pool, and closed unless it is
//! cleanly outside any transaction.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub mod portable;

/// How the database is opened, beyond its URL.
#[derive(Debug, Clone, Default)]
pub struct DbOptions {
    /// SQLite only: writes that would grow the file beyond this many bytes fail (as on a full
    /// disk) instead of filling the disk.
    pub sqlite_max_bytes: Option<u64>,
}

/// The shared connection pool, managed by Rocket and cloned into jobs.
#[derive(Clone)]
pub struct Db {
    pub conn: DatabaseConnection,
    /// Bumped by every write transaction this process commits: read caches compare it to
    /// know whether what they hold may have changed.
    generation: Arc<AtomicU64>,
    /// SQLite has one writer at a time: writers of this process queue here, in order, instead
    /// of polling the file lock. Other processes (the CLI) still meet the busy timeout.
    sqlite_writer: Option<Arc<Mutex<()>>>,
    health: Arc<WriteHealth>,
    /// The events changed by committed writes, for live pages.
    pub changes: crate::live::Changes,
    /// What this process counts; committed transactions feed its domain counters.
    pub metrics: crate::metrics::Metrics,
}

/// Whether writes are failing for a reason outside the request (full disk, database down).
#[derive(Default)]
pub struct WriteHealth {
    failing: StdMutex<Option<WriteFailure>>,
    failures: AtomicU64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    pub since: DateTime<Utc>,
    pub last: DateTime<Utc>,
    /// The database's message (no values: SQLite and PostgreSQL errors of this class quote none).
    pub error: String,
}

impl WriteHealth {
    fn failed(&self, err: &DbErr) {
        if !is_unavailable(err) {
            return;
        }
        self.failures.fetch_add(1, Ordering::Relaxed);
        let now = Utc::now();
        let error = crate::metrics::redact(&err.to_string());
        if let Ok(mut f) = self.failing.lock() {
            let since = f.as_ref().map_or(now, |f| f.since);
            if f.is_none() {
                tracing::error!(%error, "database writes are failing");
            }
            *f = Some(WriteFailure {
                since,
                last: now,
                error,
            });
        }
    }

    fn succeeded(&self) {
        if let Ok(mut f) = self.failing.lock()
            && let Some(was) = f.take()
        {
            tracing::warn!(since = %was.since, "database writes work again");
        }
    }

    /// The current failure, if the last write failed for a reason outside the request.
    pub fn failing(&self) -> Option<WriteFailure> {
        self.failing.lock().ok().and_then(|f| f.clone())
    }

    /// Write failures of that kind since start.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }
}

/// True when a database error says the database cannot take writes now (full disk, I/O
/// error, locked, read-only, unreachable), not that the statement itself was wrong.
pub fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    let runtime = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(e) | DbErr::Query(e) => e,
        _ => return false,
    };
    let RuntimeErr::SqlxError(e) = runtime else {
        return false;
    };
    match e.as_ref() {
        sea_orm::sqlx::Error::Io(_)
        | sea_orm::sqlx::Error::PoolTimedOut
        | sea_orm::sqlx::Error::PoolClosed
        | sea_orm::sqlx::Error::WorkerCrashed => true,
        sea_orm::sqlx::Error::Database(db) => {
            if let Some(my) = db.try_downcast_ref::<sea_orm::sqlx::mysql::MySqlDatabaseError>() {
                return portable::mysql_unavailable(my.number());
            }
            let code = db.code().unwrap_or_default();
            // SQLite primary codes: BUSY 5, LOCKED 6, NOMEM 7, READONLY 8, IOERR 10,
            // CORRUPT 11, FULL 13, CANTOPEN 14 (extended codes keep the primary in the low byte).
            if let Ok(n) = code.parse::<i64>() {
                return matches!(n & 0xff, 5..=8 | 10 | 11 | 13 | 14);
            }
            // PostgreSQL classes: 08 connection, 53 insufficient resources, 57 operator
            // intervention, 58 system error.
            ["08", "53", "57", "58"].iter().any(|c| code.starts_with(c))
        }
        _ => false,
    }
}

/// A write transaction. On SQLite it holds the write lock from its first statement
/// (`BEGIN IMMEDIATE`), so a read-then-write use case cannot hit a stale snapshot. Services
/// run their statements on it directly (it is a `ConnectionTrait`).
pub struct WriteTx {
    tx: DatabaseTransaction,
    generation: Arc<AtomicU64>,
    health: Arc<WriteHealth>,
    changes: crate::live::Changes,
    /// The events this transaction changed (live pages hear of them once it commits).
    touched: StdMutex<Vec<i64>>,
    metrics: crate::metrics::Metrics,
    /// What this transaction did, counted once it commits.
    counted: StdMutex<Vec<Counted>>,
    _turn: Option<OwnedMutexGuard<()>>,
}

/// A domain fact for the metrics, counted only if its transaction commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Seat requests made.
    Bookings(u64),
    /// Changes of requests or rides of one kind (`accept`, `expire`, `edit`…).
    Transitions(&'static str, u64),
}

impl WriteTx {
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

    /// Commits. Only an `Ok` here means the change is saved; on `Err` nothing of it is.
    pub async fn commit(self) -> Result<(), DbErr> {
        let WriteTx {
            tx,
            generation,
            health,
            changes,
            touched,
            metrics,
            counted,
            _turn,
        } = self;
        let touched = touched.into_inner().unwrap_or_else(|e| e.into_inner());
        if tx.get_database_backend() == DbBackend::Postgres {
            // Delivered to the other instances only if the transaction commits.
            for id in &touched {
                let notify = sea_orm::Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [crate::live::CHANNEL.into(), changes.payload(*id).into()],
                );
                if let Err(e) = tx.execute_raw(notify).await {
                    health.failed(&e);
                    return Err(e);
                }
            }
        }
        match tx.commit().await {
            Ok(()) => {
                generation.fetch_add(1, Ordering::SeqCst);
                health.succeeded();
                changes.committed(&touched);
                for fact in counted.into_inner().unwrap_or_else(|e| e.into_inner()) {
                    match fact {
                        Counted::Bookings(n) => metrics.booked(n),
                        Counted::Transitions(kind, n) => metrics.transition(kind, n),
                    }
                }
                Ok(())
            }
            Err(e) => {
                health.failed(&e);
                Err(e)
            }
        }
    }

    fn note<T>(&self, result: Result<T, DbErr>) -> Result<T, DbErr> {
        if let Err(e) = &result {
            self.health.failed(e);
        }
        result
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTx {
    fn get_database_backend(&self) -> DbBackend {
        self.tx.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.note(self.tx.execute_raw(stmt).await)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.note(self.tx.execute_unprepared(sql).await)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.note(self.tx.query_one_raw(stmt).await)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.note(self.tx.query_all_raw(stmt).await)
    }

    fn support_returning(&self) -> bool {
        self.tx.support_returning()
    }

    fn is_mock_connection(&self) -> bool {
        false
    }
}

/// Whether a connection going back to the pool is cleanly outside any transaction. A pending
/// rollback (a transaction dropped on an error path) is let through the connection's worker
/// first, so that only a connection left inside a transaction is refused.
async fn released_cleanly(conn: &mut SqliteConnection) -> Result<bool, sea_orm::sqlx::Error> {
    use sqlx_core::transaction::TransactionManager as _;
    type Manager = <sea_orm::sqlx::Sqlite as sea_orm::sqlx::Database>::TransactionManager;
    if Manager::get_transaction_depth(conn) == 0 {
        return Ok(true);
    }
    drop(conn.lock_handle().await?);
    let depth = Manager::get_transaction_depth(conn);
    if depth != 0 {
        tracing::warn!(
            depth,
            "a database connection came back inside a failed transaction: closed"
        );
    }
    Ok(depth == 0)
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, DbErr> {
        Self::connect_with(url, &DbOptions::default()).await
    }

    pub async fn connect_with(url: &str, opts: &DbOptions) -> Result<Db, DbErr> {
        let url = portable::mysql_scheme(url);
        let mut options = ConnectOptions::new(url.clone());
        options
            .sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(30));
        let sqlite = url.starts_with("sqlite:");
        if sqlite {
            // SQLite's page size (4 KiB by default, set before the first table is created).
            let max_pages = opts.sqlite_max_bytes.map(|b| (b / 4096).max(1).to_string());
            options
                .max_connections(8)
                .min_connections(1)
                .map_sqlx_sqlite_opts(move |o| {
                    let o = o
                        .create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(30));
                    match &max_pages {
                        Some(n) => o.pragma("max_page_count", n.clone()),
                        None => o,
                    }
                })
                .map_sqlx_sqlite_pool_opts(|p| {
                    p.after_release(|conn, _meta| Box::pin(released_cleanly(conn)))
                });
        } else if url.starts_with("mysql:") {
            portable::mysql_options(&mut options);
        } else {
            options.max_connections(16).min_connections(1);
        }
        let conn = Database::connect(options).await?;
        Ok(Db {
            conn,
            generation: Arc::new(AtomicU64::new(0)),
            sqlite_writer: sqlite.then(|| Arc::new(Mutex::new(()))),
            health: Arc::new(WriteHealth::default()),
            changes: crate::live::Changes::default(),
            metrics: crate::metrics::Metrics::default(),
        })
    }

    /// The same pool, counting into `metrics` (the app's, shown at `/metrics`).
    pub fn with_metrics(mut self, metrics: crate::metrics::Metrics) -> Db {
        self.metrics = metrics;
        self
    }

    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let turn = match &self.sqlite_writer {
            Some(m) => Some(m.clone().lock_owned().await),
            None => None,
        };
        let tx = self
            .conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
            .inspect_err(|e| self.health.failed(e))?;
        Ok(WriteTx {
            tx,
            generation: self.generation.clone(),
            health: self.health.clone(),
            changes: self.changes.clone(),
            touched: StdMutex::new(Vec::new()),
            metrics: self.metrics.clone(),
            counted: StdMutex::new(Vec::new()),
            _turn: turn,
        })
    }

    /// How many write transactions this process has committed, plus the changes other
    /// instances announced: a read cache entry is stale once this moves.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst) + self.changes.foreign_seen()
    }

    pub fn write_health(&self) -> &WriteHealth {
        &self.health
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.execute_unprepared("SELECT 1").await.map(|_| ())
    }
}

/// True when the error is a unique-constraint violation (a lost race on a unique key).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
