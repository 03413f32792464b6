//! Organisers in control: an event's state (open or cancelled), whether it takes bookings,
//! and its version (bumped by each edit, so that each edit's emails are queued once).
use crate::portable::ts_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Status,
    BookingClosed,
    Version,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        let columns = [
            ColumnDef::new(Events::Status)
                .string_len(32)
                .not_null()
                .default("open")
                .to_owned(),
            ColumnDef::new(Events::BookingClosed)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(Events::Version)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
            ts_null(manager, Events::CancelledAt),
        ];
        for column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Events::CancelledAt,
            Events::Version,
            Events::BookingClosed,
            Events::Status,
        ] {
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
