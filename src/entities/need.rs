//! A passenger's need for a ride to or from an event (the waiting list).
use sea_orm::entity::prelude::*;

use crate::domain::{NeedDirection, NeedStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "needs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What the API calls it (random, like an offer's).
    #[sea_orm(unique)]
    pub public_id: String,
    pub event_id: i64,
    pub direction: NeedDirection,
    pub place: String,
    /// The place's point, when known: the waiting list is matched nearest first.
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub seats: i32,
    /// The earliest and latest departure that suit the passenger, if they said.
    pub earliest: Option<DateTimeUtc>,
    pub latest: Option<DateTimeUtc>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub locale: String,
    pub status: NeedStatus,
    /// The normalised email while waiting or matched, NULL afterwards (one active need per
    /// person, event and direction).
    pub active_email: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub matched_at: Option<DateTimeUtc>,
}

impl Model {
    /// Public pages and drivers see the first word of the name only.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }

    /// Whether a ride leaving at `departs_at` with `seats_left` seats suits this need.
    pub fn fits(&self, seats_left: i32, departs_at: DateTimeUtc) -> bool {
        self.seats <= seats_left
            && self.earliest.is_none_or(|e| e <= departs_at)
            && self.latest.is_none_or(|l| departs_at <= l)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
