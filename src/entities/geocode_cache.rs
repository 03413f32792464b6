//! One HTTP geocoder answer kept for a while (source, normalised query, language → places).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "geocode_cache")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `ban`, `photon` or `nominatim`.
    pub source: String,
    /// The query folded to lower case with single spaces, at most 200 characters.
    pub query: String,
    /// The language asked for (empty for a source that answers the same in every language).
    pub lang: String,
    /// The places found, best first (JSON list; empty when the source knew nothing).
    pub places: String,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
