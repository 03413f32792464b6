//! Queueing an email: one row, in the transaction of the change that causes it, unique on
//! (kind, record, recipient, version). Acknowledgements (what anyone can make covoit send to
//! any address by filling a form with it) are capped per address and hour, across instances,
//! so that covoit cannot be used to flood somebody's mailbox; past the cap the change is still
//! saved and the page shows the person their link instead.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Asterisk, Expr, Func, OnConflict, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, QueryTrait, Set, Statement,
};
use serde::{Deserialize, Serialize};

use super::Emails;
use crate::domain::{EmailKind, EmailStatus, Lang};
use crate::entities::{email_optout, outbox};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// A rendered email ready to be queued.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub kind: EmailKind,
    pub record_id: i64,
    pub version: i32,
    pub to: Person,
    pub reply_to: Option<Person>,
    pub lang: Lang,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
    /// For emails one can stop: what a stop covers, and the one-click address.
    pub unsubscribe: Option<Unsubscribe>,
    /// The event the email is about, if one.
    pub event_id: Option<i64>,
    /// Written when it is sent: what to say (see `draft`); subject and bodies are empty.
    pub draft: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Unsubscribe {
    pub optout: crate::domain::OptOut,
    pub url: String,
}

/// What was queued, for the after-commit log (dev mode) and wake-up.
#[derive(Debug, Clone)]
pub struct Queued {
    /// False when the same email (same dedupe key) was already queued, or when it was not sent
    /// because its address had too many acknowledgements lately: nothing was added.
    pub inserted: bool,
    /// Not queued: the address reached its hourly cap of acknowledgements.
    pub suppressed: bool,
    pub to: String,
    pub subject: String,
    pub links: Vec<String>,
}

pub fn dedupe_key(kind: EmailKind, record_id: i64, recipient: &str, version: i32) -> String {
    format!("{kind}:{record_id}:{}:{version}", recipient.to_lowercase())
}

/// Every http(s) link of a text part.
pub fn links_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|w| {
            w.find("https://")
                .or_else(|| w.find("http://"))
                .map(|i| &w[i..])
        })
        .map(|w| w.trim_end_matches(['.', ',', ')', '>', ';']).to_owned())
        .collect()
}

/// The row of one email, what to say of it once queued, and its (new, random) message id.
fn row_for(
    emails: &Emails,
    email: Outgoing,
    now: DateTime<Utc>,
) -> (outbox::ActiveModel, Queued, String) {
    let key = dedupe_key(email.kind, email.record_id, &email.to.email, email.version);
    let links = links_of(&email.text);
    let status = if emails.captures() {
        EmailStatus::Captured
    } else {
        EmailStatus::Queued
    };
    let message_id = format!(
        "<{}.{}.{:016x}@{}>",
        email.kind.as_str().replace('_', "-"),
        email.record_id,
        rand::random::<u64>(),
        emails.domain
    );
    let row = outbox::ActiveModel {
        kind: Set(email.kind),
        record_id: Set(email.record_id),
        version: Set(email.version),
        dedupe_key: Set(key),
        recipient_email: Set(email.to.email.clone()),
        recipient_key: Set(Some(email.to.email.to_lowercase())),
        recipient_name: Set(email.to.name.clone()),
        reply_to_email: Set(email.reply_to.as_ref().map(|p| p.email.clone())),
        reply_to_name: Set(email.reply_to.as_ref().map(|p| p.name.clone())),
        locale: Set(email.lang.code().to_owned()),
        subject: Set(email.subject.clone()),
        text_body: Set(email.text),
        html_body: Set(email.html),
        attachments: Set(serde_json::to_string(&email.attachments).unwrap_or_else(|_| "[]".into())),
        links: Set(serde_json::to_string(&links).unwrap_or_else(|_| "[]".into())),
        status: Set(status),
        attempts: Set(0),
        next_attempt_at: Set(now),
        lease_owner: Set(None),
        lease_until: Set(None),
        last_error: Set(None),
        message_id: Set(message_id.clone()),
        list_unsubscribe: Set(email.unsubscribe.as_ref().map(|u| u.url.clone())),
        created_at: Set(now),
        updated_at: Set(now),
        sent_at: Set(None),
        event_id: Set(email.event_id),
        draft: Set(email.draft),
        ..Default::default()
    };
    let queued = Queued {
        inserted: true,
        suppressed: false,
        to: email.to.email,
        subject: email.subject,
        links,
    };
    (row, queued, message_id)
}

fn on_dedupe_key() -> OnConflict {
    OnConflict::column(outbox::Column::DedupeKey)
        .do_nothing()
        .to_owned()
}

/// Acknowledgements each address (lower case) got in the last hour, as the caller already
/// read them in its transaction.
pub type AckCounts = Vec<(String, u64)>;

/// The acknowledgements the address `key` (lower case) got in the last hour.
fn acks_of(key: &str, now: DateTime<Utc>) -> sea_orm::Select<outbox::Entity> {
    outbox::Entity::find()
        .filter(outbox::Column::RecipientKey.eq(key))
        .filter(outbox::Column::CreatedAt.gt(now - Duration::hours(1)))
        .filter(outbox::Column::Kind.is_in(EmailKind::ACKNOWLEDGEMENTS))
}

/// How many acknowledgements the address `key` (lower case) got in the last hour.
async fn recent_acks(
    conn: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    acks_of(key, now).count(conn).await
}

/// `SELECT COUNT(*)` of the acknowledgements the address `key` (lower case) got in the last
/// hour, for a caller that reads it with its own statement (a booking, with its ride).
pub fn recent_acks_query(key: &str, now: DateTime<Utc>) -> SelectStatement {
    acks_of(key, now)
        .select_only()
        .expr(Func::count(Expr::col(Asterisk)))
        .into_query()
}

/// Queues one email in the caller's transaction; a second identical email is not added, nor an
/// acknowledgement past its address's hourly cap.
pub async fn queue(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    email: Outgoing,
    now: DateTime<Utc>,
) -> Result<Queued, DbErr> {
    let mut all = queue_all(conn, emails, vec![email], now).await?;
    all.pop()
        .ok_or_else(|| DbErr::Custom("an email went missing while queued".into()))
}

/// Queues the emails of one change in the caller's transaction, as `queue` would one by one,
/// with one `INSERT` for all of them: the acknowledgement cap and the stops are checked first
/// (a statement each, only for the emails they concern).
pub async fn queue_all(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    batch: Vec<Outgoing>,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, DbErr> {
    queue_all_counted(conn, emails, batch, now, AckCounts::new()).await
}

/// `queue_all`, the recent acknowledgements of the addresses in `acks` already counted in
/// the caller's transaction (one statement fewer for each).
pub async fn queue_all_counted(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    batch: Vec<Outgoing>,
    now: DateTime<Utc>,
    acks: AckCounts,
) -> Result<Vec<Queued>, DbErr> {
    let mut all = Vec::with_capacity(batch.len());
    let mut rows = Vec::with_capacity(batch.len());
    // Acknowledgements queued by this batch count towards their address's cap.
    let mut acks = acks;
    // Each row's message id and its place in `all`.
    let mut ids = Vec::with_capacity(batch.len());
    for email in batch {
        if EmailKind::ACKNOWLEDGEMENTS.contains(&email.kind) && emails.ack_cap > 0 {
            let key = email.to.email.to_lowercase();
            let slot = match acks.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    let recent = recent_acks(conn, &key, now).await?;
                    acks.push((key, recent));
                    acks.len() - 1
                }
            };
            if acks[slot].1 >= u64::from(emails.ack_cap) {
                tracing::warn!(
                    kind = email.kind.as_str(),
                    "acknowledgement not sent: its address reached the hourly cap"
                );
                all.push(Queued {
                    inserted: false,
                    suppressed: true,
                    to: email.to.email,
                    subject: email.subject,
                    links: Vec::new(),
                });
                continue;
            }
            acks[slot].1 += 1;
        }
        if stopped(conn, &email).await? {
            all.push(not_queued(email));
            continue;
        }
        let (row, queued, message_id) = row_for(emails, email, now);
        rows.push(row);
        ids.push((message_id, all.len()));
        all.push(queued);
    }
    if rows.is_empty() {
        return Ok(all);
    }
    let wanted = rows.len() as u64;
    let added = crate::db::portable::insert(
        conn,
        outbox::Entity::insert_many(rows).on_conflict(on_dedupe_key()),
    )
    .await?;
    if added < wanted {
        // Some were queued already (a replay): which ones were added is read back by their
        // message ids, which are new to this batch. Rare, so not worth a statement otherwise.
        let found: Vec<String> = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::MessageId)
            .filter(outbox::Column::MessageId.is_in(ids.iter().map(|(m, _)| m.clone())))
            .into_tuple()
            .all(conn)
            .await?;
        for (message_id, i) in ids {
            all[i].inserted = found.contains(&message_id);
        }
    }
    Ok(all)
}

/// The person stopped this family of emails for this trip or event.
async fn stopped(conn: &impl ConnectionTrait, email: &Outgoing) -> Result<bool, DbErr> {
    let Some(u) = &email.unsubscribe else {
        return Ok(false);
    };
    let found = email_optout::Entity::find()
        .filter(email_optout::Column::EmailKey.eq(email.to.email.to_lowercase()))
        .filter(email_optout::Column::Grp.eq(u.optout.group.as_str()))
        .filter(email_optout::Column::Scope.eq(u.optout.scope.kind()))
        .filter(email_optout::Column::ScopeId.eq(u.optout.scope.id()))
        .count(conn)
        .await?;
    Ok(found > 0)
}

impl Outgoing {
    /// An email one can stop: the one-click address in its text part (its HTML part has it from
    /// `Common::stoppable`) and in its `List-Unsubscribe` header.
    pub fn stoppable(mut self, u: Option<Unsubscribe>) -> Outgoing {
        let Some(u) = u else { return self };
        let t = crate::i18n::T::get(self.lang);
        self.text = format!(
            "{}\n\n{}\n{}\n",
            self.text.trim_end(),
            t.label("mail-unsubscribe"),
            u.url
        );
        self.unsubscribe = Some(u);
        self
    }
}

fn not_queued(email: Outgoing) -> Queued {
    Queued {
        inserted: false,
        suppressed: false,
        to: email.to.email,
        subject: email.subject,
        links: Vec::new(),
    }
}

/// Queues many emails with one statement per 500 (the sweeps' batches).
pub async fn queue_many(
    conn: &impl ConnectionTrait,
    emails: &Emails,
    batch: Vec<Outgoing>,
    now: DateTime<Utc>,
) -> Result<Vec<Queued>, DbErr> {
    let mut all = Vec::with_capacity(batch.len());
    let mut rows = Vec::with_capacity(batch.len());
    for email in batch {
        if stopped(conn, &email).await? {
            all.push(not_queued(email));
            continue;
        }
        let (row, queued, _) = row_for(emails, email, now);
        rows.push(row);
        all.push(queued);
    }
    if conn.get_database_backend() != DbBackend::MySql {
        insert_json(conn, &rows, now).await?;
        return Ok(all);
    }
    // 500 rows × 28 columns stays under the databases' bound-parameter limits.
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(500));
        let chunk = std::mem::replace(&mut rows, rest);
        crate::db::portable::insert(
            conn,
            outbox::Entity::insert_many(chunk).on_conflict(on_dedupe_key()),
        )
        .await?;
    }
    Ok(all)
}

/// The columns that differ from one queued email to the next, in `json_row`'s order, and the
/// ones PostgreSQL is told are numbers.
const JSON_COLUMNS: &str = "kind, record_id, version, dedupe_key, recipient_email, \
    recipient_key, recipient_name, reply_to_email, reply_to_name, locale, subject, text_body, \
    html_body, attachments, links, message_id, list_unsubscribe, event_id, draft";
const JSON_NUMBERS: [usize; 3] = [1, 2, 17];

fn json_row(r: &outbox::ActiveModel) -> serde_json::Value {
    serde_json::json!([
        r.kind.try_as_ref().map(|k| k.as_str()),
        r.record_id.try_as_ref(),
        r.version.try_as_ref(),
        r.dedupe_key.try_as_ref(),
        r.recipient_email.try_as_ref(),
        r.recipient_key.try_as_ref(),
        r.recipient_name.try_as_ref(),
        r.reply_to_email.try_as_ref(),
        r.reply_to_name.try_as_ref(),
        r.locale.try_as_ref(),
        r.subject.try_as_ref(),
        r.text_body.try_as_ref(),
        r.html_body.try_as_ref(),
        r.attachments.try_as_ref(),
        r.links.try_as_ref(),
        r.message_id.try_as_ref(),
        r.list_unsubscribe.try_as_ref(),
        r.event_id.try_as_ref(),
        r.draft.try_as_ref(),
    ])
}

/// A sweep's emails in one statement whatever their number (SQLite and PostgreSQL): the rows
/// travel as one JSON parameter that the database takes apart (`json_each`,
/// `jsonb_array_elements`), instead of 28 bound values per row, which sea-query and sqlx copied
/// and converted one by one (most of a large sweep's time). The rest of each row is the same
/// for all: status, no attempt yet, due and created `now`.
async fn insert_json(
    conn: &impl ConnectionTrait,
    rows: &[outbox::ActiveModel],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(status) = rows.first().and_then(|r| r.status.try_as_ref()) else {
        return Ok(());
    };
    let backend = conn.get_database_backend();
    let json = serde_json::Value::Array(rows.iter().map(json_row).collect()).to_string();
    let picks: Vec<String> = (0..19)
        .map(|i| match backend {
            DbBackend::Postgres if JSON_NUMBERS.contains(&i) => format!("(value ->> {i})::bigint"),
            DbBackend::Postgres => format!("value ->> {i}"),
            _ => format!("row ->> {i}"),
        })
        .collect();
    // SQLite: each row is turned into its binary form once (a materialized view), not once
    // per column read from it.
    let (rows_of, params, from) = match backend {
        DbBackend::Postgres => (
            "",
            "$2, 0, $3, $4, $5",
            "jsonb_array_elements($1::jsonb) AS rows(value)",
        ),
        _ => (
            "WITH rows(row) AS MATERIALIZED (SELECT jsonb(value) FROM json_each(?)) ",
            "?, 0, ?, ?, ?",
            "rows WHERE true",
        ),
    };
    let sql = format!(
        "{rows_of}INSERT INTO outbox ({JSON_COLUMNS}, status, attempts, next_attempt_at, \
         created_at, updated_at) SELECT {}, {params} FROM {from} \
         ON CONFLICT (dedupe_key) DO NOTHING",
        picks.join(", ")
    );
    let values: [sea_orm::Value; 5] = [
        json.into(),
        status.as_str().into(),
        now.into(),
        now.into(),
        now.into(),
    ];
    conn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_in_text() {
        let text = "Voir https://covoit.test/o/1. Ou (https://covoit.test/e/x) puis http://a.b/c";
        assert_eq!(
            links_of(text),
            vec![
                "https://covoit.test/o/1",
                "https://covoit.test/e/x",
                "http://a.b/c"
            ]
        );
    }

    #[test]
    fn dedupe_keys_ignore_address_case() {
        assert_eq!(
            dedupe_key(EmailKind::RequestSent, 1, "A@B.fr", 0),
            dedupe_key(EmailKind::RequestSent, 1, "a@b.FR", 0)
        );
        assert_ne!(
            dedupe_key(EmailKind::RequestSent, 1, "a@b.fr", 0),
            dedupe_key(EmailKind::RequestSent, 1, "a@b.fr", 1)
        );
    }
}
