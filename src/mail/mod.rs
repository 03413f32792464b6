//! Email: queued in the outbox within the caller's transaction, rendered from Askama
//! templates, sent later by the dispatcher through lettre's pooled SMTP transport, or captured
//! for `/dev/mail` when no SMTP host is configured.
pub mod compose;
pub mod dispatcher;
pub mod ics;
pub mod message;
pub mod notify;
pub mod outbox;
pub mod templates;
pub mod test_email;
pub mod transport;

use std::sync::Arc;

use lettre::message::Mailbox;
use tokio::sync::Notify;

use crate::config::Config;
use crate::links::Links;

/// Shared by routes, services, the background task and the CLI.
#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub base_url: String,
    /// The domain of Message-IDs (the host of `base_url`).
    pub domain: String,
    pub transport: Option<transport::Transport>,
    pub max_attempts: i32,
    /// Emails sent at once (one per pooled connection).
    pub in_flight: usize,
    /// Signs the magic links that emails carry.
    pub links: Links,
    /// On a developer's own machine, captured emails are logged with their links.
    log_captured: bool,
    wake: Arc<Notify>,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Mailer, String> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("mail_from: {e}"))?;
        let domain = url::Url::parse(&config.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into());
        let transport = match &config.smtp {
            Some(smtp) if !config.captures_mail() => Some(transport::build(smtp)?),
            _ => None,
        };
        Ok(Mailer {
            from,
            base_url: config.base_url.clone(),
            domain,
            transport,
            max_attempts: config.mail_max_attempts,
            in_flight: config.smtp.as_ref().map_or(1, |s| s.connections as usize),
            links: Links::new(
                &config.base_url,
                config.secret_keys.first().map_or(&[][..], Vec::as_slice),
                config.link_ttl,
            ),
            log_captured: config.development,
            wake: Arc::new(Notify::new()),
        })
    }

    /// Emails are captured (kept in the outbox, shown at `/dev/mail`), not sent.
    pub fn captures(&self) -> bool {
        self.transport.is_none()
    }

    /// What becomes of an email queued now (`email.status` in the API).
    pub fn email_status(&self) -> &'static str {
        if self.captures() {
            "captured"
        } else {
            "queued"
        }
    }

    /// Called after a commit that queued emails: dev mode logs them; otherwise the dispatcher
    /// is woken so that they leave at once.
    pub fn after_commit(&self, queued: &[outbox::Queued]) {
        if queued.is_empty() {
            return;
        }
        if self.captures() {
            for q in queued.iter().filter(|q| q.inserted) {
                if self.log_captured {
                    tracing::info!(
                        to = %q.to,
                        subject = %q.subject,
                        links = %q.links.join(" "),
                        "captured email (read it at /dev/mail)"
                    );
                } else {
                    // Outside a developer's machine no address or link reaches the logs.
                    tracing::info!("captured email (read it at /dev/mail)");
                }
            }
        } else {
            self.wake();
        }
    }

    /// Asks the background task to send the outbox now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn wake_handle(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}
