//! Offers get a random public identifier for their public pages and API answers, so that they
//! cannot be walked by counting. Existing offers get one from the database's own secure random
//! source (80 bits as 20 hex digits).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    PublicId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(ColumnDef::new(Offers::PublicId).string_len(32).null())
                    .to_owned(),
            )
            .await?;
        let fill = match manager.get_database_backend() {
            DbBackend::Sqlite => {
                "UPDATE offers SET public_id = lower(hex(randomblob(10))) WHERE public_id IS NULL"
            }
            DbBackend::MySql => {
                "UPDATE offers SET public_id = substr(replace(uuid(), '-', ''), 1, 20) \
                 WHERE public_id IS NULL"
            }
            _ => {
                "UPDATE offers SET public_id = substr(replace(gen_random_uuid()::text, '-', ''), 1, 20) \
                 WHERE public_id IS NULL"
            }
        };
        manager.get_connection().execute_unprepared(fill).await?;
        manager
            .create_index(
                Index::create()
                    .name("uniq_offers_public_id")
                    .table(Offers::Table)
                    .col(Offers::PublicId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uniq_offers_public_id")
                    .table(Offers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .drop_column(Offers::PublicId)
                    .to_owned(),
            )
            .await
    }
}
