//! Emails written when they are sent. A large sweep (100,000 expired requests make 200,000
//! emails) would otherwise render every email, and write about 5 KB of text for each, inside
//! its write transaction. Such a row is queued with what to say (`outbox.draft`: the records it
//! is about, JSON) and empty subject and bodies; the dispatcher, once it has claimed the row,
//! writes it from the records as they are then and sends it, and saves the text on the row
//! with the send's outcome (for the admin and bounce views, and for a retry, which sends the
//! same text).
//!
//! Only when emails are sent: captured emails (development) are rendered when queued, so that
//! `/dev/mail` shows them at once.
use std::collections::HashMap;

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

/// Writes the drafts of claimed rows (`(row id, draft)`), from their records as they are now:
/// the records of all of them are read in three statements (requests, rides, events), and a
/// request's two expiry emails are rendered once for both. Every row gets its answer.
pub async fn write_many(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    drafts: &[(i64, &str)],
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Result<Outgoing, Unwritten>>, DbErr> {
    let mut said = Vec::with_capacity(drafts.len());
    let mut written = HashMap::with_capacity(drafts.len());
    for (id, text) in drafts {
        match serde_json::from_str::<Say>(text) {
            Ok(say) => said.push((*id, say)),
            Err(e) => {
                written.insert(*id, Err(Unwritten::Broken(format!("draft: {e}"))));
            }
        }
    }
    let wanted: Vec<i64> = said
        .iter()
        .map(|(_, Say::RequestExpired { reservation, .. })| *reservation)
        .collect();
    let requests = by_id(
        reservation::Entity::find()
            .filter(reservation::Column::Id.is_in(dedup(wanted)))
            .all(conn)
            .await?,
        |r| r.id,
    );
    let offers = by_id(
        offer::Entity::find()
            .filter(offer::Column::Id.is_in(dedup(requests.values().map(|r| r.offer_id))))
            .all(conn)
            .await?,
        |o| o.id,
    );
    let events = by_id(
        event::Entity::find()
            .filter(event::Column::Id.is_in(dedup(offers.values().map(|o| o.event_id))))
            .all(conn)
            .await?,
        |e| e.id,
    );
    // Both emails of a request, rendered at its first draft and taken by each.
    let mut rendered: HashMap<i64, [Option<Outgoing>; 2]> = HashMap::new();
    for (
        id,
        Say::RequestExpired {
            reservation,
            to_driver,
        },
    ) in said
    {
        let records = requests.get(&reservation).and_then(|r| {
            let o = offers.get(&r.offer_id)?;
            Some((events.get(&o.event_id)?, o, r))
        });
        let Some((e, o, r)) = records else {
            written.insert(id, Err(Unwritten::Gone));
            continue;
        };
        let pair = match rendered.entry(reservation) {
            std::collections::hash_map::Entry::Occupied(pair) => pair.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                match notify::expired(emails, e, o, r, now) {
                    Ok([passenger, driver]) => slot.insert([Some(passenger), Some(driver)]),
                    Err(e) => {
                        written.insert(id, Err(Unwritten::Broken(e.to_string())));
                        continue;
                    }
                }
            }
        };
        let side = &mut pair[usize::from(to_driver)];
        // A second row saying the same (never queued: the dedupe key forbids it) is rendered again.
        let email = match side.take() {
            Some(email) => Ok(email),
            None => notify::expired(emails, e, o, r, now)
                .map(|[passenger, driver]| if to_driver { driver } else { passenger })
                .map_err(|e| Unwritten::Broken(e.to_string())),
        };
        written.insert(id, email);
    }
    Ok(written)
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i64) -> HashMap<i64, T> {
    rows.into_iter().map(|row| (id(&row), row)).collect()
}

fn dedup(ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The claimed row as it is to be sent, with the text written for it; `written` is then true,
/// and the text is saved on the row when its outcome is (`saved_text`).
pub fn fill(mut row: outbox::Model, email: Outgoing) -> outbox::Model {
    row.links = serde_json::to_string(&links_of(&email.text)).unwrap_or_else(|_| "[]".into());
    row.attachments = serde_json::to_string(&email.attachments).unwrap_or_else(|_| "[]".into());
    row.list_unsubscribe = email.unsubscribe.map(|u| u.url);
    row.subject = email.subject;
    row.text_body = email.text;
    row.html_body = email.html;
    row.draft = None;
    row
}

/// The columns that save a written draft's text on its row (and clear the draft), added to the
/// update that records how its send went.
pub fn saved_text(
    update: sea_orm::UpdateMany<outbox::Entity>,
    row: &outbox::Model,
) -> sea_orm::UpdateMany<outbox::Entity> {
    update
        .col_expr(outbox::Column::Subject, Expr::value(row.subject.clone()))
        .col_expr(outbox::Column::TextBody, Expr::value(row.text_body.clone()))
        .col_expr(outbox::Column::HtmlBody, Expr::value(row.html_body.clone()))
        .col_expr(outbox::Column::Links, Expr::value(row.links.clone()))
        .col_expr(
            outbox::Column::Attachments,
            Expr::value(row.attachments.clone()),
        )
        .col_expr(
            outbox::Column::ListUnsubscribe,
            Expr::value(row.list_unsubscribe.clone()),
        )
        .col_expr(outbox::Column::Draft, Expr::value(Option::<String>::None))
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
