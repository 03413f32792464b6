//! The HTTP geocoders' answers kept in the database (table `geocode_cache`), keyed by source,
//! normalised query and language, each row with its expiry. Only the query text and the places
//! found are kept: no person. A failure to read or write the cache is logged and the lookup
//! goes on without it.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use super::Place;
use super::fold::words;
use super::formats::Found;
use crate::db::Db;
use crate::domain::Point;
use crate::entities::geocode_cache;

/// The longest key kept (the column's size).
const MAX_KEY_CHARS: usize = 200;

/// The cache key of a query: its folded words, single-spaced ("Saint-Étienne " and
/// "saint étienne" are one query).
pub fn key(query: &str) -> String {
    words(query).join(" ").chars().take(MAX_KEY_CHARS).collect()
}

#[derive(Serialize, Deserialize)]
struct Row {
    label: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<String>,
    country: String,
    lat: f64,
    lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

/// The kept answer for this query, unless there is none or it has expired.
pub async fn get(
    db: &Db,
    source: &str,
    key: &str,
    lang: &str,
    now: DateTime<Utc>,
) -> Option<Vec<Found>> {
    let found = geocode_cache::Entity::find()
        .filter(geocode_cache::Column::Source.eq(source))
        .filter(geocode_cache::Column::Query.eq(key))
        .filter(geocode_cache::Column::Lang.eq(lang))
        .filter(geocode_cache::Column::ExpiresAt.gt(now))
        .one(&db.conn)
        .await;
    let row = match found {
        Ok(row) => row?,
        Err(e) => {
            tracing::warn!(error = %e, "geocoder cache: cannot read");
            return None;
        }
    };
    let rows: Vec<Row> = serde_json::from_str(&row.places).ok()?;
    Some(
        rows.into_iter()
            .filter_map(|r| {
                Some(Found {
                    place: Place {
                        label: r.label,
                        name: r.name,
                        postcode: r.postcode,
                        country: r.country,
                        point: Point::new(r.lat, r.lon)?,
                    },
                    score: r.score,
                })
            })
            .collect(),
    )
}

/// Keeps `found` for this query until `expires_at` (replacing an older answer).
pub async fn put(
    db: &Db,
    source: &str,
    key: &str,
    lang: &str,
    found: &[Found],
    expires_at: DateTime<Utc>,
) {
    let rows: Vec<Row> = found
        .iter()
        .map(|f| Row {
            label: f.place.label.clone(),
            name: f.place.name.clone(),
            postcode: f.place.postcode.clone(),
            country: f.place.country.clone(),
            lat: f.place.point.lat(),
            lon: f.place.point.lon(),
            score: f.score,
        })
        .collect();
    let Ok(places) = serde_json::to_string(&rows) else {
        return;
    };
    let result = async {
        let tx = db.begin_write().await?;
        geocode_cache::Entity::delete_many()
            .filter(geocode_cache::Column::Source.eq(source))
            .filter(geocode_cache::Column::Query.eq(key))
            .filter(geocode_cache::Column::Lang.eq(lang))
            .exec(&tx)
            .await?;
        geocode_cache::ActiveModel {
            source: Set(source.to_owned()),
            query: Set(key.to_owned()),
            lang: Set(lang.to_owned()),
            places: Set(places),
            expires_at: Set(expires_at),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        tx.commit().await
    }
    .await;
    match result {
        Ok(()) => {}
        // Another request kept the same answer at the same moment.
        Err(e) if crate::db::is_unique_violation(&e) => {}
        Err(e) => tracing::warn!(error = %e, "geocoder cache: cannot write"),
    }
}

/// Deletes the answers that expired by `now`; the number deleted.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
    // Read first: a write transaction for nothing would make the read caches start over.
    let any = geocode_cache::Entity::find()
        .filter(geocode_cache::Column::ExpiresAt.lte(now))
        .one(&db.conn)
        .await?;
    if any.is_none() {
        return Ok(0);
    }
    let tx = db.begin_write().await?;
    let deleted = geocode_cache::Entity::delete_many()
        .filter(geocode_cache::Column::ExpiresAt.lte(now))
        .exec(&tx)
        .await?
        .rows_affected;
    tx.commit().await?;
    Ok(deleted)
}
