//! What the health check knows of failing writes, and which database errors mean "the
//! database cannot take writes now" rather than "this statement was wrong".
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use sea_orm::DbErr;

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
    pub(super) fn failed(&self, err: &DbErr) {
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

    pub(super) fn succeeded(&self) {
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
                return super::portable::mysql_unavailable(my.number());
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

/// True when the database chose this transaction as the victim of a deadlock (MySQL / MariaDB
/// 1213, PostgreSQL `40P01`): nothing of it was kept, and running it again is the documented
/// answer (InnoDB may pick one even where the statements take their locks in the same order).
pub fn is_deadlock(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(db) = e.as_ref() else {
        return false;
    };
    if let Some(my) = db.try_downcast_ref::<sea_orm::sqlx::mysql::MySqlDatabaseError>() {
        return my.number() == 1213;
    }
    db.code().is_some_and(|c| c == "40P01")
}
