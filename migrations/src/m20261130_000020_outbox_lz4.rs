//! PostgreSQL compresses the outbox's bodies with lz4 instead of pglz (issue 19): every email
//! row is above the 2 KB TOAST threshold, and pglz was a third of the database's work in the
//! expiry sweep. Only new values are affected. A server built without lz4 (or older than 14)
//! keeps pglz: the change is skipped, not failed. Nothing to do on other databases.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn set_compression(method: &str) -> String {
    format!(
        "DO $$ BEGIN EXECUTE 'ALTER TABLE outbox ALTER COLUMN html_body SET COMPRESSION {method}, \
         ALTER COLUMN text_body SET COMPRESSION {method}'; \
         EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'outbox compression left as it was: %', SQLERRM; \
         END $$"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&set_compression("lz4"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&set_compression("pglz"))
            .await?;
        Ok(())
    }
}
