//! The outbox knows each recipient by a normalised key (the address in lower case), indexed
//! with the creation time: how many emails one address got lately is one index range, which
//! caps the acknowledgements a stranger can make covoit send to somebody else's address.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    RecipientKey,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(ColumnDef::new(Outbox::RecipientKey).string_len(254).null())
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE outbox SET recipient_key = lower(recipient_email) WHERE recipient_key IS NULL",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_recipient_created")
                    .table(Outbox::Table)
                    .col(Outbox::RecipientKey)
                    .col(Outbox::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_recipient_created")
                    .table(Outbox::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::RecipientKey)
                    .to_owned(),
            )
            .await
    }
}
