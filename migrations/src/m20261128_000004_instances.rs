//! One row per running app instance, written by its background task on every tick: the
//! operators see which instances are alive, and the write doubles as a probe of whether the
//! database takes writes again after a failure.
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Instances {
    Table,
    Id,
    StartedAt,
    LastTickAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Instances::Table)
                    .if_not_exists()
                    .col(string_len(Instances::Id, 96).primary_key())
                    .col(ts(manager, Instances::StartedAt))
                    .col(ts(manager, Instances::LastTickAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Instances::Table).if_exists().to_owned())
            .await
    }
}
