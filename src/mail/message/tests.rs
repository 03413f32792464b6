//! The MIME message built from an outbox row: ASCII-only, RFC 2047-encoded headers that are
//! all there once (Date, Message-ID, Auto-Submitted, From, To, Subject, Reply-To when there is
//! one), the text and HTML parts as stored, attachments as a mixed part, and line breaks in a
//! value that never create a header.
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{TimeZone, Utc};
use lettre::message::Mailbox;
use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::build;
use crate::domain::{EmailKind, EmailStatus};
use crate::entities::outbox;
use crate::mail::outbox::dedupe_key;

fn from() -> Mailbox {
    "covoit <noreply@covoit.test>".parse().unwrap()
}

const ACCEPT_URL: &str = "https://covoit.test/link/accept/AQEAAAAAAAAAKgAAAABp.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/// A complete outbox row: a French request-received email, Reply-To the passenger; its parts
/// carry accents, an emoji, a long line and a link, as real ones do.
fn row() -> outbox::Model {
    let text = format!(
        "Bonjour Denise,\n\nZoé Passagère demande 2 places pour « Réunion d'été » 🚗.\n{}\n\nAccepter : {ACCEPT_URL}\n",
        "Un long message qui ne tient pas sur une ligne de soixante-dix-huit caractères, \
         et qui continue encore un peu pour le vérifier."
    );
    let html = format!(
        "<!doctype html><html lang=\"fr\"><body><p>Bonjour Denise,</p><p>Zoé Passagère demande \
         2 places pour « Réunion d'été » 🚗.</p><p><a href=\"{ACCEPT_URL}\">Accepter</a></p></body></html>"
    );
    let now = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
    outbox::Model {
        id: 7,
        kind: EmailKind::RequestReceived,
        record_id: 42,
        version: 0,
        dedupe_key: dedupe_key(EmailKind::RequestReceived, 42, "bob@example.com", 0),
        recipient_email: "bob@example.com".into(),
        recipient_key: Some("bob@example.com".into()),
        recipient_name: "\"Bob\" <x@y>".into(),
        reply_to_email: Some("zoe.passagere@example.org".into()),
        reply_to_name: Some("<script>alert(1)</script> Zoé".into()),
        locale: "fr".into(),
        subject: "Réunion d'été — 🚗".into(),
        text_body: text,
        html_body: html,
        attachments: "[]".into(),
        links: format!("[\"{ACCEPT_URL}\"]"),
        status: EmailStatus::Queued,
        attempts: 0,
        next_attempt_at: now,
        lease_owner: None,
        lease_until: None,
        last_error: None,
        message_id: "<request-received.42.00c0ffee00c0ffee@covoit.test>".into(),
        list_unsubscribe: None,
        created_at: now,
        updated_at: now,
        sent_at: None,
        event_id: None,
        draft: None,
    }
}

struct Built {
    bytes: Vec<u8>,
    /// Everything before the first empty line.
    header_block: Vec<u8>,
}

fn formatted(row: &outbox::Model) -> Built {
    let message = build(row, &from()).expect("the message builds");
    let bytes = message.formatted();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block ending with an empty line");
    Built {
        header_block: bytes[..end].to_vec(),
        bytes,
    }
}

/// The header lines, unfolded (a line starting with whitespace continues the previous one).
fn header_lines(block: &[u8]) -> Vec<String> {
    let block = String::from_utf8_lossy(block);
    let mut lines: Vec<String> = Vec::new();
    for line in block.split("\r\n").flat_map(|l| l.split('\n')) {
        if line.starts_with([' ', '\t']) && !lines.is_empty() {
            lines.last_mut().unwrap().push_str(line);
        } else {
            lines.push(line.to_owned());
        }
    }
    lines
}

/// The unfolded values of header `name` (case-insensitive).
fn header_values(lines: &[String], name: &str) -> Vec<String> {
    let prefix = format!("{}:", name.to_ascii_lowercase());
    lines
        .iter()
        .filter(|l| l.to_ascii_lowercase().starts_with(&prefix))
        .map(|l| l[prefix.len()..].trim().to_owned())
        .collect()
}

/// MIME text is CRLF on the wire; compare contents line by line.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n")
}

fn mime_type(part: &mail_parser::MessagePart) -> String {
    part.content_type()
        .map(|c| {
            format!(
                "{}/{}",
                c.ctype().to_ascii_lowercase(),
                c.subtype().unwrap_or("").to_ascii_lowercase()
            )
        })
        .unwrap_or_default()
}

/// Checks the alternative part `id` of `msg`: exactly a text/plain and a text/html part with
/// the row's bodies.
fn check_alternative(msg: &mail_parser::Message, id: u32, row: &outbox::Model) {
    let alt = msg.part(id).unwrap();
    assert_eq!(mime_type(alt), "multipart/alternative");
    let children = alt.sub_parts().expect("alternative has parts");
    let types: Vec<String> = children
        .iter()
        .map(|&c| mime_type(msg.part(c).unwrap()))
        .collect();
    assert_eq!(
        types[..2],
        ["text/plain", "text/html"],
        "parts of multipart/alternative"
    );
    assert!(
        types.len() == 2 || types[2..] == ["text/calendar"],
        "a calendar entry is the only third alternative: {types:?}"
    );
    let text = msg.part(children[0]).unwrap();
    let html = msg.part(children[1]).unwrap();
    assert!(matches!(text.body, PartType::Text(_)), "text part is text");
    assert!(matches!(html.body, PartType::Html(_)), "html part is HTML");
    assert_eq!(
        text.content_type()
            .unwrap()
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(
        html.content_type()
            .unwrap()
            .attribute("charset")
            .map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(
        lf(text.text_contents().unwrap()),
        lf(&row.text_body),
        "decoded text part"
    );
    assert_eq!(
        lf(html.text_contents().unwrap()),
        lf(&row.html_body),
        "decoded HTML part"
    );
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Every header check, for one row.
fn check_headers(row: &outbox::Model) {
    let what = format!(
        "subject {:?}, to {:?}, reply-to {:?}",
        row.subject, row.recipient_name, row.reply_to_name
    );
    let built = formatted(row);
    assert!(
        built.header_block.is_ascii(),
        "{what}: non-ASCII in the header block:\n{}",
        String::from_utf8_lossy(&built.header_block)
    );
    let lines = header_lines(&built.header_block);
    let one = |name: &str| {
        let v = header_values(&lines, name);
        assert_eq!(
            v.len(),
            1,
            "{what}: {name} header: {v:?}\n{}",
            lines.join("\n")
        );
        v.into_iter().next().unwrap()
    };
    one("Date");
    assert_eq!(one("Message-ID"), row.message_id, "{what}: Message-ID");
    assert_eq!(one("Auto-Submitted"), "auto-generated", "{what}");
    one("From");
    one("To");
    one("Subject");
    let reply_to = header_values(&lines, "Reply-To");
    assert_eq!(
        reply_to.len(),
        usize::from(row.reply_to_email.is_some()),
        "{what}: Reply-To headers: {reply_to:?}"
    );

    let msg = MessageParser::default()
        .parse(&built.bytes)
        .expect("mail-parser reads the message");
    assert_eq!(
        msg.subject(),
        Some(row.subject.as_str()),
        "{what}: decoded subject"
    );
    let to: Vec<_> = msg.to().expect("a To header").iter().collect();
    assert_eq!(to.len(), 1, "{what}: one recipient: {to:?}");
    assert_eq!(
        to[0].address(),
        Some(row.recipient_email.as_str()),
        "{what}"
    );
    assert_eq!(
        to[0].name(),
        Some(row.recipient_name.as_str()),
        "{what}: decoded To name"
    );
    match (&row.reply_to_email, msg.reply_to()) {
        (Some(email), Some(reply)) => {
            let reply: Vec<_> = reply.iter().collect();
            assert_eq!(reply.len(), 1, "{what}: one Reply-To: {reply:?}");
            assert_eq!(reply[0].address(), Some(email.as_str()), "{what}");
            assert_eq!(
                reply[0].name(),
                row.reply_to_name.as_deref(),
                "{what}: decoded Reply-To name"
            );
        }
        (None, None) => {}
        (expected, found) => panic!("{what}: Reply-To expected {expected:?}, found {found:?}"),
    }
    assert_eq!(
        msg.message_id(),
        Some(row.message_id.trim_start_matches('<').trim_end_matches('>')),
        "{what}"
    );
    let date = msg.date().expect("a parseable Date");
    assert!(
        (date.to_timestamp() - now_secs()).abs() < 300,
        "{what}: Date {date} is not now"
    );
    assert_eq!(
        msg.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated"),
        "{what}"
    );
    assert!(msg.bcc().is_none(), "{what}: a Bcc header");

    let root = msg.root_part();
    assert_eq!(
        mime_type(root),
        "multipart/alternative",
        "{what}: no attachment"
    );
    check_alternative(&msg, 0, row);
}

#[test]
fn message_headers_are_encoded_and_complete() {
    let base = row();
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "Réunion d'été — 🚗",
            "\"Bob\" <x@y>",
            Some("<script>alert(1)</script> Zoé"),
        ),
        (
            "Zoé Martin-Lefèvre demande 3 places — Festival des Vieilles Charrues 2026 🎸🚗, départ de Rennes (parvis nord), « vite » !",
            "Jérôme « Jé » D'Artagnan-Müller 🚗 du Comité des fêtes de Saint-Étienne-du-Rouvray",
            Some("Zoé 🚲 Passagère"),
        ),
        (
            "Plain ASCII subject",
            "Smith, John (Jr.); \"quoted\" \\ back",
            None,
        ),
        ("Réunion d'été — 🚗", "Bob", Some("\"Alice\" <a@b>, <c@d>")),
    ];
    for (subject, to_name, reply_name) in cases {
        let mut row = base.clone();
        row.subject = subject.into();
        row.recipient_name = to_name.into();
        match reply_name {
            Some(name) => row.reply_to_name = Some(name.into()),
            None => {
                row.reply_to_email = None;
                row.reply_to_name = None;
            }
        }
        check_headers(&row);
    }
}

#[test]
fn a_name_that_looks_like_an_encoded_word_is_kept_as_typed() {
    // Someone may type "=?utf-8?b?...?=" as a name: the reader must see what was typed, not
    // what it decodes to.
    let mut row = row();
    row.recipient_name = "=?utf-8?b?QWRtaW4=?=".into();
    row.subject = "=?utf-8?q?Urgent?= from the bank".into();
    check_headers(&row);
}

#[test]
fn an_attachment_makes_the_message_multipart_mixed() {
    let mut row = row();
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//covoit//FR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:42@covoit.test\r\nSUMMARY:Trajet vers la Fête des Lumières 🚗\r\nDTSTART:20261121T083000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    row.attachments = serde_json::json!([{
        "filename": "trip.ics",
        "content_type": "text/calendar; charset=utf-8; method=REQUEST",
        "content": ics,
    }])
    .to_string();
    let built = formatted(&row);
    assert!(built.header_block.is_ascii());
    let msg = MessageParser::default().parse(&built.bytes).unwrap();
    let root = msg.root_part();
    assert_eq!(mime_type(root), "multipart/mixed");
    let children = root.sub_parts().unwrap().to_vec();
    assert_eq!(children.len(), 2, "the alternative part and the attachment");
    check_alternative(&msg, children[0], &row);
    // The calendar entry inline, as the last alternative (mail apps show an invitation card).
    let alt = msg.part(children[0]).unwrap().sub_parts().unwrap().to_vec();
    let inline = msg.part(alt[2]).unwrap();
    assert_eq!(mime_type(inline), "text/calendar");
    let ct = inline.content_type().unwrap();
    assert_eq!(ct.attribute("method"), Some("REQUEST"));
    assert_eq!(
        ct.attribute("charset").map(str::to_ascii_lowercase),
        Some("utf-8".into())
    );
    assert_eq!(lf(&String::from_utf8_lossy(inline.contents())), lf(ics));
    // And attached, for the mail apps that only import files.
    let att = msg.part(children[1]).unwrap();
    assert_eq!(mime_type(att), "application/ics");
    assert_eq!(att.attachment_name(), Some("trip.ics"));
    assert!(
        att.content_disposition().is_some_and(|d| d.is_attachment()),
        "Content-Disposition: attachment"
    );
    assert_eq!(
        lf(&String::from_utf8_lossy(att.contents())),
        lf(ics),
        "decoded attachment"
    );
}

#[test]
fn no_reply_to_without_a_reply_to_address() {
    let mut row = row();
    row.reply_to_email = None;
    row.reply_to_name = None;
    let built = formatted(&row);
    assert!(header_values(&header_lines(&built.header_block), "Reply-To").is_empty());
    let msg = MessageParser::default().parse(&built.bytes).unwrap();
    assert!(msg.reply_to().is_none());
    // A name alone (no address) gives no Reply-To either.
    row.reply_to_name = Some("Zoé".into());
    let built = formatted(&row);
    assert!(header_values(&header_lines(&built.header_block), "Reply-To").is_empty());
}

#[test]
fn line_breaks_in_values_never_create_headers() {
    let breaks = ["\r\n", "\n", "\r", "\r\n\t", "\u{85}"];
    for br in breaks {
        let mut row = row();
        row.subject = format!("Hi{br}Bcc: evil@attacker.example");
        row.recipient_name = format!("Bob{br}Bcc: evil@attacker.example");
        row.reply_to_name = Some(format!("Zoé{br}Bcc: evil@attacker.example"));
        row.locale = format!("fr{br}X-Evil: 1");
        let built = formatted(&row);
        assert!(
            built.header_block.is_ascii(),
            "{br:?}: non-ASCII header block"
        );
        let lines = header_lines(&built.header_block);
        for line in &lines {
            let lower = line.to_ascii_lowercase();
            assert!(
                !lower.starts_with("bcc:") && !lower.starts_with("x-evil:"),
                "{br:?}: injected header line {line:?} in\n{}",
                lines.join("\n")
            );
        }
        let msg = MessageParser::default().parse(&built.bytes).unwrap();
        assert!(
            msg.bcc().is_none(),
            "{br:?}: mail-parser finds a Bcc header"
        );
        assert!(
            msg.header("X-Evil").is_none(),
            "{br:?}: mail-parser finds X-Evil"
        );
        let to: Vec<_> = msg.to().unwrap().iter().collect();
        assert_eq!(to.len(), 1, "{br:?}: recipients {to:?}");
        assert_eq!(to[0].address(), Some("bob@example.com"));
        let reply: Vec<_> = msg.reply_to().unwrap().iter().collect();
        assert_eq!(reply.len(), 1, "{br:?}: Reply-To {reply:?}");
        assert_eq!(reply[0].address(), Some("zoe.passagere@example.org"));
        let subject = msg.subject().unwrap_or("");
        assert!(
            !subject.contains(['\r', '\n']),
            "{br:?}: line break kept in the subject {subject:?}"
        );
        // The message is still the same email.
        check_alternative(&msg, 0, &row);
    }
}
