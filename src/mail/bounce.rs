//! Reading what comes back to the bounce mailbox: RFC 3464 delivery status notifications
//! (`multipart/report; report-type=delivery-status`), and the non-standard shapes still seen
//! (qmail, old Exim, plain-text reports with an SMTP answer in them). Out-of-office replies and
//! successful-delivery reports are recognised and left alone. Pure: no database, no network.
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use crate::domain::BounceKind;

/// What one report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The report's own identity, to record it once however often it is read.
    pub key: String,
    /// The addresses the report was delivered to (the tagged return address among them).
    pub returned_to: Vec<String>,
    /// The recipient that failed, as the report names it.
    pub recipient: Option<String>,
    pub kind: BounceKind,
    /// `5.1.1`, or a bare SMTP code (`550`) when that is all the report gives.
    pub status: String,
    /// The receiving server's words, on one line, at most 300 characters.
    pub diagnostic: String,
    /// `dsn` or `text`.
    pub source: &'static str,
    /// The Message-ID of the email that bounced, from the copy or headers sent back.
    pub original_message_id: Option<String>,
}

/// Headers that name where a report was delivered (set by the receiving server).
const DELIVERED_TO: [&str; 6] = [
    "delivered-to",
    "x-original-to",
    "envelope-to",
    "x-envelope-to",
    "original-recipient",
    "to",
];

/// Words of a report about an address that does not exist or no longer takes mail.
const ADDRESS_GONE: [&str; 14] = [
    "user unknown",
    "unknown user",
    "no such user",
    "does not exist",
    "doesn't exist",
    "not exist",
    "no mailbox",
    "mailbox unavailable",
    "mailbox not found",
    "recipient not found",
    "recipientnotfound",
    "invalid recipient",
    "address rejected",
    "account disabled",
];

/// Subjects of reports that are not bounces (out-of-office and other automatic replies).
const AUTO_REPLY: [&str; 8] = [
    "out of office",
    "automatic reply",
    "auto-reply",
    "autoreply",
    "réponse automatique",
    "absence",
    "abwesenheit",
    "automatisch antwoord",
];

/// Subjects and first words of non-standard bounces.
const BOUNCE_WORDS: [&str; 12] = [
    "undeliver",
    "delivery status notification",
    "delivery failure",
    "mail delivery failed",
    "returned mail",
    "failure notice",
    "could not be delivered",
    "delivery has failed",
    "non remis",
    "unzustellbar",
    "permanent error",
    "qmail-send program",
];

/// Reads one message of the bounce mailbox. `None`: not a report of a failed delivery.
pub fn parse(raw: &[u8]) -> Option<Report> {
    let message = MessageParser::default().parse(raw)?;
    let key = message
        .message_id()
        .map(|id| format!("mid:{}", one_line(id, 150)))
        .unwrap_or_else(|| format!("sha:{}", hex::encode(Sha256::digest(raw))));
    let returned_to = delivered_to(&message);
    let original_message_id = original_message_id(&message);
    if let Some(dsn) = delivery_status(&message) {
        let (recipient, action, status, diagnostic) = dsn?;
        let kind = match action.as_str() {
            "failed" => classify(&status, &diagnostic),
            "delayed" => BounceKind::Soft,
            // delivered, relayed, expanded: not a failure.
            _ => return None,
        };
        return Some(Report {
            key,
            returned_to,
            recipient,
            kind,
            status,
            diagnostic: one_line(&diagnostic, 300),
            source: "dsn",
            original_message_id,
        });
    }
    text_report(&message, raw).map(|(recipient, status, diagnostic, kind)| Report {
        key,
        returned_to,
        recipient,
        kind,
        status,
        diagnostic: one_line(&diagnostic, 300),
        source: "text",
        original_message_id,
    })
}

fn delivered_to(message: &Message<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in message.headers_raw() {
        if DELIVERED_TO.contains(&name.to_ascii_lowercase().as_str()) {
            out.extend(addresses_in(value));
        }
    }
    out
}

/// `Some(None)`: a delivery-status part with no recipient block that failed or was delayed
/// (a success report); `None`: no delivery-status part at all.
type Dsn = Option<(Option<String>, String, String, String)>;

fn delivery_status(message: &Message<'_>) -> Option<Dsn> {
    let part = message.parts.iter().find(|p| {
        p.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("message")
                && ct.subtype().is_some_and(|s| {
                    s.eq_ignore_ascii_case("delivery-status")
                        || s.eq_ignore_ascii_case("global-delivery-status")
                })
        })
    })?;
    let text = String::from_utf8_lossy(part.contents()).replace("\r\n", "\n");
    // Blocks of fields: the first is about the message, each other about one recipient.
    let mut best: Option<(Option<String>, String, String, String)> = None;
    for block in text.split("\n\n").skip(1) {
        let fields = fields_of(block);
        let get = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let Some(action) = get("action").map(|a| a.trim().to_ascii_lowercase()) else {
            continue;
        };
        let recipient = get("final-recipient")
            .or_else(|| get("original-recipient"))
            .and_then(|v| addresses_in(&v).into_iter().next());
        let status = get("status")
            .and_then(|s| enhanced_code(&s))
            .unwrap_or_default();
        let diagnostic = get("diagnostic-code")
            .map(|d| d.split_once(';').map_or(d.clone(), |(_, t)| t.to_owned()))
            .unwrap_or_default();
        let failed = action == "failed";
        let better = match &best {
            None => true,
            Some((_, a, _, _)) => failed && a != "failed",
        };
        if better {
            best = Some((recipient, action, status, diagnostic));
        }
    }
    Some(best)
}

/// `Name: value` fields of one block, continuation lines joined.
fn fields_of(block: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            fields.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    fields
}

/// A report in words: recognised by who sent it, its subject or its first words, with the
/// status taken from the SMTP answer quoted in it.
fn text_report(
    message: &Message<'_>,
    raw: &[u8],
) -> Option<(Option<String>, String, String, BounceKind)> {
    let subject = message.subject().unwrap_or("").to_lowercase();
    if AUTO_REPLY.iter().any(|w| subject.contains(w)) {
        return None;
    }
    let from = message
        .header_raw("From")
        .unwrap_or("")
        .to_ascii_lowercase();
    let body = message
        .body_text(0)
        .map(|b| b.into_owned())
        .unwrap_or_else(|| String::from_utf8_lossy(raw).into_owned());
    // The report's own words come before the copy of the returned message.
    let own = body
        .split("--- Below this line")
        .next()
        .unwrap_or("")
        .split("------ This is a copy")
        .next()
        .unwrap_or("");
    let lower = own.to_lowercase();
    let from_daemon = from.contains("mailer-daemon") || from.contains("postmaster");
    let looks_like = BOUNCE_WORDS
        .iter()
        .any(|w| subject.contains(w) || lower.contains(w));
    if !from_daemon && !looks_like {
        return None;
    }
    let line = own
        .lines()
        .find(|l| enhanced_code(l).is_some())
        .or_else(|| own.lines().find(|l| smtp_code(l).is_some()));
    let status = line
        .and_then(|l| enhanced_code(l).or_else(|| smtp_code(l)))
        .unwrap_or_default();
    let kind = if status.is_empty() {
        if lower.contains("permanent") || ADDRESS_GONE.iter().any(|w| lower.contains(w)) {
            BounceKind::Hard
        } else if from_daemon || looks_like {
            BounceKind::Soft
        } else {
            return None;
        }
    } else {
        classify(&status, &lower)
    };
    let recipient = message
        .header_raw("X-Failed-Recipients")
        .and_then(|v| addresses_in(v).into_iter().next())
        .or_else(|| {
            addresses_in(own)
                .into_iter()
                .find(|a| !a.contains("mailer-daemon") && !a.contains("postmaster"))
        });
    let diagnostic = line.unwrap_or("").to_owned();
    Some((recipient, status, diagnostic, kind))
}

/// Hard: the address itself does not work (RFC 3463 addressing codes 5.1.x, a disabled
/// mailbox 5.2.1, no route 5.4.4, or a 5xx whose words say the mailbox does not exist).
/// Everything else that failed is soft: full mailbox, policy, content, a server problem.
pub fn classify(status: &str, words: &str) -> BounceKind {
    let words = words.to_lowercase();
    let gone = ADDRESS_GONE.iter().any(|w| words.contains(w));
    let mut parts = status.split('.');
    let (class, subject, detail) = (parts.next(), parts.next(), parts.next());
    match (class, subject, detail) {
        (Some("5"), Some("1"), Some(_)) => BounceKind::Hard,
        (Some("5"), Some("2"), Some("1")) => BounceKind::Hard,
        (Some("5"), Some("4"), Some("4")) => BounceKind::Hard,
        (Some("5"), Some("0"), Some("0")) if gone => BounceKind::Hard,
        (Some(code), None, None) if code.starts_with('5') && gone => BounceKind::Hard,
        _ => BounceKind::Soft,
    }
}

/// A refusal at send time (the relay's answer, as lettre words it): a hard bounce with its
/// status when the answer says the address does not work, else `None`.
pub fn hard_refusal(answer: &str) -> Option<String> {
    let status = enhanced_code(answer).or_else(|| smtp_code(answer))?;
    let address_code = ["550", "551", "553"].iter().any(|c| answer.contains(c));
    let kind = classify(&status, answer);
    (kind == BounceKind::Hard && (address_code || status.starts_with("5.1"))).then_some(status)
}

/// The first enhanced status code (`5.1.1`) in a text.
fn enhanced_code(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .find(|t| {
            let p: Vec<&str> = t.split('.').collect();
            p.len() == 3
                && matches!(p[0], "2" | "4" | "5")
                && (1..=3).contains(&p[1].len())
                && (1..=3).contains(&p[2].len())
                && p[1..].iter().all(|x| x.bytes().all(|b| b.is_ascii_digit()))
        })
        .filter(|t| !t.starts_with('2'))
        .map(str::to_owned)
}

/// A bare SMTP failure code (`550`) in a text.
fn smtp_code(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|t| t.len() == 3 && (t.starts_with('4') || t.starts_with('5')))
        .filter(|t| t.as_bytes()[1] <= b'5')
        .map(str::to_owned)
}

fn original_message_id(message: &Message<'_>) -> Option<String> {
    for part in message.parts.iter().skip(1) {
        if let PartType::Message(inner) = &part.body
            && let Some(id) = inner.message_id()
        {
            return Some(id.to_owned());
        }
        let headers_only = part.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct
                    .subtype()
                    .is_some_and(|s| s.eq_ignore_ascii_case("rfc822-headers"))
        });
        if headers_only
            && let Some(inner) = MessageParser::default().parse(part.contents())
            && let Some(id) = inner.message_id()
        {
            return Some(id.to_owned());
        }
    }
    // A copy quoted in the text (qmail, Exim): its Message-ID line.
    let body = message.body_text(0)?;
    body.lines().find_map(|l| {
        let (name, value) = l.trim_start().split_once(':')?;
        name.eq_ignore_ascii_case("message-id")
            .then(|| value.trim().trim_matches(['<', '>']).to_owned())
            .filter(|v| v.contains('@'))
    })
}

/// Every address in a text (`rfc822; a@b`, `<a@b>`, `a@b:`), in lower case.
fn addresses_in(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "<>;,:()[]\"'".contains(c))
        .map(|t| t.trim_matches('.'))
        .filter(|t| {
            let Some((local, domain)) = t.rsplit_once('@') else {
                return false;
            };
            !local.is_empty()
                && domain.contains('.')
                && !local.contains('@')
                && t.len() <= 254
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
        .map(str::to_lowercase)
        .collect()
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    flat.chars().take(max).collect()
}

#[cfg(test)]
mod tests;
