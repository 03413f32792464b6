//! Emails written when they are sent. A large sweep (100,000 expired requests make 200,000
//! emails) would otherwise render every email, and write about 5 KB of text for each, inside
//! its write transaction. Such a row is queued with what to say (`outbox.draft`: the records it
//! is about, JSON) and empty subject and bodies; the dispatcher, once it has claimed the row,
//! writes it from the records as they are then, saves the text on the row (for the admin and
//! bounce views) and sends it.
//!
//! Only when emails are sent: captured emails (development) are rendered when queued, so that
//! `/dev/mail` shows them at once.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::outbox::{Outgoing, links_of};
use super::recipient::Recipient;
use super::templates::{Occurrence, RequestExpired};
use super::{Emails, notify};
use crate::entities::{event, offer, outbox, reservation};

/// What a draft says: the records it is written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "say", rename_all = "snake_case")]
pub enum Say {
    /// `notify::expired`, to the passenger or to the driver.
    RequestExpired { reservation: i64, to_driver: bool },
}

/// The row `email` would have been, its text left to be written when it is sent.
fn draft(say: Say, kind: crate::domain::EmailKind, record_id: i64, to: &Recipient) -> Outgoing {
    Outgoing {
        kind,
        record_id,
        version: Occurrence::Once.version(),
        to: to.person.clone(),
        reply_to: None,
        lang: to.lang,
        subject: String::new(),
        text: String::new(),
        html: String::new(),
        attachments: Vec::new(),
        unsubscribe: None,
        event_id: to.event_id,
        draft: serde_json::to_string(&say).ok(),
    }
}

/// The two expiry emails of `notify::expired` (same kind, record, recipients and versions, so
/// the same dedupe keys), to be written when sent.
pub fn expired(e: &event::Model, o: &offer::Model, r: &reservation::Model) -> [Outgoing; 2] {
    let one = |to: Recipient, to_driver| {
        let say = Say::RequestExpired {
            reservation: r.id,
            to_driver,
        };
        draft(say, RequestExpired::KIND, r.id, &to)
    };
    [
        one(Recipient::passenger(e, r), false),
        one(Recipient::driver(e, o), true),
    ]
}

/// Why a draft was not written.
#[derive(Debug)]
pub enum Unwritten {
    /// Its records are gone (erased since): there is nothing left to say.
    Gone,
    /// It cannot be read or rendered.
    Broken(String),
}

/// Writes the email a draft row says, from its records as they are now.
pub async fn write(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    draft: &str,
    now: DateTime<Utc>,
) -> Result<Result<Outgoing, Unwritten>, DbErr> {
    let say: Say = match serde_json::from_str(draft) {
        Ok(say) => say,
        Err(e) => return Ok(Err(Unwritten::Broken(format!("draft: {e}")))),
    };
    match say {
        Say::RequestExpired {
            reservation,
            to_driver,
        } => {
            let Some(r) = reservation::Entity::find_by_id(reservation)
                .one(conn)
                .await?
            else {
                return Ok(Err(Unwritten::Gone));
            };
            let Some(o) = offer::Entity::find_by_id(r.offer_id).one(conn).await? else {
                return Ok(Err(Unwritten::Gone));
            };
            let Some(e) = event::Entity::find_by_id(o.event_id).one(conn).await? else {
                return Ok(Err(Unwritten::Gone));
            };
            Ok(match notify::expired(emails, &e, &o, &r, now) {
                Ok([passenger, driver]) => Ok(if to_driver { driver } else { passenger }),
                Err(e) => Err(Unwritten::Broken(e.to_string())),
            })
        }
    }
}

/// Saves the written text on the claimed row (only while `owner` holds it) and returns the row
/// as it is to be sent.
pub async fn fill(
    conn: &impl ConnectionTrait,
    mut row: outbox::Model,
    email: Outgoing,
    owner: &str,
) -> Result<outbox::Model, DbErr> {
    let links = serde_json::to_string(&links_of(&email.text)).unwrap_or_else(|_| "[]".into());
    let attachments = serde_json::to_string(&email.attachments).unwrap_or_else(|_| "[]".into());
    let unsubscribe = email.unsubscribe.as_ref().map(|u| u.url.clone());
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Subject, Expr::value(email.subject.clone()))
        .col_expr(outbox::Column::TextBody, Expr::value(email.text.clone()))
        .col_expr(outbox::Column::HtmlBody, Expr::value(email.html.clone()))
        .col_expr(outbox::Column::Links, Expr::value(links.clone()))
        .col_expr(
            outbox::Column::Attachments,
            Expr::value(attachments.clone()),
        )
        .col_expr(
            outbox::Column::ListUnsubscribe,
            Expr::value(unsubscribe.clone()),
        )
        .col_expr(outbox::Column::Draft, Expr::value(Option::<String>::None))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(conn)
        .await?;
    row.subject = email.subject;
    row.text_body = email.text;
    row.html_body = email.html;
    row.links = links;
    row.attachments = attachments;
    row.list_unsubscribe = unsubscribe;
    row.draft = None;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_draft_says_reads_back() {
        let say = Say::RequestExpired {
            reservation: 42,
            to_driver: true,
        };
        let json = serde_json::to_string(&say).unwrap();
        assert_eq!(
            json,
            r#"{"say":"request_expired","reservation":42,"to_driver":true}"#
        );
        assert_eq!(serde_json::from_str::<Say>(&json).unwrap(), say);
    }
}
