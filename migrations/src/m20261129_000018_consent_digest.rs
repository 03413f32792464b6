//! Consent and digests: whether a driver or a passenger agreed to share their contact details
//! with the event's organisers (the CSV and the roster show them only then), and whether an
//! organiser or a co-organiser asked for the daily digest and the day-before headcount.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    ShareContact,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    ShareContact,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Digest,
}

#[derive(DeriveIden)]
enum CoOrganisers {
    Table,
    Digest,
}

/// One boolean column, false for every row already there (nobody agreed to anything yet).
async fn add_flag(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(boolean(column).default(false))
                .to_owned(),
        )
        .await
}

async fn drop_flag(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One statement per column: SQLite alters one column at a time.
        add_flag(manager, Offers::Table, Offers::ShareContact).await?;
        add_flag(manager, Reservations::Table, Reservations::ShareContact).await?;
        add_flag(manager, Events::Table, Events::Digest).await?;
        add_flag(manager, CoOrganisers::Table, CoOrganisers::Digest).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_flag(manager, CoOrganisers::Table, CoOrganisers::Digest).await?;
        drop_flag(manager, Events::Table, Events::Digest).await?;
        drop_flag(manager, Reservations::Table, Reservations::ShareContact).await?;
        drop_flag(manager, Offers::Table, Offers::ShareContact).await
    }
}
