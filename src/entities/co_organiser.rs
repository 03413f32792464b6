//! A co-organiser of an event: invited by its organisers, with an `event` link of their own
//! until revoked.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "co_organisers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub name: String,
    pub email: String,
    /// The address in lower case while the invitation stands (one per event), else none.
    pub active_email: Option<String>,
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    /// This co-organiser asked for the daily digest and the day-before headcount.
    pub digest: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
