//! `covoit send-test-email`: one message through the configured transport, and on failure the
//! SMTP error with a hint an operator can act on.
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncTransport, Message};

use super::templates::TestEmailText;
use super::transport;
use crate::config::Config;
use crate::domain::{Email, Lang};

/// Ok(what happened) or Err(what went wrong and what to check).
pub async fn send(config: &Config, to: &str, lang: Lang) -> Result<String, String> {
    let Some(smtp) = &config.smtp else {
        return Err(
            "no smtp_host configured (dev mode): set SMTP_HOST (or SMTP_PRESET), SMTP_USER and \
                    SMTP_PASSWORD, then try again"
                .into(),
        );
    };
    let to = Email::parse(to).map_err(|_| format!("--to: {to:?} is not an email address"))?;
    let transport = transport::build(smtp)?;
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from: {e}"))?;
    let text = askama::Template::render(&TestEmailText::new(lang, &config.base_url))
        .map_err(|e| e.to_string())?;
    let escaped = text
        .trim()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let html = format!("<p>{}</p>", escaped.replace('\n', "<br>"));
    let message = Message::builder()
        .from(from)
        .to(to.as_str().parse().map_err(|e| format!("--to: {e}"))?)
        .subject(TestEmailText::subject(lang))
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())?;
    match transport.send(message).await {
        Ok(response) => Ok(format!(
            "sent to {} through {}:{}: {} {}",
            to,
            smtp.host,
            smtp.port,
            response.code(),
            response.message().collect::<Vec<_>>().join(" ")
        )),
        Err(e) => Err(format!(
            "sending through {}:{} failed: {}\nhint: {}",
            smtp.host,
            smtp.port,
            transport::describe(&e),
            transport::hint(&e, smtp)
        )),
    }
}
