//! Co-organisers: the organisers invite people by email, each gets an `event` link of their
//! own (`links::EventLink::CoOrganiser`), and any organiser can revoke one, after which that
//! link opens nothing. Every organiser page resolves its link here.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{Error, Result};
use crate::db::{Db, is_unique_violation};
use crate::domain::{Email, EventStatus, FieldErrors, Invalid, Lang, Name, Refusal};
use crate::entities::{co_organiser, event};
use crate::links::EventLink;
use crate::mail::{Emails, organiser as compose, outbox};

/// How many co-organisers an event may have at once.
pub const MAX_PER_EVENT: u64 = 10;

/// The event an `event` link opens, unless it is a co-organiser's link that was revoked.
pub async fn event_of(db: &Db, link_id: i64) -> Result<i64> {
    match EventLink::of(link_id) {
        EventLink::Organiser { event_id } => Ok(event_id),
        EventLink::CoOrganiser { id } => {
            let co = co_organiser::Entity::find_by_id(id)
                .one(&db.conn)
                .await?
                .ok_or(Error::NotFound)?;
            if co.revoked_at.is_some() {
                return Err(Refusal::LinkRevoked.into());
            }
            Ok(co.event_id)
        }
    }
}

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// Invited now; their link is on its way.
    Sent,
    /// This address already co-organises the event (a repeat): nothing sent again.
    Already,
}

/// Invites `name` <`email`> to co-organise event `event_id`, in `lang`.
pub async fn invite(
    db: &Db,
    emails: &Emails,
    event_id: i64,
    (name, email): (&str, &str),
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Invited> {
    let mut errors = FieldErrors::default();
    let name = errors.take("co_name", Name::parse(name));
    let email = errors.take("co_email", Email::parse(email));
    let (Some(name), Some(email)) = (name, email) else {
        return Err(Error::Invalid(errors));
    };
    let tx = db.begin_write().await?;
    let e = event::Entity::find_by_id(event_id)
        .lock_exclusive()
        .one(&tx)
        .await?
        .ok_or(Error::NotFound)?;
    if e.status == EventStatus::Cancelled {
        return Err(Refusal::EventCancelled.into());
    }
    let key = email.normalized();
    if key == e.organizer_email.to_lowercase() {
        return Ok(Invited::Already);
    }
    let active = co_organiser::Entity::find()
        .filter(co_organiser::Column::EventId.eq(event_id))
        .filter(co_organiser::Column::RevokedAt.is_null());
    if active
        .clone()
        .filter(co_organiser::Column::ActiveEmail.eq(key.as_str()))
        .count(&tx)
        .await?
        > 0
    {
        return Ok(Invited::Already);
    }
    if active.count(&tx).await? >= MAX_PER_EVENT {
        let mut errors = FieldErrors::default();
        errors.add(
            "co_email",
            Invalid::TooMany {
                max: usize::try_from(MAX_PER_EVENT).unwrap_or(usize::MAX),
            },
        );
        return Err(Error::Invalid(errors));
    }
    let row = co_organiser::ActiveModel {
        event_id: Set(event_id),
        name: Set(name.as_str().to_owned()),
        email: Set(email.as_str().to_owned()),
        active_email: Set(Some(key)),
        locale: Set(lang.code().to_owned()),
        created_at: Set(now),
        revoked_at: Set(None),
        digest: Set(false),
        ..Default::default()
    };
    let co = match row.insert(&tx).await {
        Ok(co) => co,
        // Two identical invitations raced past the check: the unique index decides.
        Err(err) if is_unique_violation(&err) => return Ok(Invited::Already),
        Err(err) => return Err(err.into()),
    };
    let queued = outbox::queue(
        &tx,
        emails,
        compose::co_organiser_invited(emails, &e, &co, now)?,
        now,
    )
    .await?;
    tx.touch(event_id);
    tx.commit().await?;
    emails.after_commit(&[queued]);
    Ok(Invited::Sent)
}

/// Revokes co-organiser `id` of event `event_id`: their link opens nothing from now on. A
/// repeat changes nothing.
pub async fn revoke(db: &Db, event_id: i64, id: i64, now: DateTime<Utc>) -> Result<()> {
    let tx = db.begin_write().await?;
    let found = co_organiser::Entity::find_by_id(id)
        .filter(co_organiser::Column::EventId.eq(event_id))
        .one(&tx)
        .await?;
    if found.is_none() {
        return Err(Error::NotFound);
    }
    co_organiser::Entity::update_many()
        .col_expr(co_organiser::Column::RevokedAt, Expr::value(now))
        .col_expr(
            co_organiser::Column::ActiveEmail,
            Expr::value(Option::<String>::None),
        )
        .filter(co_organiser::Column::Id.eq(id))
        .filter(co_organiser::Column::RevokedAt.is_null())
        .exec(&tx)
        .await?;
    tx.touch(event_id);
    tx.commit().await?;
    Ok(())
}

/// The event's co-organisers whose link works, oldest first.
pub async fn active(db: &Db, event_id: i64) -> Result<Vec<co_organiser::Model>> {
    Ok(co_organiser::Entity::find()
        .filter(co_organiser::Column::EventId.eq(event_id))
        .filter(co_organiser::Column::RevokedAt.is_null())
        .order_by_asc(co_organiser::Column::CreatedAt)
        .order_by_asc(co_organiser::Column::Id)
        .all(&db.conn)
        .await?)
}
