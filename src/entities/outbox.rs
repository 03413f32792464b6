//! An email waiting to be sent, being sent, sent, failed, or captured (dev mode).
use sea_orm::entity::prelude::*;

use crate::domain::{EmailKind, EmailStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: EmailKind,
    pub record_id: i64,
    pub version: i32,
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub recipient_email: String,
    /// The address in lower case (NULL only on rows from before it existed).
    pub recipient_key: Option<String>,
    pub recipient_name: String,
    pub reply_to_email: Option<String>,
    pub reply_to_name: Option<String>,
    pub locale: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// JSON: `[{"filename", "content_type", "content"}]` (content as text).
    pub attachments: String,
    /// JSON list of the links in the text part (shown in dev mode and the admin view).
    pub links: String,
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub message_id: String,
    /// The one-click unsubscribe address (`List-Unsubscribe`), for reminders and alerts.
    pub list_unsubscribe: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// The event the email is about (NULL for emails about no one event): the purge erases
    /// every email of an event.
    pub event_id: Option<i64>,
    /// What to say, when the email is written at sending (JSON, see `mail::draft`): until then
    /// its subject and bodies are empty.
    pub draft: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
