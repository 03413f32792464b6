//! What covoit does differently on MySQL / MariaDB, in one place, so that the services call
//! one function whatever the backend.
//!
//! - **UPDATE … RETURNING.** MariaDB has `RETURNING` for INSERT and DELETE only, and SeaORM
//!   refuses `exec_with_returning` on an update there. [`update_returning`] locks the rows that
//!   match (`SELECT id … FOR UPDATE`), updates exactly those (the condition checked again), and
//!   reads them back. A conditional update that guards a state change keeps its "exactly one
//!   winner" property: InnoDB evaluates a locking read and an UPDATE on the latest committed
//!   row, after waiting for any lock on it, so two transactions never both see `pending`.
//! - **INSERT … ON CONFLICT DO NOTHING.** sea-query writes `ON DUPLICATE KEY IGNORE` for MySQL,
//!   which MySQL does not accept, and `ON DUPLICATE KEY UPDATE id = id` counts a duplicate as
//!   one affected row (covoit's connections ask for found rows). [`insert`] writes
//!   `INSERT IGNORE … ` there: a duplicate counts 0, as on the other backends.
//! - Small SQL expressions that have no portable spelling ([`int_sum`], [`erased_key`]).
//! - The session every MySQL connection starts with ([`MYSQL_SESSION`]) and the MySQL errors
//!   that mean "the database cannot take writes now" ([`mysql_unavailable`]).
use sea_orm::sea_query::{Expr, Func, IntoColumnRef, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectOptions, ConnectionTrait, DbBackend, DbErr, EntityTrait,
    Iterable, PrimaryKeyToColumn, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
    UpdateMany,
};

/// True on MySQL / MariaDB.
pub fn is_mysql(conn: &impl ConnectionTrait) -> bool {
    conn.get_database_backend() == DbBackend::MySql
}

/// What every MySQL connection sets when it opens (after sqlx's own `SET NAMES utf8mb4`,
/// `time_zone = '+00:00'`):
///
/// - a strict `sql_mode` (a value that does not fit is an error, never silently cut or
///   turned into a zero date), with `||` as concatenation as on the other backends;
/// - READ COMMITTED: every statement sees what was committed before it, as on PostgreSQL
///   (covoit's default there). Services lock the offer (`FOR UPDATE`) and then read its
///   requests: under REPEATABLE READ those plain reads would come from the snapshot taken at
///   the transaction's first read, possibly older than the lock. READ COMMITTED also takes no
///   gap locks, so concurrent inserts of different requests do not deadlock each other;
/// - a 30 s lock wait, as SQLite's busy timeout.
pub const MYSQL_SESSION: [&str; 3] = [
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,\
     ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT'",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
    "SET SESSION innodb_lock_wait_timeout = 30",
];

/// The URL sqlx understands: it knows MariaDB by MySQL's scheme (`mariadb://` → `mysql://`).
pub fn mysql_scheme(url: &str) -> String {
    match url.strip_prefix("mariadb:") {
        Some(rest) => format!("mysql:{rest}"),
        None => url.to_owned(),
    }
}

/// The pool for MySQL / MariaDB: 16 connections, each starting with [`MYSQL_SESSION`] and
/// comparing text byte for byte (`utf8mb4_bin`, as the tables).
pub fn mysql_options(options: &mut ConnectOptions) {
    options
        .max_connections(16)
        .min_connections(1)
        .map_sqlx_mysql_opts(|o| o.charset("utf8mb4").collation("utf8mb4_bin"))
        .map_sqlx_mysql_pool_opts(|p| {
            p.after_connect(|conn, _meta| {
                Box::pin(async move {
                    for sql in MYSQL_SESSION {
                        sea_orm::sqlx::query(sql).execute(&mut *conn).await?;
                    }
                    super::nodelay::mysql(conn).await;
                    Ok(())
                })
            })
        });
}

/// MySQL / MariaDB error numbers that say the server cannot take writes now (disk or table
/// full, read-only, shutting down, too many connections, a lock wait that timed out, a
/// connection lost), as opposed to a wrong statement.
pub fn mysql_unavailable(number: u16) -> bool {
    matches!(
        number,
        1021 // disk full
            | 1040 // too many connections
            | 1053 // server shutdown in progress
            | 1114 // the table is full
            | 1205 // lock wait timeout
            | 1290 // --read-only
            | 1792 // read-only transaction
            | 1836 // read-only mode
            | 1927 // connection killed
            | 2002 | 2003 | 2006 | 2013 // cannot connect, server gone, lost connection
    )
}

/// `update.filter(cond)` and the rows it changed, as they are now. On PostgreSQL and SQLite
/// one `UPDATE … RETURNING`; on MySQL the matching rows are locked, updated and read back (in
/// a write transaction the lock holds to its end; outside one, a single-row update is still
/// exact: 0 rows affected means another writer got there first).
pub async fn update_returning<E, C>(
    conn: &C,
    update: UpdateMany<E>,
    cond: Condition,
) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    if !is_mysql(conn) {
        return update.filter(cond).exec_with_returning(conn).await;
    }
    let pk = E::PrimaryKey::iter()
        .next()
        .ok_or(DbErr::UpdateGetPrimaryKey)?
        .into_column();
    let ids: Vec<i64> = E::find()
        .select_only()
        .column(pk)
        .filter(cond.clone())
        .order_by_asc(pk)
        .lock_exclusive()
        .into_tuple()
        .all(conn)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let changed = update
        .filter(pk.is_in(ids.clone()))
        .filter(cond)
        .exec(conn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(Vec::new());
    }
    if changed != ids.len() as u64 {
        return Err(DbErr::Custom(format!(
            "update_returning: {changed} of {} locked rows changed (not in a transaction?)",
            ids.len()
        )));
    }
    E::find()
        .filter(pk.is_in(ids))
        .order_by_asc(pk)
        .all(conn)
        .await
}

/// Runs an INSERT built with `.on_conflict(…)`; returns the rows inserted. A conflict that
/// does nothing (`do_nothing()`) becomes `INSERT IGNORE` on MySQL (see the module's notes);
/// `update_column(s)` conflicts are left as sea-query writes them (`ON DUPLICATE KEY UPDATE`).
pub async fn insert<C, Q>(conn: &C, insert: Q) -> Result<u64, DbErr>
where
    C: ConnectionTrait,
    Q: QueryTrait,
{
    let backend = conn.get_database_backend();
    let mut stmt: Statement = insert.build(backend);
    if backend == DbBackend::MySql
        && let Some(sql) = stmt.sql.strip_suffix(" ON DUPLICATE KEY IGNORE")
        && let Some(rest) = sql.strip_prefix("INSERT ")
    {
        stmt.sql = format!("INSERT IGNORE {rest}");
    }
    Ok(conn.execute_raw(stmt).await?.rows_affected())
}

/// `SUM(…)` of an integer column, as a 64-bit integer: MySQL answers a DECIMAL, which does
/// not read back as one.
pub fn int_sum(conn: &impl ConnectionTrait, sum: SimpleExpr) -> SimpleExpr {
    if is_mysql(conn) {
        Func::cast_as(sum, "SIGNED").into()
    } else {
        sum
    }
}

/// A column to check, not to search by, in a statement that names its rows by id
/// (`id IN (…) AND status = …`) or by a leading column (`offer_id = … AND status = …`).
/// An index that starts with the checked column would read every row in that state:
/// - SQLite without statistics (no `ANALYZE` has run) prefers such an index to 2 or more ids:
///   a sweep's 200 batches of 500 requests each read all the requests still due, 23 ms a batch
///   instead of 3. SQLite's unary `+` keeps the column out of index choice.
/// - PostgreSQL plans by its statistics, and they lag: the outbox's `status` was `sent` for
///   most rows when it last analysed them, so after a sweep queued 200,000 emails it still
///   took `status = 'queued'` for rare and claimed 32 rows by id through the status index,
///   reading every queued row, 15–49 ms a claim instead of under 1. `COALESCE(col, col)`, the
///   column itself, is no indexed expression (MySQL / MariaDB likewise, where a locking
///   update that goes by the status index would also lock every row it reads).
pub fn checked<C: IntoColumnRef>(backend: DbBackend, col: C) -> Expr {
    if backend == DbBackend::Sqlite {
        Expr::cust_with_expr("+?", Expr::col(col))
    } else {
        let col = col.into_column_ref();
        Func::coalesce([Expr::col(col.clone()), Expr::col(col)]).into()
    }
}

/// The text `'<prefix>' || id` (the row's own id), which PostgreSQL and SQLite write with a
/// cast to TEXT and MySQL with CONCAT.
pub fn erased_key(conn: &impl ConnectionTrait) -> SimpleExpr {
    if is_mysql(conn) {
        Expr::cust("CONCAT('erased:', id)")
    } else {
        Expr::cust("'erased:' || CAST(id AS TEXT)")
    }
}
