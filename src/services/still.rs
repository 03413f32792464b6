//! Fewer no-shows: `still_going_hours` before departure, the driver and each confirmed
//! passenger are asked "still going?" once, with Yes / No links. "No" from a passenger frees
//! their seats (which the waiting list then hears of); "no" from the driver cancels the ride;
//! both with the usual emails. Rides published after that moment are not asked.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::transitions::confirmed_of;
use super::{Error, Result, decisions, offer_admin};
use crate::db::Db;
use crate::db::portable;
use crate::domain::{OfferStatus, Refusal, ReservationStatus, StillAnswer};
use crate::entities::{event, offer, reservation, still_check};
use crate::mail::{Emails, outbox, waiting};

/// Asks the rides leaving within `ahead` (once per ride). Returns the number of rides asked.
pub async fn ask_due(db: &Db, emails: &Emails, ahead: Duration, now: DateTime<Utc>) -> Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = offer::Entity::find()
            .select_only()
            .column(offer::Column::Id)
            .filter(offer::Column::Status.eq(OfferStatus::Open))
            .filter(offer::Column::StillAskedAt.is_null())
            .filter(offer::Column::DepartsAt.gt(now))
            .filter(offer::Column::DepartsAt.lte(now + ahead))
            .order_by_asc(offer::Column::DepartsAt)
            .limit(super::sweeps::BATCH / 10)
            .into_tuple()
            .all(&db.conn)
            .await?;
        if ids.is_empty() {
            return Ok(total);
        }
        let tx = db.begin_write().await?;
        // Claimed by this transaction: several instances never ask twice.
        let rides = portable::update_returning(
            &tx,
            offer::Entity::update_many().col_expr(offer::Column::StillAskedAt, Expr::value(now)),
            Condition::all()
                .add(offer::Column::Id.is_in(ids))
                .add(offer::Column::StillAskedAt.is_null()),
        )
        .await?;
        if rides.is_empty() {
            return Ok(total);
        }
        let mut batch = Vec::new();
        for o in &rides {
            // A ride published within the window was just decided: no need to ask.
            if o.created_at > o.departs_at - ahead {
                continue;
            }
            let Some(e) = event::Entity::find_by_id(o.event_id).one(&tx).await? else {
                continue;
            };
            let mut asked = vec![None];
            asked.extend(confirmed_of(&tx, o.id).await?.into_iter().map(Some));
            for r in asked {
                let check = still_check::ActiveModel {
                    offer_id: Set(o.id),
                    reservation_id: Set(r.as_ref().map(|r| r.id)),
                    created_at: Set(now),
                    answered_at: Set(None),
                    answer: Set(None),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
                batch.push(waiting::still_going(
                    emails,
                    &e,
                    o,
                    r.as_ref(),
                    &check,
                    now,
                )?);
            }
        }
        let queued = outbox::queue_many(&tx, emails, batch, now).await?;
        tx.commit().await?;
        emails.after_commit(&queued);
        total += rides.len() as u64;
    }
}

/// What a `still` link is about.
pub struct Check {
    pub check: still_check::Model,
    pub offer: offer::Model,
    pub event: event::Model,
    pub reservation: Option<reservation::Model>,
}

pub async fn get(db: &Db, id: i64) -> Result<Check> {
    let check = still_check::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let offer = offer::Entity::find_by_id(check.offer_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let event = event::Entity::find_by_id(offer.event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let reservation = match check.reservation_id {
        Some(r) => reservation::Entity::find_by_id(r).one(&db.conn).await?,
        None => None,
    };
    Ok(Check {
        check,
        offer,
        event,
        reservation,
    })
}

/// Records the answer once; "no" first cancels the passenger's seats or the driver's ride,
/// with the usual emails. An answered check changes nothing.
pub async fn answer(
    db: &Db,
    emails: &Emails,
    id: i64,
    answer: StillAnswer,
    now: DateTime<Utc>,
) -> Result<()> {
    let check = still_check::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    if check.answered_at.is_some() {
        return Err(Refusal::AlreadyAnswered.into());
    }
    if answer == StillAnswer::No {
        // The cancellation first, in its own transaction: if it fails, nothing is recorded
        // and the link can be used again. Cancelled meanwhile, or gone: the answer stands.
        let outcome = match check.reservation_id {
            Some(r) => decisions::cancel_by_passenger(db, emails, r, now).await,
            None => offer_admin::cancel(db, emails, check.offer_id, now).await,
        };
        match outcome {
            Ok(())
            | Err(Error::Refused(
                Refusal::AlreadyDone(_) | Refusal::OfferCancelled | Refusal::Departed,
            )) => {}
            Err(e) => return Err(e),
        }
    }
    let tx = db.begin_write().await?;
    let answered = still_check::Entity::update_many()
        .col_expr(still_check::Column::Answer, Expr::value(answer))
        .col_expr(still_check::Column::AnsweredAt, Expr::value(now))
        .filter(still_check::Column::Id.eq(id))
        .filter(still_check::Column::AnsweredAt.is_null())
        .exec(&tx)
        .await?
        .rows_affected;
    if answered == 0 {
        return Err(Refusal::AlreadyAnswered.into());
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the reservation this check asks about is still confirmed (its link shows the
/// question only then).
pub fn still_relevant(c: &Check, now: DateTime<Utc>) -> bool {
    c.offer.status == OfferStatus::Open
        && c.offer.departs_at > now
        && c.reservation
            .as_ref()
            .is_none_or(|r| r.status == ReservationStatus::Confirmed)
}
