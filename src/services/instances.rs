//! The heartbeat of each running instance: one small write per background tick, which tells
//! the operators which instances are alive and whether the database takes writes again.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};

use crate::db::Db;
use crate::entities::instance;

pub async fn heartbeat(
    db: &Db,
    id: &str,
    started_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> super::Result<()> {
    let tx = db.begin_write().await?;
    instance::Entity::insert(instance::ActiveModel {
        id: Set(id.chars().take(96).collect()),
        started_at: Set(started_at),
        last_tick_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(instance::Column::Id)
            .update_column(instance::Column::LastTickAt)
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await?;
    Ok(tx.commit().await?)
}
