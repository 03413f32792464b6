//! A series: the same event on several dates, each date an event row pointing here.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event_series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// How many occurrences were created with it.
    pub occurrences: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
