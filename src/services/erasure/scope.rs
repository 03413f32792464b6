//! Which rows an erasure reaches: the event's addresses, its rides and needs, and whether an
//! address lives on in another event whose data is kept.
use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::is;
use crate::entities::{co_organiser, event, need, offer, reservation};

/// Every address found in the event (in lower case), for the purge's count and the tables
/// keyed by address alone.
pub(super) async fn addresses(
    conn: &impl ConnectionTrait,
    event_id: i64,
) -> Result<BTreeSet<String>, DbErr> {
    let mut all = BTreeSet::new();
    if let Some(e) = event::Entity::find_by_id(event_id).one(conn).await? {
        all.insert(e.organizer_email.to_lowercase());
    }
    let lists: [Vec<String>; 4] = [
        offer::Entity::find()
            .select_only()
            .column(offer::Column::DriverEmail)
            .filter(offer::Column::EventId.eq(event_id))
            .into_tuple()
            .all(conn)
            .await?,
        reservation::Entity::find()
            .select_only()
            .column(reservation::Column::PassengerEmail)
            .filter(reservation::Column::OfferId.in_subquery(offers_of(event_id)))
            .into_tuple()
            .all(conn)
            .await?,
        need::Entity::find()
            .select_only()
            .column(need::Column::Email)
            .filter(need::Column::EventId.eq(event_id))
            .into_tuple()
            .all(conn)
            .await?,
        co_organiser::Entity::find()
            .select_only()
            .column(co_organiser::Column::Email)
            .filter(co_organiser::Column::EventId.eq(event_id))
            .into_tuple()
            .all(conn)
            .await?,
    ];
    all.extend(lists.into_iter().flatten().map(|e| e.to_lowercase()));
    all.remove("");
    Ok(all)
}

pub(super) fn offers_of(event_id: i64) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(offer::Column::Id)
        .from(offer::Entity)
        .and_where(offer::Column::EventId.eq(event_id))
        .to_owned()
}

pub(super) fn needs_of(event_id: i64) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(need::Column::Id)
        .from(need::Entity)
        .and_where(need::Column::EventId.eq(event_id))
        .to_owned()
}

/// Whether `key` still appears in an event other than `event_id` whose data is kept.
pub(super) async fn used_elsewhere(
    conn: &impl ConnectionTrait,
    event_id: i64,
    key: &str,
) -> Result<bool, DbErr> {
    let live = || {
        sea_orm::sea_query::Query::select()
            .column(event::Column::Id)
            .from(event::Entity)
            .and_where(event::Column::Id.ne(event_id))
            .and_where(event::Column::PurgedAt.is_null())
            .to_owned()
    };
    let found = event::Entity::find()
        .filter(event::Column::Id.ne(event_id))
        .filter(event::Column::PurgedAt.is_null())
        .filter(is(event::Column::OrganizerEmail, key))
        .one(conn)
        .await?
        .is_some()
        || offer::Entity::find()
            .filter(offer::Column::EventId.in_subquery(live()))
            .filter(is(offer::Column::DriverEmail, key))
            .one(conn)
            .await?
            .is_some()
        || need::Entity::find()
            .filter(need::Column::EventId.in_subquery(live()))
            .filter(is(need::Column::Email, key))
            .one(conn)
            .await?
            .is_some()
        || co_organiser::Entity::find()
            .filter(co_organiser::Column::EventId.in_subquery(live()))
            .filter(is(co_organiser::Column::Email, key))
            .one(conn)
            .await?
            .is_some();
    if found {
        return Ok(true);
    }
    let offers_live = sea_orm::sea_query::Query::select()
        .column(offer::Column::Id)
        .from(offer::Entity)
        .and_where(offer::Column::EventId.in_subquery(live()))
        .to_owned();
    Ok(reservation::Entity::find()
        .filter(reservation::Column::OfferId.in_subquery(offers_live))
        .filter(is(reservation::Column::PassengerEmail, key))
        .one(conn)
        .await?
        .is_some())
}
