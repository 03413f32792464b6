//! One-click unsubscribe: what an `unsubscribe` link stops (one family of emails, for one
//! person, for one trip or event), and the stop itself, idempotent. The link names the email
//! it came with (its kind and record), from which the person and the scope are found again.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::{Error, Result};
use crate::db::Db;
use crate::domain::optout::{group_of, target_of};
use crate::domain::{EmailKind, OptOut, OptOutScope};
use crate::entities::{
    co_organiser, email_optout, event, need, need_alert, offer, reservation, still_check,
};

/// What a link stops, and whether it is stopped already.
pub struct Target {
    pub optout: OptOut,
    pub email_key: String,
    /// The language the person reads (the record's).
    pub locale: String,
    pub event: event::Model,
    /// The trip, for a stop of one trip.
    pub offer: Option<offer::Model>,
    pub stopped: bool,
}

async fn offer_of(db: &Db, id: i64) -> Result<offer::Model> {
    offer::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)
}

async fn reservation_of(db: &Db, id: i64) -> Result<reservation::Model> {
    reservation::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The organiser or co-organiser a digest went to: their address, language and event.
async fn digest_reader(db: &Db, record: i64) -> Result<(String, String, i64)> {
    match crate::mail::digest::link_of(record) {
        crate::links::EventLink::Organiser { event_id } => {
            let e = event::Entity::find_by_id(event_id)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            Ok((e.organizer_email, e.locale, e.id))
        }
        crate::links::EventLink::CoOrganiser { id } => {
            let co = co_organiser::Entity::find_by_id(id)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            Ok((co.email, co.locale, co.event_id))
        }
    }
}

pub async fn target(db: &Db, link_id: i64) -> Result<Target> {
    let (kind, record) = target_of(link_id).ok_or(Error::NotFound)?;
    let group = group_of(kind).ok_or(Error::NotFound)?;
    // Who gets this email, in which language, about which trip (or event).
    let (email, locale, offer, event_id) = match kind {
        EmailKind::ReminderDriver => {
            let o = offer_of(db, record).await?;
            (
                o.driver_email.clone(),
                o.locale.clone(),
                Some(o.clone()),
                o.event_id,
            )
        }
        EmailKind::ReminderPassenger => {
            let r = reservation_of(db, record).await?;
            let o = offer_of(db, r.offer_id).await?;
            let event_id = o.event_id;
            (r.passenger_email, r.locale, Some(o), event_id)
        }
        EmailKind::DriverNudge => {
            let r = reservation_of(db, record).await?;
            let o = offer_of(db, r.offer_id).await?;
            (
                o.driver_email.clone(),
                o.locale.clone(),
                Some(o.clone()),
                o.event_id,
            )
        }
        EmailKind::StillGoing => {
            let c = still_check::Entity::find_by_id(record)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            let o = offer_of(db, c.offer_id).await?;
            let event_id = o.event_id;
            match c.reservation_id {
                Some(rid) => {
                    let r = reservation_of(db, rid).await?;
                    (r.passenger_email, r.locale, Some(o), event_id)
                }
                None => (o.driver_email.clone(), o.locale.clone(), Some(o), event_id),
            }
        }
        EmailKind::SeatFreed => {
            let a = need_alert::Entity::find_by_id(record)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            let n = need::Entity::find_by_id(a.need_id)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            (n.email, n.locale, None, n.event_id)
        }
        EmailKind::OrganiserDigest | EmailKind::Headcount => {
            let (email, locale, event_id) = digest_reader(db, record).await?;
            (email, locale, None, event_id)
        }
        _ => return Err(Error::NotFound),
    };
    let event = event::Entity::find_by_id(event_id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = match &offer {
        Some(o) => OptOutScope::Offer(o.id),
        None => OptOutScope::Event(event.id),
    };
    let email_key = email.to_lowercase();
    let optout = OptOut { group, scope };
    let stopped = email_optout::Entity::find()
        .filter(email_optout::Column::EmailKey.eq(email_key.as_str()))
        .filter(email_optout::Column::Grp.eq(group.as_str()))
        .filter(email_optout::Column::Scope.eq(scope.kind()))
        .filter(email_optout::Column::ScopeId.eq(scope.id()))
        .count(&db.conn)
        .await?
        > 0;
    Ok(Target {
        optout,
        email_key,
        locale,
        event,
        offer,
        stopped,
    })
}

/// Stops what the link names (a second stop changes nothing).
pub async fn stop(db: &Db, link_id: i64, now: DateTime<Utc>) -> Result<Target> {
    let mut t = target(db, link_id).await?;
    let tx = db.begin_write().await?;
    let insert = email_optout::Entity::insert(email_optout::ActiveModel {
        email_key: Set(t.email_key.clone()),
        grp: Set(t.optout.group.as_str().to_owned()),
        scope: Set(t.optout.scope.kind().to_owned()),
        scope_id: Set(t.optout.scope.id()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            email_optout::Column::EmailKey,
            email_optout::Column::Grp,
            email_optout::Column::Scope,
            email_optout::Column::ScopeId,
        ])
        .do_nothing()
        .to_owned(),
    );
    crate::db::portable::insert(&tx, insert).await?;
    tx.commit().await?;
    t.stopped = true;
    Ok(t)
}
