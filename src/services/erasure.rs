//! The one way personal data is erased, for the purge (everyone of an event) and for a person's
//! own deletion (one address in one event): names, addresses, phones, places, pickups, notes,
//! messages and every copy of the emails are blanked in place; the rows, their states, seats
//! and times stay, so that counts and statistics do not move. Runs in the caller's transaction.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use crate::domain::EmailStatus;
use crate::entities::{
    bounce, co_organiser, email_optout, email_suppression, event, need, need_alert, offer,
    organiser_message, outbox, reservation,
};

/// Whose data: everyone's of the event, or one address's (in lower case).
#[derive(Debug, Clone, Copy)]
pub enum Whom<'a> {
    Everyone,
    Address(&'a str),
}

/// What one erasure changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    /// Distinct addresses concerned.
    pub people: u64,
    /// Rows of the event, its rides, requests, needs, alerts, co-organisers and messages.
    pub rows: u64,
    /// Emails (outbox rows).
    pub emails: u64,
}

impl Erased {
    pub fn nothing(&self) -> bool {
        self.rows == 0 && self.emails == 0
    }
}

fn none<T>() -> Expr
where
    Option<T>: Into<sea_orm::Value>,
{
    Expr::value(Option::<T>::None)
}

fn blank() -> Expr {
    Expr::value("")
}

/// `lower(column) = key`.
fn is(column: impl sea_orm::sea_query::IntoColumnRef, key: &str) -> SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).eq(key)
}

mod scope;
use scope::{addresses, needs_of, offers_of, used_elsewhere};

/// Erases the personal data of `whom` in event `event_id`.
pub async fn erase(
    conn: &impl ConnectionTrait,
    event_id: i64,
    whom: Whom<'_>,
    now: DateTime<Utc>,
) -> Result<Erased, DbErr> {
    let keys: BTreeSet<String> = match whom {
        Whom::Everyone => addresses(conn, event_id).await?,
        Whom::Address(key) => BTreeSet::from([key.to_owned()]),
    };
    let mut done = Erased {
        people: keys.len() as u64,
        ..Erased::default()
    };
    let only = |c: Condition, column: SimpleExpr| match whom {
        Whom::Everyone => c,
        Whom::Address(_) => c.add(column),
    };
    let key = match whom {
        Whom::Address(key) => key,
        Whom::Everyone => "",
    };

    let organiser = event::Entity::update_many()
        .col_expr(event::Column::OrganizerName, blank())
        .col_expr(event::Column::OrganizerEmail, blank())
        .filter(only(
            Condition::all().add(event::Column::Id.eq(event_id)),
            is(event::Column::OrganizerEmail, key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    done.rows += organiser;
    done.rows += offer::Entity::update_many()
        .col_expr(offer::Column::DriverName, blank())
        .col_expr(offer::Column::DriverEmail, blank())
        .col_expr(offer::Column::DriverPhone, none::<String>())
        .col_expr(offer::Column::Place, blank())
        .col_expr(offer::Column::PlaceLat, none::<f64>())
        .col_expr(offer::Column::PlaceLon, none::<f64>())
        .col_expr(offer::Column::Notes, blank())
        .filter(only(
            Condition::all().add(offer::Column::EventId.eq(event_id)),
            is(offer::Column::DriverEmail, key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    done.rows += reservation::Entity::update_many()
        .col_expr(reservation::Column::PassengerName, blank())
        .col_expr(reservation::Column::PassengerEmail, blank())
        .col_expr(reservation::Column::PassengerPhone, none::<String>())
        .col_expr(reservation::Column::Pickup, blank())
        .col_expr(reservation::Column::PickupLat, none::<f64>())
        .col_expr(reservation::Column::PickupLon, none::<f64>())
        .col_expr(reservation::Column::Message, blank())
        .col_expr(reservation::Column::ActiveEmail, none::<String>())
        .filter(only(
            Condition::all().add(reservation::Column::OfferId.in_subquery(offers_of(event_id))),
            is(reservation::Column::PassengerEmail, key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    done.rows += need_alert::Entity::update_many()
        .col_expr(need_alert::Column::EmailKey, blank())
        .filter(only(
            Condition::all().add(need_alert::Column::NeedId.in_subquery(needs_of(event_id))),
            need_alert::Column::EmailKey.eq(key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    done.rows += need::Entity::update_many()
        .col_expr(need::Column::Name, blank())
        .col_expr(need::Column::Email, blank())
        .col_expr(need::Column::Phone, none::<String>())
        .col_expr(need::Column::Place, blank())
        .col_expr(need::Column::PlaceLat, none::<f64>())
        .col_expr(need::Column::PlaceLon, none::<f64>())
        .col_expr(need::Column::ActiveEmail, none::<String>())
        .filter(only(
            Condition::all().add(need::Column::EventId.eq(event_id)),
            is(need::Column::Email, key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    // A co-organiser erased is revoked too: their link opens nothing any more.
    co_organiser::Entity::update_many()
        .col_expr(co_organiser::Column::RevokedAt, Expr::value(now))
        .filter(only(
            Condition::all()
                .add(co_organiser::Column::EventId.eq(event_id))
                .add(co_organiser::Column::RevokedAt.is_null()),
            is(co_organiser::Column::Email, key),
        ))
        .exec(conn)
        .await?;
    done.rows += co_organiser::Entity::update_many()
        .col_expr(co_organiser::Column::Name, blank())
        .col_expr(co_organiser::Column::Email, blank())
        .col_expr(co_organiser::Column::ActiveEmail, none::<String>())
        .filter(only(
            Condition::all().add(co_organiser::Column::EventId.eq(event_id)),
            is(co_organiser::Column::Email, key),
        ))
        .exec(conn)
        .await?
        .rows_affected;
    // The organisers' messages are theirs: erased with everyone's, or with the organiser's.
    if matches!(whom, Whom::Everyone) || organiser > 0 {
        done.rows += organiser_message::Entity::update_many()
            .col_expr(organiser_message::Column::Body, blank())
            .filter(organiser_message::Column::EventId.eq(event_id))
            .filter(organiser_message::Column::Body.ne(""))
            .exec(conn)
            .await?
            .rows_affected;
    }

    // Emails: every copy about the event (for one person, those to them and those carrying
    // their contact details as Reply-To, once sent: the other party must still be told).
    let waiting = [EmailStatus::Queued, EmailStatus::Sending];
    let mut of_event = Condition::all().add(outbox::Column::EventId.eq(event_id));
    if let Whom::Address(key) = whom {
        of_event = of_event.add(
            Condition::any()
                .add(outbox::Column::RecipientKey.eq(key))
                .add(
                    Condition::all()
                        .add(is(outbox::Column::ReplyToEmail, key))
                        .add(outbox::Column::Status.is_not_in(waiting)),
                ),
        );
    }
    let mut ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(of_event)
        .filter(outbox::Column::RecipientEmail.ne(""))
        .into_tuple()
        .all(conn)
        .await?;
    // Addresses found in no other event whose data is kept: what is filed under the address
    // alone (bounces, suppressions, stops, emails about no one event) goes with them.
    let mut orphans = Vec::new();
    for key in &keys {
        if !used_elsewhere(conn, event_id, key).await? {
            orphans.push(key.clone());
        }
    }
    if !orphans.is_empty() {
        let loose: Vec<i64> = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::Id)
            .filter(outbox::Column::EventId.is_null())
            .filter(outbox::Column::RecipientKey.is_in(orphans.clone()))
            .into_tuple()
            .all(conn)
            .await?;
        ids.extend(loose);
        email_suppression::Entity::delete_many()
            .filter(email_suppression::Column::EmailKey.is_in(orphans.clone()))
            .exec(conn)
            .await?;
        email_optout::Entity::delete_many()
            .filter(email_optout::Column::EmailKey.is_in(orphans.clone()))
            .exec(conn)
            .await?;
    }
    for chunk in ids.chunks(500) {
        done.emails += erase_emails(conn, chunk, now).await?;
    }
    let mut bounced = Condition::any();
    for chunk in ids.chunks(500) {
        bounced = bounced.add(bounce::Column::OutboxId.is_in(chunk.to_vec()));
    }
    if !orphans.is_empty() {
        bounced = bounced.add(bounce::Column::EmailKey.is_in(orphans));
    }
    if !bounced.is_empty() {
        bounce::Entity::update_many()
            .col_expr(bounce::Column::EmailKey, blank())
            .col_expr(bounce::Column::Status, blank())
            .col_expr(bounce::Column::Diagnostic, blank())
            .col_expr(bounce::Column::Source, blank())
            .filter(bounced)
            .exec(conn)
            .await?;
    }
    Ok(done)
}

/// Blanks the emails `ids`; those not sent yet never will be.
async fn erase_emails(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Failed))
        .col_expr(outbox::Column::LeaseOwner, none::<String>())
        .col_expr(outbox::Column::LeaseUntil, none::<DateTime<Utc>>())
        .filter(outbox::Column::Id.is_in(ids.to_vec()))
        .filter(outbox::Column::Status.is_in([EmailStatus::Queued, EmailStatus::Sending]))
        .exec(conn)
        .await?;
    Ok(outbox::Entity::update_many()
        .col_expr(
            outbox::Column::DedupeKey,
            crate::db::portable::erased_key(conn),
        )
        .col_expr(outbox::Column::RecipientEmail, blank())
        .col_expr(outbox::Column::RecipientKey, none::<String>())
        .col_expr(outbox::Column::RecipientName, blank())
        .col_expr(outbox::Column::ReplyToEmail, none::<String>())
        .col_expr(outbox::Column::ReplyToName, none::<String>())
        .col_expr(outbox::Column::Subject, blank())
        .col_expr(outbox::Column::TextBody, blank())
        .col_expr(outbox::Column::HtmlBody, blank())
        .col_expr(outbox::Column::Attachments, Expr::value("[]"))
        .col_expr(outbox::Column::Links, Expr::value("[]"))
        .col_expr(outbox::Column::Draft, none::<String>())
        .col_expr(outbox::Column::LastError, none::<String>())
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.is_in(ids.to_vec()))
        // Re-checked after a concurrent erasure's commit: a row is counted once.
        .filter(outbox::Column::RecipientEmail.ne(""))
        .exec(conn)
        .await?
        .rows_affected)
}
