//! Personal data: an event hidden or deleted by the operator, when its personal data was
//! erased (the purge), the event each email is about (so that the purge finds every copy), and
//! one record per purge (when, why, how much was erased) for /admin.
use crate::portable::{ts, ts_null};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    HiddenAt,
    DeletedAt,
    PurgedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    EventId,
}

#[derive(DeriveIden)]
enum Purges {
    Table,
    Id,
    EventId,
    Reason,
    PurgedAt,
    People,
    Rows,
    Emails,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [Events::HiddenAt, Events::DeletedAt, Events::PurgedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(ts_null(manager, column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(big_integer_null(Outbox::EventId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_event")
                    .table(Outbox::Table)
                    .col(Outbox::EventId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Purges::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Purges::Id))
                    .col(big_integer(Purges::EventId).unique_key())
                    .col(string_len(Purges::Reason, 32))
                    .col(ts(manager, Purges::PurgedAt))
                    .col(integer(Purges::People))
                    .col(integer(Purges::Rows))
                    .col(integer(Purges::Emails))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Purges::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_event")
                    .table(Outbox::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::EventId)
                    .to_owned(),
            )
            .await?;
        for column in [Events::PurgedAt, Events::DeletedAt, Events::HiddenAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
