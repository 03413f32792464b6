//! Online backup and restore of a SQLite database (`covoit backup`, `covoit restore`).
//! The backup is SQLite's own `VACUUM INTO`: one consistent snapshot taken while the service
//! runs and keeps writing, compacted, checked before it is reported. A restore checks the
//! copy, refuses while an instance still ticks on the database, and replaces the file
//! atomically (copy beside it, fsync, rename), with the old write-ahead log removed so that it
//! cannot be replayed over the restored file. PostgreSQL has its own tools (`pg_dump`).
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder, Statement};

use crate::db::Db;
use crate::entities::instance;

/// Why a backup or restore did not happen, in words an operator can act on.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "database_url is not a SQLite file; back up PostgreSQL with pg_dump, MySQL / MariaDB with \
         mysqldump --single-transaction (see the README)"
    )]
    NotSqlite,
    #[error("{0} already exists: choose a new file name, a backup never overwrites one")]
    Exists(PathBuf),
    #[error("{0} is not a usable covoit backup: {1}")]
    NotABackup(PathBuf, String),
    #[error(
        "an instance ({id}) still runs on this database (its last tick was {ago} s ago): \
         stop the service first, or pass --force if it has stopped without saying so"
    )]
    InstanceRunning { id: String, ago: i64 },
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// What a backup wrote.
#[derive(Debug)]
pub struct Written {
    pub bytes: u64,
    pub events: i64,
}

/// The file behind a `sqlite:` URL (`sqlite://covoit.db?mode=rwc`, `sqlite:///var/lib/x.db`).
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Writes a consistent copy of the live database to `to` (a new file) and checks it.
pub async fn backup(db: &Db, to: &Path) -> Result<Written, BackupError> {
    if db.conn.get_database_backend() != DbBackend::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let target = to.to_string_lossy().into_owned();
    db.conn
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await?;
    let events = check(to).await?;
    let bytes = std::fs::metadata(to)
        .map_err(|e| BackupError::Io(to.to_owned(), e))?
        .len();
    Ok(Written { bytes, events })
}

/// Opens a copy read-only and checks that it is whole and is covoit's: SQLite's integrity
/// check, and the migrations table. Answers how many events it holds.
pub async fn check(file: &Path) -> Result<i64, BackupError> {
    let bad = |why: String| BackupError::NotABackup(file.to_owned(), why);
    if !file.is_file() {
        return Err(bad("no such file".into()));
    }
    // Read-only, and without covoit's connection settings (WAL mode writes to the file).
    let url = format!("sqlite://{}?mode=ro", file.display());
    let copy = sea_orm::Database::connect(url)
        .await
        .map_err(|e| bad(e.to_string()))?;
    let result = async {
        let integrity = copy
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await
            .map_err(|e| bad(e.to_string()))?
            .and_then(|row| row.try_get_by_index::<String>(0).ok())
            .unwrap_or_default();
        if integrity != "ok" {
            return Err(bad(format!("integrity check: {integrity}")));
        }
        let count = |sql: &'static str| {
            let conn = &copy;
            async move {
                conn.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
                    .await
                    .ok()
                    .flatten()
                    .and_then(|row| row.try_get_by_index::<i64>(0).ok())
            }
        };
        if count("SELECT COUNT(*) FROM seaql_migrations")
            .await
            .is_none()
        {
            return Err(bad("it holds no covoit migrations".into()));
        }
        count("SELECT COUNT(*) FROM events")
            .await
            .ok_or_else(|| bad("it holds no events table".into()))
    }
    .await;
    copy.close().await.ok();
    result
}

/// The most recent tick of any instance on this database, when it is recent enough
/// (`within`) for that instance to be running still.
pub async fn running_instance(
    db: &Db,
    now: DateTime<Utc>,
    within: Duration,
) -> Result<Option<(String, i64)>, BackupError> {
    let latest = instance::Entity::find()
        .order_by_desc(instance::Column::LastTickAt)
        .one(&db.conn)
        .await?;
    Ok(latest
        .filter(|i| now - i.last_tick_at < within)
        .map(|i| (i.id, (now - i.last_tick_at).num_seconds())))
}

/// Replaces the database file `target` by the checked copy `from`. The caller has closed
/// every connection to `target`.
pub async fn restore(from: &Path, target: &Path) -> Result<i64, BackupError> {
    let events = check(from).await?;
    let io = |p: &Path| {
        let p = p.to_owned();
        move |e| BackupError::Io(p, e)
    };
    let mut staged = target.as_os_str().to_owned();
    staged.push(".restoring");
    let staged = PathBuf::from(staged);
    std::fs::copy(from, &staged).map_err(io(&staged))?;
    std::fs::File::open(&staged)
        .and_then(|f| f.sync_all())
        .map_err(io(&staged))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(target)(e)),
            _ => {}
        }
    }
    std::fs::rename(&staged, target).map_err(io(target))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename is durable once the directory is.
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io(dir))?;
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;
    use std::path::PathBuf;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_path("sqlite://covoit.db?mode=rwc"),
            Some(PathBuf::from("covoit.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:///var/lib/covoit/covoit.db"),
            Some(PathBuf::from("/var/lib/covoit/covoit.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:data.db"),
            Some(PathBuf::from("data.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }
}
