//! The HTTP geocoders' answers, kept for a while so that the same query is not sent twice: one
//! row per source, normalised query and language, with the places found (JSON) and when the
//! row stops counting. It holds no personal data beyond the query text, and expired rows are
//! deleted by the `geocache` sweep.
use crate::portable::{long_text, ts};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GeocodeCache {
    Table,
    Id,
    Source,
    Query,
    Lang,
    Places,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GeocodeCache::Table)
                    .if_not_exists()
                    .col(big_pk_auto(GeocodeCache::Id))
                    .col(string_len(GeocodeCache::Source, 16))
                    .col(string_len(GeocodeCache::Query, 200))
                    .col(string_len(GeocodeCache::Lang, 8))
                    .col(long_text(manager, GeocodeCache::Places))
                    .col(ts(manager, GeocodeCache::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_geocode_cache_key")
                    .table(GeocodeCache::Table)
                    .col(GeocodeCache::Source)
                    .col(GeocodeCache::Query)
                    .col(GeocodeCache::Lang)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_geocode_cache_expires")
                    .table(GeocodeCache::Table)
                    .col(GeocodeCache::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GeocodeCache::Table).to_owned())
            .await
    }
}
