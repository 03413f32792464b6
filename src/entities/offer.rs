//! A driver's ride to or from an event.
use sea_orm::entity::prelude::*;

use crate::domain::{Direction, OfferStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What public pages and the API call it (random: offers cannot be walked by counting).
    #[sea_orm(unique)]
    pub public_id: String,
    pub event_id: i64,
    /// Set on a return trip: the outbound offer it was created with.
    pub return_of: Option<i64>,
    pub direction: Direction,
    pub place: String,
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub departs_at: DateTimeUtc,
    pub seats_total: i32,
    pub seats_taken: i32,
    pub status: OfferStatus,
    pub driver_name: String,
    pub driver_email: String,
    pub driver_phone: Option<String>,
    pub notes: String,
    pub locale: String,
    /// Bumped by every edit of time or place (part of the emails' dedupe key).
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// `reminder_time` on the day before departure, in the event's zone; NULL when that moment
    /// had already passed when the ride was published or moved.
    pub reminder_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    /// Requests that fit are confirmed at once, without the driver's answer.
    pub auto_accept: bool,
    /// When the driver and confirmed passengers were asked "still going?" (once per ride).
    pub still_asked_at: Option<DateTimeUtc>,
    /// The most the driver will go out of their way for pickups, in minutes.
    pub max_detour_min: Option<i32>,
    /// What the route was last computed from (`services::routing::plan`): the same key, no new
    /// computation. A key starting with `!` marks inputs the router failed on.
    pub route_key: Option<String>,
    /// The driver's total detour for the pickups, in seconds, when the router gave it.
    pub route_detour_s: Option<i32>,
    /// The whole route's length, in metres, when the router gave it.
    pub route_distance_m: Option<i32>,
    /// The driver agreed to share their email and phone with the event's organisers.
    pub share_contact: bool,
}

impl Model {
    pub fn seats_left(&self) -> i32 {
        (self.seats_total - self.seats_taken).max(0)
    }

    /// Public pages show the first word of the driver's name only.
    pub fn driver_first_name(&self) -> &str {
        self.driver_name.split_whitespace().next().unwrap_or("")
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::reservation::Entity")]
    Reservations,
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
}

impl Related<super::reservation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Reservations.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
