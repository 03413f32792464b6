//! Series: the same event on several dates (weekly training, each day of a school trip). A
//! series row groups its occurrences; each occurrence is an event of its own (page, slug,
//! rides), pointing at its series.
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EventSeries {
    Table,
    Id,
    Occurrences,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    SeriesId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventSeries::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EventSeries::Id))
                    .col(integer(EventSeries::Occurrences))
                    .col(ts(manager, EventSeries::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // A plain column (SQLite cannot add a foreign key to an existing table); the series
        // row is never deleted while its events exist.
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(big_integer_null(Events::SeriesId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_series")
                    .table(Events::Table)
                    .col(Events::SeriesId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_events_series").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::SeriesId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(EventSeries::Table).to_owned())
            .await
    }
}
