//! Operators' sessions, kept on the server: a session ends at logout or when it expires,
//! whatever the browser still holds, on every instance. Only a hash of each session token is
//! stored.
use crate::portable::ts;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AdminSessions {
    Table,
    TokenHash,
    CreatedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AdminSessions::Table)
                    .if_not_exists()
                    .col(string_len(AdminSessions::TokenHash, 64).primary_key())
                    .col(ts(manager, AdminSessions::CreatedAt))
                    .col(ts(manager, AdminSessions::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(AdminSessions::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
