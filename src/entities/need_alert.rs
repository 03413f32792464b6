//! One email to a waiting passenger about seats freed on one offer (at most one per need and
//! offer); its `claim` link carries this row's id.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "need_alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub need_id: i64,
    pub offer_id: i64,
    /// The person's normalised email (alerts per person and day are capped).
    pub email_key: String,
    pub created_at: DateTimeUtc,
    pub claimed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
