//! A passenger's request for seats on an offer, and its state.
use sea_orm::entity::prelude::*;

use crate::domain::{Reason, ReservationStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reservations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub offer_id: i64,
    pub status: ReservationStatus,
    pub seats: i32,
    pub passenger_name: String,
    pub passenger_email: String,
    pub passenger_phone: Option<String>,
    pub pickup: String,
    /// The pickup's point, when known (shown to the driver only).
    pub pickup_lat: Option<f64>,
    pub pickup_lon: Option<f64>,
    pub message: String,
    pub locale: String,
    /// The normalised email while pending or confirmed, NULL afterwards (unique per offer).
    pub active_email: Option<String>,
    pub reason: Option<Reason>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Half-way to expiry: when the driver is reminded to answer.
    pub nudge_at: Option<DateTimeUtc>,
    pub nudged_at: Option<DateTimeUtc>,
    /// The need this request came from (a claimed seat or an accepted invitation).
    pub need_id: Option<i64>,
    /// When the car should reach this passenger's stop (pickup on the way to the event, drop-off
    /// on the way back), from the router; NULL when there is no router or it could not tell.
    pub stop_at: Option<DateTimeUtc>,
    /// The driver's total detour with this passenger aboard, in seconds, computed when the
    /// request was made (flags requests beyond the driver's maximum).
    pub detour_s: Option<i32>,
    /// The passenger agreed to share their email and phone with the event's organisers.
    pub share_contact: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::offer::Entity",
        from = "Column::OfferId",
        to = "super::offer::Column::Id"
    )]
    Offer,
}

impl Related<super::offer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Offer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
