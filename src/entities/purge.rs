//! One erasure of an event's personal data (at most one per event): when, why, and how much.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "purges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub event_id: i64,
    /// `retention` (the event ended `retention_days` ago) or `deleted` (by the operator).
    pub reason: String,
    pub purged_at: DateTimeUtc,
    /// Distinct addresses whose data was erased.
    pub people: i32,
    /// Rows of rides, requests, needs, messages and co-organisers anonymised.
    pub rows: i32,
    /// Emails (outbox rows) erased.
    pub emails: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
