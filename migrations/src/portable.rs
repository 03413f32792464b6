//! What the schema writes differently on MySQL / MariaDB, so that the migrations read the same
//! on every backend. SQLite and PostgreSQL get exactly the column types they always had.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{timestamp_with_time_zone, timestamp_with_time_zone_null};
use sea_orm_migration::sea_orm::DbBackend;

/// True on MySQL / MariaDB.
pub fn is_mysql(manager: &SchemaManager<'_>) -> bool {
    manager.get_database_backend() == DbBackend::MySql
}

/// A point in time, not null. MySQL's `TIMESTAMP` stops in 2038 and keeps whole seconds, so
/// MySQL gets `DATETIME(6)`, always written and read in UTC (the session's `time_zone` is
/// `+00:00`); the other backends keep their time-zone-aware type.
pub fn ts<T: IntoIden>(manager: &SchemaManager, col: T) -> ColumnDef {
    if is_mysql(manager) {
        ColumnDef::new(col)
            .custom(Alias::new("datetime(6)"))
            .not_null()
            .take()
    } else {
        timestamp_with_time_zone(col)
    }
}

/// `ts`, nullable.
pub fn ts_null<T: IntoIden>(manager: &SchemaManager, col: T) -> ColumnDef {
    if is_mysql(manager) {
        ColumnDef::new(col)
            .custom(Alias::new("datetime(6)"))
            .null()
            .take()
    } else {
        timestamp_with_time_zone_null(col)
    }
}

/// Text that may be long (an email's bodies and attachments, a geocoder's answer): MySQL's
/// `TEXT` stops at 64 KiB, so MySQL gets `MEDIUMTEXT` (16 MiB); the others keep `TEXT`.
pub fn long_text<T: IntoIden>(manager: &SchemaManager, col: T) -> ColumnDef {
    if is_mysql(manager) {
        ColumnDef::new(col)
            .custom(Alias::new("mediumtext"))
            .not_null()
            .take()
    } else {
        sea_orm_migration::schema::text(col)
    }
}

/// On MySQL, makes the database's tables compare text byte for byte (`utf8mb4_bin`), as
/// SQLite and PostgreSQL do: the server's default collation is case- and accent-insensitive,
/// which would make `Anne@x` and `anne@x` the same key in a unique index. Run before the
/// first table is created; the tables created afterwards inherit it.
pub async fn binary_collation(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if is_mysql(manager) {
        use sea_orm_migration::sea_orm::ConnectionTrait;
        manager
            .get_connection()
            .execute_unprepared("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
            .await?;
    }
    Ok(())
}
