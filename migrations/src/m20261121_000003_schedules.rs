//! When each request's driver nudge and each ride's day-before reminder are due, and whether
//! they went out: the sweeps find due work by index, and a conditional update on these columns
//! makes each happen once.
use crate::portable::ts_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Reservations {
    Table,
    Status,
    NudgeAt,
    NudgedAt,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Status,
    ReminderAt,
    RemindedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for col in [
            ts_null(manager, Reservations::NudgeAt),
            ts_null(manager, Reservations::NudgedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reservations::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [
            ts_null(manager, Offers::ReminderAt),
            ts_null(manager, Offers::RemindedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_reservations_status_nudge")
                    .table(Reservations::Table)
                    .col(Reservations::Status)
                    .col(Reservations::NudgeAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_status_reminder")
                    .table(Offers::Table)
                    .col(Offers::Status)
                    .col(Offers::ReminderAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_offers_status_reminder")
                    .table(Offers::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_reservations_status_nudge")
                    .table(Reservations::Table)
                    .to_owned(),
            )
            .await?;
        for col in [Offers::ReminderAt, Offers::RemindedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [Reservations::NudgeAt, Reservations::NudgedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reservations::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
