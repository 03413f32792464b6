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
mod group;
mod health;
pub mod nodelay;
pub mod portable;
mod write;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

pub use health::{WriteFailure, WriteHealth, is_deadlock, is_unavailable};
use write::TxConn;
pub use write::{Counted, WriteTx};

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
    /// of polling the file lock, and share transactions (group commit). Other processes (the
    /// CLI) still meet the busy timeout.
    sqlite_writer: Option<Arc<group::Group>>,
    health: Arc<WriteHealth>,
    /// The events changed by committed writes, for live pages.
    pub changes: crate::live::Changes,
    /// What this process counts; committed transactions feed its domain counters.
    pub metrics: crate::metrics::Metrics,
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
                        .busy_timeout(Duration::from_secs(30))
                        // Statement journals and savepoint sub-journals in memory, not in
                        // temporary files: a large batch wrote and re-read them page by page.
                        .pragma("temp_store", "memory");
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
            options
                .max_connections(16)
                .min_connections(1)
                .map_sqlx_postgres_pool_opts(|p| {
                    p.after_connect(|conn, _meta| {
                        Box::pin(async move {
                            nodelay::postgres(conn).await;
                            Ok(())
                        })
                    })
                });
        }
        let conn = Database::connect(options).await?;
        let sqlite_writer = sqlite.then(|| Arc::new(group::Group::new(conn.clone())));
        Ok(Db {
            conn,
            generation: Arc::new(AtomicU64::new(0)),
            sqlite_writer,
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

    /// Begins a write transaction. On SQLite it waits for the process's write lock and runs
    /// inside a transaction shared with the writers next to it (group commit, see `group`); on
    /// PostgreSQL it is a transaction of its own.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let conn = match &self.sqlite_writer {
            Some(group) => group.turn().await.map(TxConn::Grouped),
            None => self
                .conn
                .begin_with_options(TransactionOptions {
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                    ..Default::default()
                })
                .await
                .map(TxConn::Plain),
        }
        .inspect_err(|e| self.health.failed(e))?;
        Ok(WriteTx::new(conn, self))
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
