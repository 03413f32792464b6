//! An event that people carpool to.
use sea_orm::entity::prelude::*;

use crate::domain::EventStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub venue: String,
    /// The venue's point, when the gazetteer or a geocoder knew it.
    pub venue_lat: Option<f64>,
    pub venue_lon: Option<f64>,
    pub starts_at: DateTimeUtc,
    pub timezone: String,
    pub organizer_name: String,
    pub organizer_email: String,
    pub locale: String,
    pub created_at: DateTimeUtc,
    /// Open, or cancelled by its organisers (for good).
    pub status: EventStatus,
    /// The organisers stopped new offers, requests and needs for now.
    pub booking_closed: bool,
    /// Bumped by each edit of the event: each edit's emails are queued once.
    pub version: i32,
    pub cancelled_at: Option<DateTimeUtc>,
    /// The organiser asked for the daily digest and the day-before headcount.
    pub digest: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Model {
    /// Whether the event takes new offers, requests and needs.
    pub fn takes_bookings(&self) -> bool {
        self.status == EventStatus::Open && !self.booking_closed
    }

    /// The event's time zone (every time shown about it is in this zone).
    pub fn zone(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::Tz::UTC)
    }
}

impl ActiveModelBehavior for ActiveModel {}
