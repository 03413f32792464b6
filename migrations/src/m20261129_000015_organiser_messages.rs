//! The organisers' messages to participants: what was sent, to whom (an audience), how many
//! people, and when (the organiser page's log, and the daily cap).
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrganiserMessages {
    Table,
    Id,
    EventId,
    Audience,
    Body,
    Recipients,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrganiserMessages::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OrganiserMessages::Id))
                    .col(big_integer(OrganiserMessages::EventId))
                    .col(string_len(OrganiserMessages::Audience, 32))
                    .col(text(OrganiserMessages::Body))
                    .col(integer(OrganiserMessages::Recipients))
                    .col(ts(manager, OrganiserMessages::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organiser_messages_event")
                    .table(OrganiserMessages::Table)
                    .col(OrganiserMessages::EventId)
                    .col(OrganiserMessages::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrganiserMessages::Table).to_owned())
            .await
    }
}
