//! `covoit send-test-email`: one message through the configured transport, and on failure the
//! SMTP error with a hint an operator can act on.
use lettre::AsyncTransport;
use lettre::message::Mailbox;

use super::message::{Parts, build_parts};
use super::templates::TestEmail;
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
    let transport = transport::build(smtp, &config.base_url)?;
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from: {e}"))?;
    // Built like every email the app sends: same layout, same headers.
    let email = TestEmail::new(lang, &config.base_url);
    let (text, html) = email.render().map_err(|e| e.to_string())?;
    let domain = url::Url::parse(&config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "localhost".into());
    let subject = email.subject();
    let message = build_parts(
        Parts {
            to_name: "",
            to_email: to.as_str(),
            reply_to: None,
            locale: lang.code(),
            subject: &subject,
            text,
            html,
            attachments: Vec::new(),
            list_unsubscribe: None,
            message_id: format!(
                "<test.{}@{domain}>",
                crate::domain::PublicId::generate().into_string()
            ),
        },
        &from,
    )
    .map_err(|e| format!("--to: {e}"))?;
    let mut message = message;
    if let Some(dkim) = &config.dkim {
        message.sign(&*super::dkim_config(dkim)?);
    }
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
