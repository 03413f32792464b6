//! What the `claim` and `join` links show before they are used, and whom a driver may invite.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::blocked;
use crate::db::Db;
use crate::domain::InvitationStatus;
use crate::entities::{event, invitation, need, need_alert, offer};
use crate::services::{Error, Result, needs};

/// What a claim link or a join link shows before it is used.
pub struct Proposal {
    pub need: need::Model,
    pub offer: offer::Model,
    pub event: event::Model,
    pub seats: i32,
    /// Still open: the need waits and the ride has the seats.
    pub open: bool,
}

async fn proposal(
    db: &Db,
    need_id: i64,
    offer_id: i64,
    seats: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Proposal> {
    let need = need::Entity::find_by_id(need_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let offer = offer::Entity::find_by_id(offer_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let seats = seats.unwrap_or(need.seats);
    let open = blocked(&offer, &event, &need, now).is_none() && seats <= offer.seats_left();
    Ok(Proposal {
        need,
        offer,
        event,
        seats,
        open,
    })
}

/// The claim link's page.
pub async fn alert_view(db: &Db, alert_id: i64, now: DateTime<Utc>) -> Result<Proposal> {
    let alert = need_alert::Entity::find_by_id(alert_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    proposal(db, alert.need_id, alert.offer_id, None, now).await
}

/// The join link's page.
pub async fn invitation_view(
    db: &Db,
    invitation_id: i64,
    now: DateTime<Utc>,
) -> Result<(Proposal, bool)> {
    let inv = invitation::Entity::find_by_id(invitation_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let p = proposal(db, inv.need_id, inv.offer_id, Some(inv.seats), now).await?;
    Ok((p, inv.status == InvitationStatus::Accepted))
}

/// The waiting needs a driver may invite to `o` (seats and time window fit), oldest first,
/// with whether each was already invited to this ride.
pub async fn invitable(
    conn: &impl ConnectionTrait,
    o: &offer::Model,
) -> Result<Vec<(need::Model, bool)>> {
    let mut out = Vec::new();
    for n in needs::fitting(conn, o, 50).await? {
        let invited = invitation::Entity::find()
            .filter(invitation::Column::OfferId.eq(o.id))
            .filter(invitation::Column::NeedId.eq(n.id))
            .count(conn)
            .await?
            > 0;
        out.push((n, invited));
    }
    Ok(out)
}
