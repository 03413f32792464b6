//! Operators' sessions, kept in the database: opened at login with a random token (only its
//! hash is stored), valid until they expire or the operator logs out, on every instance.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::Result;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::entities::admin_session;

/// How long a session lasts from login.
pub const LIFETIME: Duration = Duration::hours(12);

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Opens a session; returns its token (for the cookie). Expired sessions are cleared on the way.
pub async fn open(db: &Db, now: DateTime<Utc>) -> Result<String> {
    let token = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let tx = db.begin_write().await?;
    admin_session::Entity::delete_many()
        .filter(admin_session::Column::ExpiresAt.lte(now))
        .exec(&tx)
        .await?;
    admin_session::Entity::insert(admin_session::ActiveModel {
        token_hash: Set(hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME),
    })
    .exec_without_returning(&tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Whether `token` is a live session.
pub async fn valid(db: &Db, token: &str, now: DateTime<Utc>) -> Result<bool> {
    if token.len() > 100 {
        return Ok(false);
    }
    Ok(admin_session::Entity::find_by_id(hash(token))
        .filter(admin_session::Column::ExpiresAt.gt(now))
        .one(&db.conn)
        .await?
        .is_some())
}

/// Ends a session (logout).
pub async fn close(db: &Db, token: &str) -> Result<()> {
    let tx = db.begin_write().await?;
    admin_session::Entity::delete_by_id(hash(token))
        .exec(&tx)
        .await?;
    Ok(tx.commit().await?)
}
