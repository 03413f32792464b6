//! One-click unsubscribe: the kinds of email a person stopped for one trip or one event, and
//! the `List-Unsubscribe` address each queued email carries.
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOptouts {
    Table,
    Id,
    EmailKey,
    Grp,
    Scope,
    ScopeId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ListUnsubscribe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailOptouts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EmailOptouts::Id))
                    .col(string_len(EmailOptouts::EmailKey, 254))
                    .col(string_len(EmailOptouts::Grp, 32))
                    .col(string_len(EmailOptouts::Scope, 32))
                    .col(big_integer(EmailOptouts::ScopeId))
                    .col(ts(manager, EmailOptouts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_optouts_unique")
                    .table(EmailOptouts::Table)
                    .col(EmailOptouts::EmailKey)
                    .col(EmailOptouts::Grp)
                    .col(EmailOptouts::Scope)
                    .col(EmailOptouts::ScopeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(ColumnDef::new(Outbox::ListUnsubscribe).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(EmailOptouts::Table).to_owned())
            .await
    }
}
