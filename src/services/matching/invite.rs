//! A driver's invitation to a waiting passenger, and its acceptance (the `join` link).
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{Taken, blocked, load, take_for_need, tell};
use crate::db::{Db, is_unique_violation};
use crate::domain::{InvitationStatus, Refusal};
use crate::entities::{event, invitation, need};
use crate::mail::{Emails, outbox, waiting};
use crate::services::transitions::lock_offers;
use crate::services::{Error, Result};

/// The driver invites a waiting passenger to their ride: the passenger gets a `join` link.
/// Inviting the same need twice to one ride changes nothing.
pub async fn invite(
    db: &Db,
    emails: &Emails,
    offer_id: i64,
    need_public_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let tx = db.begin_write().await?;
    let o = lock_offers(&tx, vec![offer_id])
        .await?
        .pop()
        .ok_or(Error::NotFound)?;
    let n = need::Entity::find()
        .filter(need::Column::PublicId.eq(need_public_id))
        .filter(need::Column::EventId.eq(o.event_id))
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let e = event::Entity::find_by_id(o.event_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    if let Some(refusal) = blocked(&o, &e, &n, now) {
        return Err(refusal.into());
    }
    if !n.direction.covers(o.direction) {
        return Err(Error::NotFound);
    }
    if n.seats > o.seats_left() {
        return Err(Refusal::NotEnoughSeats {
            left: o.seats_left(),
        }
        .into());
    }
    let row = invitation::ActiveModel {
        offer_id: Set(o.id),
        need_id: Set(n.id),
        seats: Set(n.seats),
        status: Set(InvitationStatus::Pending),
        created_at: Set(now),
        answered_at: Set(None),
        ..Default::default()
    };
    let invitation = match row.insert(&tx).await {
        Ok(i) => i,
        Err(err) if is_unique_violation(&err) => return Err(Refusal::AlreadyAnswered.into()),
        Err(err) => return Err(err.into()),
    };
    let email = waiting::invitation(emails, &e, &o, &n, &invitation, now)?;
    let queued = outbox::queue(&tx, emails, email, now).await?;
    tx.commit().await?;
    emails.after_commit(&[queued]);
    Ok(())
}

/// The passenger accepts the invitation: the seats are confirmed at once (the driver chose),
/// atomically, with the usual accepted emails.
pub async fn join(
    db: &Db,
    emails: &Emails,
    invitation_id: i64,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<Taken> {
    let tx = db.begin_write().await?;
    let inv = invitation::Entity::find_by_id(invitation_id)
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    let (o, n, e) = load(&tx, inv.offer_id, inv.need_id).await?;
    if inv.status != InvitationStatus::Pending {
        return Err(Refusal::AlreadyAnswered.into());
    }
    if let Some(refusal) = blocked(&o, &e, &n, now) {
        return Err(refusal.into());
    }
    let taken = take_for_need(&tx, &o, &n, inv.seats, true, ttl, now).await?;
    let answered = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::Status,
            Expr::value(InvitationStatus::Accepted),
        )
        .col_expr(invitation::Column::AnsweredAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::Status.eq(InvitationStatus::Pending))
        .exec(&tx)
        .await?
        .rows_affected;
    if answered == 0 {
        return Err(Refusal::AlreadyAnswered.into());
    }
    let mut queued = Vec::new();
    tell(
        &tx,
        emails,
        &e,
        &taken.offer,
        &taken.reservation,
        now,
        outbox::AckCounts::new(),
        &mut queued,
    )
    .await?;
    tx.touch(e.id);
    tx.count(crate::db::Counted::Bookings(1));
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(taken)
}
