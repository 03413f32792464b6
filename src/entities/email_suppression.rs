//! An address that hard-bounced: not mailed again until `until` (or until an operator lifts it).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_suppressions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The address in lower case.
    #[sea_orm(unique)]
    pub email_key: String,
    /// The last hard bounce's status and words.
    pub reason: String,
    pub bounced_at: DateTimeUtc,
    pub until: DateTimeUtc,
    /// Hard bounces counted for this address.
    pub hits: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
