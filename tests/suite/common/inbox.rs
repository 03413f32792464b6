//! The emails a test received over SMTP, read as a person would: recipient, subject, text,
//! HTML, attachments, and the links in them.
use std::cell::RefCell;

use chrono::Utc;
use covoit::mail::{Mailer, dispatcher};
use mail_parser::{MessageParser, MimeHeaders};

use super::TestApp;
use super::smtp::SmtpServer;

/// The emails received so far, read as a person would: recipient, subject, text, links.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<(String, String)>,
    /// Every `text/calendar` part (the inline invitation), with its `method` parameter.
    pub calendars: Vec<(String, String)>,
    /// The one-click unsubscribe headers (RFC 8058), as sent.
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

pub struct Inbox<'a> {
    pub app: &'a TestApp,
    pub server: SmtpServer,
    pub seen: RefCell<usize>,
}

impl Inbox<'_> {
    /// Sends what is due and returns the emails that arrived since the last call.
    pub async fn deliver(&self) -> Vec<Mail> {
        self.deliver_at(Utc::now()).await
    }

    /// The same, with the clock at `now` (emails queued by a step run at a simulated time).
    pub async fn deliver_at(&self, now: chrono::DateTime<Utc>) -> Vec<Mail> {
        let mailer = self.app.client.rocket().state::<Mailer>().unwrap();
        dispatcher::dispatch_due(&self.app.db, mailer, "test", now)
            .await
            .unwrap();
        let all = self.server.received();
        let new = all[*self.seen.borrow()..].to_vec();
        *self.seen.borrow_mut() = all.len();
        new.iter()
            .map(|r| {
                let m = MessageParser::default().parse(&r.data).unwrap();
                Mail {
                    to: r.to.join(","),
                    subject: m.subject().unwrap_or("").to_owned(),
                    text: m.body_text(0).unwrap_or_default().into_owned(),
                    html: m.body_html(0).unwrap_or_default().into_owned(),
                    attachments: m
                        .attachments()
                        .map(|a| {
                            (
                                a.attachment_name().unwrap_or("").to_owned(),
                                String::from_utf8_lossy(a.contents()).into_owned(),
                            )
                        })
                        .collect(),
                    list_unsubscribe: m
                        .header_raw("List-Unsubscribe")
                        .map(|v| v.trim().to_owned()),
                    list_unsubscribe_post: m
                        .header_raw("List-Unsubscribe-Post")
                        .map(|v| v.trim().to_owned()),
                    calendars: m
                        .parts
                        .iter()
                        .filter_map(|p| {
                            let ct = p.content_type()?;
                            (ct.ctype() == "text" && ct.subtype() == Some("calendar")).then(|| {
                                (
                                    ct.attribute("method").unwrap_or("").to_owned(),
                                    String::from_utf8_lossy(p.contents()).into_owned(),
                                )
                            })
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

pub fn one<'m>(mails: &'m [Mail], to: &str) -> &'m Mail {
    let found: Vec<&Mail> = mails.iter().filter(|m| m.to == to).collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one email to {to}: {:?}",
        mails
            .iter()
            .map(|m| (&m.to, &m.subject))
            .collect::<Vec<_>>()
    );
    found[0]
}

/// The path of the first link in `text` for `purpose` (accept, refuse, booking, manage, event),
/// without the `?lang=` that opens it in the email's language.
pub fn link(text: &str, purpose: &str) -> String {
    let marker = format!("https://covoit.test/link/{purpose}/");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {purpose} link in:\n{text}"));
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '?')
        .collect();
    url.trim_start_matches("https://covoit.test").to_owned()
}
