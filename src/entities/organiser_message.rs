//! A message the organisers sent to participants (the organiser page's log).
use sea_orm::entity::prelude::*;

use crate::domain::Audience;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organiser_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub audience: Audience,
    pub body: String,
    /// How many people it was sent to.
    pub recipients: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
