//! Turning an outbox row into a MIME message: multipart text + HTML (+ attachments), Date,
//! Message-ID, Auto-Submitted, Reply-To. Names and subjects are encoded by lettre, never
//! written raw into a header.
use std::time::SystemTime;

use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};

use super::outbox::Attachment;
use crate::entities::outbox;

/// Header text on one line: inputs are validated already, this is the last line of defence.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn mailbox(name: &str, email: &str) -> Result<Mailbox, String> {
    let address = one_line(email)
        .parse()
        .map_err(|e| format!("address {email:?}: {e}"))?;
    let name = one_line(name);
    Ok(Mailbox::new((!name.is_empty()).then_some(name), address))
}

/// RFC 2047 encoded words (base64, UTF-8), folded; used for a subject that contains `=?`,
/// which lettre would otherwise write as is and mail clients would then decode as if it were
/// an encoded word of ours.
fn encoded_words(text: &str) -> String {
    use base64::Engine;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 39 bytes → 52 base64 characters: each line stays under 78 characters.
        if chunk.len() + c.len_utf8() > 39 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| {
            format!(
                "=?utf-8?b?{}?=",
                base64::engine::general_purpose::STANDARD.encode(w)
            )
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}

fn subject_header(subject: &str) -> Option<HeaderValue> {
    subject.contains("=?").then(|| {
        HeaderValue::dangerous_new_pre_encoded(
            HeaderName::new_from_ascii_str("Subject"),
            subject.to_owned(),
            encoded_words(subject),
        )
    })
}

fn raw_header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_owned())
}

/// What a message is made of, whether it comes from the outbox or not.
pub struct Parts<'a> {
    pub to_name: &'a str,
    pub to_email: &'a str,
    /// (name, email)
    pub reply_to: Option<(&'a str, &'a str)>,
    pub locale: &'a str,
    pub subject: &'a str,
    pub text: String,
    pub html: String,
    pub attachments: Vec<Attachment>,
    pub message_id: String,
    /// One-click unsubscribe (RFC 8058).
    pub list_unsubscribe: Option<&'a str>,
}

impl<'a> Parts<'a> {
    pub fn of_row(row: &'a outbox::Model) -> Parts<'a> {
        Parts {
            to_name: &row.recipient_name,
            to_email: &row.recipient_email,
            reply_to: row
                .reply_to_email
                .as_deref()
                .map(|email| (row.reply_to_name.as_deref().unwrap_or(""), email)),
            locale: &row.locale,
            subject: &row.subject,
            text: row.text_body.clone(),
            html: row.html_body.clone(),
            attachments: serde_json::from_str(&row.attachments).unwrap_or_default(),
            message_id: row.message_id.clone(),
            list_unsubscribe: row.list_unsubscribe.as_deref(),
        }
    }
}

pub fn build(row: &outbox::Model, from: &Mailbox) -> Result<Message, String> {
    build_parts(Parts::of_row(row), from)
}

pub fn build_parts(parts: Parts<'_>, from: &Mailbox) -> Result<Message, String> {
    let subject = one_line(parts.subject);
    let mut builder = Message::builder()
        .from(from.clone())
        .to(mailbox(parts.to_name, parts.to_email)?);
    builder = match subject_header(&subject) {
        Some(encoded) => builder.raw_header(encoded),
        None => builder.subject(subject),
    };
    let mut builder = builder
        .date(SystemTime::now())
        .message_id(Some(parts.message_id))
        .raw_header(raw_header("Auto-Submitted", "auto-generated"))
        // Keeps Exchange/Outlook out-of-office replies away from the sender address.
        .raw_header(raw_header("X-Auto-Response-Suppress", "All"))
        .raw_header(raw_header("Content-Language", &one_line(parts.locale)));
    if let Some(url) = parts.list_unsubscribe {
        builder = builder
            .raw_header(raw_header(
                "List-Unsubscribe",
                &format!("<{}>", one_line(url)),
            ))
            .raw_header(raw_header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click",
            ));
    }
    if let Some((name, email)) = parts.reply_to {
        builder = builder.reply_to(mailbox(name, email)?);
    }
    let mut alternative = MultiPart::alternative_plain_html(parts.text, parts.html);
    // A calendar entry (iTIP) also goes inline, as the last alternative: mail apps show it as
    // an invitation card and update the entry; the attached copy is for the others.
    for a in parts
        .attachments
        .iter()
        .filter(|a| a.content_type.starts_with("text/calendar"))
    {
        let content_type = ContentType::parse(&a.content_type).map_err(|e| e.to_string())?;
        alternative = alternative.singlepart(
            SinglePart::builder()
                .header(content_type)
                .header(ContentTransferEncoding::Base64)
                .body(a.content.clone()),
        );
    }
    let body = if parts.attachments.is_empty() {
        alternative
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for a in parts.attachments {
            let content_type = if a.content_type.starts_with("text/calendar") {
                ContentType::parse("application/ics")
            } else {
                ContentType::parse(&a.content_type)
            }
            .map_err(|e| e.to_string())?;
            let part: SinglePart = MimeAttachment::new(a.filename).body(a.content, content_type);
            mixed = mixed.singlepart(part);
        }
        mixed
    };
    builder.multipart(body).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
