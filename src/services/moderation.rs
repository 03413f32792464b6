//! The operator's hand on an abusive event: hide it (its public page and the API answer "not
//! available"; its organisers still reach it through their links) or delete it (every ride and
//! request ended, everyone involved told once, the organisers told, and its personal data
//! erased by the next purge once those emails are sent).
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Error, Result, co_organisers, organiser};
use crate::db::Db;
use crate::domain::{EventStatus, Slug};
use crate::entities::event;
use crate::mail::recipient::Recipient;
use crate::mail::{Emails, organiser as compose, outbox};

async fn find(db: &Db, slug: &str) -> Result<event::Model> {
    let slug = Slug::parse(slug).ok_or(Error::NotFound)?;
    event::Entity::find()
        .filter(event::Column::Slug.eq(slug.as_str()))
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)
}

/// Hides (or shows again) the event; `false` when it already was so.
pub async fn set_hidden(db: &Db, slug: &str, hidden: bool, now: DateTime<Utc>) -> Result<bool> {
    let e = find(db, slug).await?;
    let tx = db.begin_write().await?;
    let mut update = event::Entity::update_many().filter(event::Column::Id.eq(e.id));
    update = if hidden {
        update
            .col_expr(event::Column::HiddenAt, Expr::value(now))
            .filter(event::Column::HiddenAt.is_null())
    } else {
        update
            .col_expr(
                event::Column::HiddenAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(event::Column::HiddenAt.is_not_null())
            // A deleted event stays hidden.
            .filter(event::Column::DeletedAt.is_null())
    };
    let changed = update.exec(&tx).await?.rows_affected == 1;
    tx.touch(e.id);
    tx.commit().await?;
    Ok(changed)
}

/// Deletes the event, once: `false` when it already was.
pub async fn delete(db: &Db, emails: &Emails, slug: &str, now: DateTime<Utc>) -> Result<bool> {
    let e = find(db, slug).await?;
    let tx = db.begin_write().await?;
    let claimed = event::Entity::update_many()
        .col_expr(event::Column::DeletedAt, Expr::value(now))
        .col_expr(event::Column::HiddenAt, Expr::value(now))
        .filter(event::Column::Id.eq(e.id))
        .filter(event::Column::DeletedAt.is_null())
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    tx.touch(e.id);
    tx.commit().await?;
    // Riders and drivers: the cancellation, with its usual emails (once: it is conditional on
    // the event being open). An event already over or cancelled has nobody left to tell.
    if e.status == EventStatus::Open && e.starts_at > now {
        match organiser::cancel(db, emails, e.id, "", now).await {
            Ok(_) | Err(Error::Refused(_)) => {}
            Err(other) => return Err(other),
        }
    }
    // The organisers: their event is gone (once each: the emails' dedupe keys).
    let e = events_row(db, e.id).await?;
    let mut to = vec![Recipient::organiser(&e)];
    for co in co_organisers::active(db, e.id).await? {
        to.push(Recipient::co_organiser(&e, &co));
    }
    let tx = db.begin_write().await?;
    let mut queued = Vec::new();
    for r in &to {
        let email = compose::event_removed(emails, &e, r)?;
        queued.push(outbox::queue(&tx, emails, email, now).await?);
    }
    tx.commit().await?;
    emails.after_commit(&queued);
    Ok(true)
}

async fn events_row(db: &Db, id: i64) -> Result<event::Model> {
    event::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The events hidden or deleted, as /admin lists them: (slug, name, deleted).
pub async fn hidden(db: &Db) -> Result<Vec<(String, String, bool)>> {
    Ok(event::Entity::find()
        .filter(event::Column::HiddenAt.is_not_null())
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|e| (e.slug, e.name, e.deleted_at.is_some()))
        .collect())
}
