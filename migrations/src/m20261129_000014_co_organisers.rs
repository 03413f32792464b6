//! Co-organisers: people an event's organisers invited, each with an `event` link of their
//! own that stops working when they are revoked. One active invitation per event and address.
use crate::portable::{ts, ts_null};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CoOrganisers {
    Table,
    Id,
    EventId,
    Name,
    Email,
    ActiveEmail,
    Locale,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CoOrganisers::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CoOrganisers::Id))
                    .col(big_integer(CoOrganisers::EventId))
                    .col(string_len(CoOrganisers::Name, 120))
                    .col(string_len(CoOrganisers::Email, 254))
                    .col(string_len_null(CoOrganisers::ActiveEmail, 254))
                    .col(string_len(CoOrganisers::Locale, 8))
                    .col(ts(manager, CoOrganisers::CreatedAt))
                    .col(ts_null(manager, CoOrganisers::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_co_organisers_event")
                            .from(CoOrganisers::Table, CoOrganisers::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_co_organisers_active")
                    .table(CoOrganisers::Table)
                    .col(CoOrganisers::EventId)
                    .col(CoOrganisers::ActiveEmail)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CoOrganisers::Table).to_owned())
            .await
    }
}
