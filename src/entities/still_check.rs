//! "Still going?" before departure, to the driver (no reservation) or to one confirmed
//! passenger; its `still` link carries this row's id.
use sea_orm::entity::prelude::*;

use crate::domain::StillAnswer;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "still_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offer_id: i64,
    pub reservation_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    pub answer: Option<StillAnswer>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
