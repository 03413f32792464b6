//! The database connection: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL, migrations,
//! and write transactions that never fail with "database is locked".
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

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
}

/// A write transaction. On SQLite it holds the write lock from its first statement
/// (`BEGIN IMMEDIATE`), so a read-then-write use case cannot hit a stale snapshot.
pub struct WriteTx {
    pub tx: DatabaseTransaction,
    generation: Arc<AtomicU64>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(30));
        let sqlite = url.starts_with("sqlite:");
        if sqlite {
            options
                .max_connections(8)
                .min_connections(1)
                .map_sqlx_sqlite_opts(|o| {
                    o.create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .foreign_keys(true)
                        .busy_timeout(Duration::from_secs(30))
                });
        } else {
            options.max_connections(16).min_connections(1);
        }
        let conn = Database::connect(options).await?;
        Ok(Db {
            conn,
            generation: Arc::new(AtomicU64::new(0)),
            sqlite_writer: sqlite.then(|| Arc::new(Mutex::new(()))),
        })
    }

    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
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
            .await?;
        Ok(WriteTx {
            tx,
            generation: self.generation.clone(),
            _turn: turn,
        })
    }

    /// How many write transactions this process has committed.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
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
