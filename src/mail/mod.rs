//! Email: queued in the outbox within the caller's transaction, rendered from Askama
//! templates, sent later by the dispatcher through lettre's pooled SMTP transport, or captured
//! for `/dev/mail` when no SMTP host is configured.
pub mod bounce;
pub mod bounced;
pub mod calendar;
pub mod compose;
pub mod digest;
pub mod dispatcher;
pub mod draft;
pub mod ics;
pub mod imap;
pub mod message;
pub mod notify;
pub mod organiser;
pub mod outbox;
pub mod recipient;
pub mod routes;
pub mod smtp_pool;
pub mod templates;
pub mod test_email;
pub mod transport;
pub mod waiting;
pub mod wrap;

use std::sync::Arc;

use lettre::message::Mailbox;
use tokio::sync::Notify;

use crate::config::Config;
use crate::urls::Urls;

/// What a change needs to write its emails: the site's addresses and links (to compose them),
/// and how they are queued (captured or to be sent, the cap on acknowledgements). Services take
/// this; they never send.
#[derive(Clone)]
pub struct Emails {
    pub urls: Urls,
    /// The domain of Message-IDs (the host of `base_url`).
    pub domain: String,
    /// Emails are kept (shown at `/dev/mail`), not sent.
    capture: bool,
    /// Acknowledgements one address may get per hour (0: no cap).
    pub ack_cap: u32,
    /// Emails about freed seats one waiting person may get per 24 hours.
    pub alerts_per_day: u64,
    /// How long before departure "still going?" is asked (`None`: never).
    pub still_going: Option<chrono::Duration>,
    /// On a developer's own machine, captured emails are logged with their links.
    log_captured: bool,
    wake: Arc<Notify>,
}

/// What sends the outbox: the SMTP transport and the dispatch settings. Only the background
/// task and the CLI use it.
#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Option<transport::Sender>,
    /// Signs every message sent (DKIM), when configured.
    pub dkim: Option<Arc<lettre::message::dkim::DkimConfig>>,
    pub max_attempts: i32,
    /// Emails sent at once (one per pooled connection).
    pub in_flight: usize,
    /// How long a row being sent stays reserved for this instance (renewed while it lasts).
    pub lease: chrono::Duration,
    /// The signed per-message return address (VERP), when `bounce_address` is set.
    pub verp: Option<crate::domain::verp::Verp>,
    /// The bounce mailbox, when configured.
    pub imap: Option<crate::config::Imap>,
    /// How long a hard-bounced address is not mailed.
    pub suppress_days: u32,
    /// What writes the emails queued as drafts (`draft`), when they are sent.
    pub compose: Emails,
    wake: Arc<Notify>,
}

/// The two halves, sharing the wake-up signal (a commit that queued email wakes the sender).
pub fn from_config(config: &Config) -> Result<(Emails, Mailer), String> {
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from: {e}"))?;
    let transport = match &config.smtp {
        Some(smtp) if !config.captures_mail() => Some(transport::sender(smtp, &config.base_url)?),
        _ => None,
    };
    let urls = Urls::from_config(config);
    let wake = Arc::new(Notify::new());
    let emails = Emails {
        domain: urls.domain(),
        urls,
        capture: transport.is_none(),
        ack_cap: config.ack_emails_per_hour,
        alerts_per_day: u64::from(config.alerts_per_day),
        still_going: config.still_going,
        log_captured: config.development,
        wake: wake.clone(),
    };
    let dkim = config.dkim.as_ref().map(dkim_config).transpose()?;
    let mailer = Mailer {
        from,
        transport,
        dkim,
        max_attempts: config.mail_max_attempts,
        in_flight: config.smtp.as_ref().map_or(1, |s| s.connections as usize),
        lease: chrono::Duration::seconds(i64::from(config.mail_lease_secs)),
        verp: config
            .bounces
            .as_ref()
            .and_then(|b| crate::domain::verp::Verp::new(&b.address, config.secret_keys.clone())),
        imap: config.bounces.as_ref().and_then(|b| b.imap.clone()),
        suppress_days: config.bounce_suppress_days,
        compose: emails.clone(),
        wake,
    };
    Ok((emails, mailer))
}

/// The signer: relaxed canonicalization, and the headers a receiver relies on (a header listed
/// but absent, like Reply-To on some emails, is signed as absent, so none can be added).
pub fn dkim_config(
    dkim: &crate::config::Dkim,
) -> Result<Arc<lettre::message::dkim::DkimConfig>, String> {
    use lettre::message::dkim::{DkimCanonicalization, DkimCanonicalizationType, DkimConfig};
    use lettre::message::header::HeaderName;
    let headers = [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "Reply-To",
        // Content-Type is not among them: lettre writes it with the body, after signing.
        "MIME-Version",
        "Auto-Submitted",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
    ]
    .into_iter()
    .map(HeaderName::new_from_ascii_str)
    .collect();
    Ok(Arc::new(DkimConfig::new(
        dkim.selector.clone(),
        dkim.domain.clone(),
        dkim.signing_key()
            .map_err(|e| format!("dkim_key_file: {e}"))?,
        headers,
        DkimCanonicalization {
            header: DkimCanonicalizationType::Relaxed,
            body: DkimCanonicalizationType::Relaxed,
        },
    )))
}

impl Emails {
    /// Emails are captured (kept in the outbox, shown at `/dev/mail`), not sent.
    pub fn captures(&self) -> bool {
        self.capture
    }

    /// What becomes of an acknowledgement queued now (`email.status` in the API):
    /// `suppressed` when its address reached its hourly cap.
    pub fn email_status(&self, acknowledged: bool) -> &'static str {
        if !acknowledged {
            "suppressed"
        } else if self.capture {
            "captured"
        } else {
            "queued"
        }
    }

    /// Called after a commit that queued emails: captured ones are logged (with their links on
    /// a developer's machine only); otherwise the sender is woken so that they leave at once.
    pub fn after_commit(&self, queued: &[outbox::Queued]) {
        if queued.is_empty() {
            return;
        }
        if self.capture {
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
            self.wake.notify_one();
        }
    }

    /// Asks the sender to send the outbox now (after an operator put an email back).
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

impl Mailer {
    /// No transport: emails are captured, there is nothing to send.
    pub fn captures(&self) -> bool {
        self.transport.is_none()
    }

    pub fn wake_handle(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}
