//! A kind of email one person stopped for one trip (offer) or one event (one-click unsubscribe).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_optouts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The address in lower case.
    pub email_key: String,
    /// `reminder`, `nudge`, `still` or `alert`.
    pub grp: String,
    /// `offer` or `event`.
    pub scope: String,
    pub scope_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
