//! The transactional outbox: each email is a row written with the change that causes it.
use crate::portable::{long_text, ts, ts_null};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    RecordId,
    Version,
    DedupeKey,
    RecipientEmail,
    RecipientName,
    ReplyToEmail,
    ReplyToName,
    Locale,
    Subject,
    TextBody,
    HtmlBody,
    Attachments,
    Links,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseOwner,
    LeaseUntil,
    LastError,
    MessageId,
    CreatedAt,
    UpdatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Outbox::Id))
                    .col(string_len(Outbox::Kind, 48))
                    .col(big_integer(Outbox::RecordId))
                    .col(integer(Outbox::Version).default(0))
                    // kind:record:recipient:version; no code path can queue one email twice.
                    .col(string_len_uniq(Outbox::DedupeKey, 400))
                    .col(string_len(Outbox::RecipientEmail, 254))
                    .col(string_len(Outbox::RecipientName, 120))
                    .col(string_len_null(Outbox::ReplyToEmail, 254))
                    .col(string_len_null(Outbox::ReplyToName, 120))
                    .col(string_len(Outbox::Locale, 8))
                    .col(string_len(Outbox::Subject, 300))
                    .col(long_text(manager, Outbox::TextBody))
                    .col(long_text(manager, Outbox::HtmlBody))
                    .col(long_text(manager, Outbox::Attachments))
                    .col(long_text(manager, Outbox::Links))
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(ts(manager, Outbox::NextAttemptAt))
                    .col(string_len_null(Outbox::LeaseOwner, 64))
                    .col(ts_null(manager, Outbox::LeaseUntil))
                    .col(text_null(Outbox::LastError))
                    .col(string_len(Outbox::MessageId, 200))
                    .col(ts(manager, Outbox::CreatedAt))
                    .col(ts(manager, Outbox::UpdatedAt))
                    .col(ts_null(manager, Outbox::SentAt))
                    .to_owned(),
            )
            .await?;
        // The dispatcher's query: due rows by state and time.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_next_attempt")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_lease")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::LeaseUntil)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Outbox::Table).if_exists().to_owned())
            .await
    }
}
