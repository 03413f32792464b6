//! One delivery report: a bounce read from the bounce mailbox, or a refusal at send time.
use sea_orm::entity::prelude::*;

use crate::domain::BounceKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "bounces")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What makes the report unique (its Message-ID, or the outbox row refused at send time).
    #[sea_orm(unique)]
    pub report_key: String,
    /// The email it is about, when known (from the signed return address or its Message-ID).
    pub outbox_id: Option<i64>,
    /// The address in lower case.
    pub email_key: String,
    pub kind: BounceKind,
    /// The enhanced status code (`5.1.1`), or the SMTP code when that is all there is.
    pub status: String,
    /// The receiving server's words, cut short.
    pub diagnostic: String,
    /// `dsn` (RFC 3464), `text` (a non-standard bounce) or `smtp` (refused at send time).
    pub source: String,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
