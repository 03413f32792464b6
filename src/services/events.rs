//! Creating an event and reading it with its offers.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::{Db, is_unique_violation};
use crate::domain::Slug;
use crate::entities::{event, offer};
use crate::error::AppError;
use crate::mail::{Mailer, compose, outbox};
use crate::services::input::NewEvent;

pub async fn create(
    db: &Db,
    mailer: &Mailer,
    new: NewEvent,
    now: DateTime<Utc>,
) -> Result<event::Model, AppError> {
    // A slug carries 30 random bits: a clash is rare, and simply retried.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = db.begin_write().await?;
        let row = event::ActiveModel {
            slug: Set(Slug::generate(&new.name).as_str().to_owned()),
            name: Set(new.name.clone()),
            venue: Set(new.venue.clone()),
            starts_at: Set(new.starts_at),
            timezone: Set(new.timezone.name().to_owned()),
            organizer_name: Set(new.organizer_name.as_str().to_owned()),
            organizer_email: Set(new.organizer_email.as_str().to_owned()),
            locale: Set(new.locale.code().to_owned()),
            created_at: Set(now),
            ..Default::default()
        };
        match row.insert(&tx.tx).await {
            Ok(model) => {
                let queued = outbox::queue(
                    &tx.tx,
                    mailer,
                    compose::event_created(mailer, &model, now)?,
                    now,
                )
                .await?;
                tx.commit().await?;
                mailer.after_commit(&[queued]);
                return Ok(model);
            }
            Err(e) if is_unique_violation(&e) && attempt < 5 => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<event::Model, AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    event::Entity::find()
        .filter(event::Column::Slug.eq(slug.as_str()))
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The event and its offers (all of them, cancelled included, by departure time).
pub async fn with_offers(
    db: &Db,
    slug: &str,
) -> Result<(event::Model, Vec<offer::Model>), AppError> {
    let event = by_slug(db, slug).await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::EventId.eq(event.id))
        .order_by_asc(offer::Column::DepartsAt)
        .order_by_asc(offer::Column::Id)
        .all(&db.conn)
        .await?;
    Ok((event, offers))
}
