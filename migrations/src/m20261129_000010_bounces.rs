//! Bounces: each delivery report read from the bounce mailbox (or a refusal at send time), once
//! (unique on the report's own key, so that several instances reading one mailbox record it
//! once), and the addresses not mailed again for a while after a hard bounce.
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Bounces {
    Table,
    Id,
    ReportKey,
    OutboxId,
    EmailKey,
    Kind,
    Status,
    Diagnostic,
    Source,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum EmailSuppressions {
    Table,
    Id,
    EmailKey,
    Reason,
    BouncedAt,
    Until,
    Hits,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Bounces::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Bounces::Id))
                    .col(string_len(Bounces::ReportKey, 190))
                    .col(big_integer_null(Bounces::OutboxId))
                    .col(string_len(Bounces::EmailKey, 254))
                    .col(string_len(Bounces::Kind, 32))
                    .col(string_len(Bounces::Status, 16))
                    .col(string_len(Bounces::Diagnostic, 300))
                    .col(string_len(Bounces::Source, 32))
                    .col(ts(manager, Bounces::ReceivedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bounces_report_key")
                    .table(Bounces::Table)
                    .col(Bounces::ReportKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bounces_received_at")
                    .table(Bounces::Table)
                    .col(Bounces::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailSuppressions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EmailSuppressions::Id))
                    .col(string_len(EmailSuppressions::EmailKey, 254))
                    .col(string_len(EmailSuppressions::Reason, 300))
                    .col(ts(manager, EmailSuppressions::BouncedAt))
                    .col(ts(manager, EmailSuppressions::Until))
                    .col(integer(EmailSuppressions::Hits))
                    .col(ts(manager, EmailSuppressions::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_suppressions_email_key")
                    .table(EmailSuppressions::Table)
                    .col(EmailSuppressions::EmailKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailSuppressions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Bounces::Table).to_owned())
            .await
    }
}
