//! The emails: one struct per email with its subject and two templates (`.html`, `.txt`),
//! their words from the catalogue (`locales/<code>/emails.ftl`) in the reader's language. HTML
//! is escaped by Askama; the text part stands on its own.
use askama::Template;

use super::outbox::{Attachment, Outgoing, Person};
use super::recipient::Recipient;
use crate::domain::{EmailKind, Lang};
use crate::i18n::T;

/// What every email's layout needs.
#[derive(Debug, Clone)]
pub struct Common {
    pub lang: Lang,
    pub base_url: String,
    /// The one-line summary that mail clients show after the subject.
    pub preheader: String,
    /// The event's time zone (it tells the country of phone numbers written the national way).
    pub zone: Option<chrono_tz::Tz>,
    /// The one-click unsubscribe link, for the emails one can stop.
    pub unsubscribe_url: Option<String>,
    /// The reader's `data` link for the event the email is about (what covoit holds about
    /// them: see, export, delete).
    pub data_url: Option<String>,
    /// The privacy page.
    pub privacy_url: String,
}

impl Common {
    pub fn new(lang: Lang, base_url: &str, preheader: String) -> Common {
        Common {
            lang,
            base_url: base_url.to_owned(),
            preheader,
            zone: None,
            unsubscribe_url: None,
            data_url: None,
            privacy_url: format!(
                "{}/privacy?lang={}",
                base_url.trim_end_matches('/'),
                lang.code()
            ),
        }
    }

    /// With the reader's `data` link in the footer.
    pub fn with_data(mut self, url: Option<String>) -> Common {
        self.data_url = url;
        self
    }

    /// With the one-click unsubscribe link in the footer.
    pub fn stoppable(mut self, u: Option<&super::outbox::Unsubscribe>) -> Common {
        self.unsubscribe_url = u.map(|u| u.url.clone());
        self
    }

    /// In the event's time zone.
    pub fn in_zone(mut self, zone: chrono_tz::Tz) -> Common {
        self.zone = Some(zone);
        self
    }

    /// A `tel:` link in international form.
    pub fn tel(&self, phone: &str) -> String {
        crate::domain::phone::tel_uri(
            phone,
            self.zone
                .and_then(|z| crate::domain::phone::calling_code(z.name())),
        )
    }

    /// An email about one trip: its preheader is the trip and its time.
    pub fn for_trip(lang: Lang, base_url: &str, trip: &TripLine) -> Common {
        Common::new(lang, base_url, format!("{} — {}", trip.label, trip.when))
    }

    /// "Hello Ann,"
    pub fn hello(&self, name: &str) -> String {
        T::get(self.lang).t1("mail-hello", "name", name)
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}

/// The reader's texts, so that templates write `m.c.t(…)`, `m.c.t1(…)`, `m.c.label_value(…)`.
impl std::ops::Deref for Common {
    type Target = T;

    fn deref(&self) -> &T {
        T::get(self.lang)
    }
}

/// One trip as emails describe it.
#[derive(Debug, Clone)]
pub struct TripLine {
    /// "Aller vers X" / "Ride to X".
    pub label: String,
    pub when: String,
    pub place: String,
    pub seats: i32,
    pub url: String,
}

/// Which occurrence of a kind of email about one record this is: the version in its dedupe
/// key, so that one email is never queued twice while a new change still gets its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurrence {
    /// Once per record and recipient.
    Once,
    /// Once per kind of change of the driver's passenger list about one request.
    ListChange(ChangeKind),
    /// Once per edit of the trip (the offer's version).
    Edit(i32),
    /// Once per day (a day number in the event's zone): the organisers' digest and headcount.
    Day(i32),
}

impl Occurrence {
    pub fn version(self) -> i32 {
        match self {
            Occurrence::Once => 0,
            Occurrence::ListChange(ChangeKind::Accepted) => 1,
            Occurrence::ListChange(ChangeKind::Cancelled) => 2,
            Occurrence::ListChange(ChangeKind::Removed) => 3,
            Occurrence::Edit(version) | Occurrence::Day(version) => version,
        }
    }
}

pub trait Email {
    fn kind(&self) -> EmailKind;
    fn common(&self) -> &Common;
    fn subject(&self) -> String;
    /// (text, html)
    fn render(&self) -> askama::Result<(String, String)>;

    /// The email as an outbox row for `to`, about `record_id`.
    fn outgoing(
        &self,
        record_id: i64,
        once: Occurrence,
        to: &Recipient,
        reply_to: Option<Person>,
    ) -> askama::Result<Outgoing> {
        self.outgoing_with(record_id, once, to, reply_to, Vec::new())
    }

    fn outgoing_with(
        &self,
        record_id: i64,
        once: Occurrence,
        to: &Recipient,
        reply_to: Option<Person>,
        attachments: Vec<Attachment>,
    ) -> askama::Result<Outgoing> {
        let (text, html) = self.render()?;
        Ok(Outgoing {
            kind: self.kind(),
            record_id,
            version: once.version(),
            to: to.person.clone(),
            reply_to,
            lang: to.lang,
            subject: self.subject(),
            text,
            html,
            attachments,
            unsubscribe: None,
            event_id: to.event_id,
            draft: None,
        })
    }
}

/// Declares the `.html` and `.txt` templates of an email struct.
macro_rules! email_templates {
    ($module:ident, $email:ident, $kind:expr, $html:literal, $text:literal) => {
        email_templates!($module, $email, $html, $text);

        impl $email {
            /// The kind of this email, unless its contents say otherwise (`Email::kind`).
            pub const KIND: EmailKind = $kind;
        }
    };
    ($module:ident, $email:ident, $html:literal, $text:literal) => {
        mod $module {
            #[allow(
                unused_imports,
                reason = "some templates use the parent's types, some do not"
            )]
            use super::*;
            use askama::Template;

            #[derive(Template)]
            #[template(path = $html)]
            pub struct Html<'a> {
                pub m: &'a super::$email,
                /// The email's one heading (its subject).
                pub heading: &'a str,
            }

            #[derive(Template)]
            #[template(path = $text)]
            pub struct Text<'a> {
                pub m: &'a super::$email,
            }
        }

        impl $email {
            fn render_parts(&self, heading: &str) -> askama::Result<(String, String)> {
                Ok((
                    crate::mail::wrap::wrap_text(&$module::Text { m: self }.render()?, 78),
                    $module::Html { m: self, heading }.render()?,
                ))
            }
        }
    };
}

macro_rules! impl_email {
    ($email:ident, |$s:ident| $subject:expr) => {
        impl_email!($email, kind = |_m| $email::KIND, |$s| $subject);
    };
    ($email:ident, kind = |$k:ident| $kind:expr, |$s:ident| $subject:expr) => {
        impl Email for $email {
            fn kind(&self) -> EmailKind {
                let $k = self;
                $kind
            }

            fn common(&self) -> &Common {
                &self.c
            }

            fn subject(&self) -> String {
                let $s = self;
                $subject
            }

            fn render(&self) -> askama::Result<(String, String)> {
                self.render_parts(&self.subject())
            }
        }
    };
}

/// To the organiser, when the event is created.
#[derive(Debug, Clone)]
pub struct EventCreated {
    pub c: Common,
    pub organizer_name: String,
    pub event_name: String,
    pub when: String,
    pub venue: String,
    pub event_url: String,
    pub new_offer_url: String,
    pub snippet: String,
    /// The organiser's private page (magic link), once links exist.
    pub manage_url: Option<String>,
    /// Every date of a series with its page (empty for a single date).
    pub series: Vec<SeriesDate>,
}
email_templates!(
    event_created,
    EventCreated,
    EmailKind::EventCreated,
    "emails/event_created.html",
    "emails/event_created.txt"
);
impl_email!(EventCreated, |m| m.c.t1(
    "created-subject",
    "event",
    &m.event_name
));

/// To the driver, when a ride (and its ride back) is published.
#[derive(Debug, Clone)]
pub struct OfferPublished {
    pub c: Common,
    pub driver_name: String,
    pub event_name: String,
    pub trips: Vec<TripLine>,
    pub event_url: String,
    pub manage_url: Option<String>,
    /// People waiting for a ride like this one (the driver may invite them).
    pub waiting: Vec<WaitingLine>,
    /// The same ride on other dates of the series, each with its own page to manage it.
    pub repeats: Vec<RepeatLine>,
}

/// A waiting passenger as a driver sees them before any contact: first name, place, seats.
#[derive(Debug, Clone)]
pub struct WaitingLine {
    pub first_name: String,
    pub place: String,
    pub seats: i32,
}
email_templates!(
    offer_published,
    OfferPublished,
    EmailKind::OfferPublished,
    "emails/offer_published.html",
    "emails/offer_published.txt"
);
impl_email!(OfferPublished, |m| m.c.t1(
    "published-subject",
    "event",
    &m.event_name
));

/// To the driver: a passenger asks for seats. Reply-To is the passenger.
#[derive(Debug, Clone)]
pub struct RequestReceived {
    pub c: Common,
    pub driver_name: String,
    pub event_name: String,
    pub passenger_name: String,
    pub passenger_email: String,
    pub passenger_phone: Option<String>,
    pub seats: i32,
    pub pickup: String,
    pub message: String,
    pub trip: TripLine,
    pub seats_left: i32,
    /// The request's deadline, in the event's zone.
    pub deadline: String,
    pub accept_url: Option<String>,
    pub refuse_url: Option<String>,
    pub manage_url: Option<String>,
    /// The driver's detour with this passenger aboard and the driver's maximum (minutes), when
    /// the router says it goes beyond.
    pub over_detour: Option<(String, i32)>,
}
email_templates!(
    request_received,
    RequestReceived,
    EmailKind::RequestReceived,
    "emails/request_received.html",
    "emails/request_received.txt"
);
impl_email!(RequestReceived, |m| m.c.t3(
    "received-subject",
    "name",
    &m.passenger_name,
    "count",
    m.seats,
    "event",
    &m.event_name
));

/// To the passenger: the request is sent, what happens next.
#[derive(Debug, Clone)]
pub struct RequestSent {
    pub c: Common,
    pub passenger_name: String,
    pub driver_first_name: String,
    pub event_name: String,
    pub seats: i32,
    pub trip: TripLine,
    pub deadline: String,
    pub event_url: String,
    /// The passenger's status page (magic link), once links exist.
    pub status_url: Option<String>,
}
email_templates!(
    request_sent,
    RequestSent,
    EmailKind::RequestSent,
    "emails/request_sent.html",
    "emails/request_sent.txt"
);
impl_email!(RequestSent, |m| m.c.t2(
    "sent-subject",
    "driver",
    &m.driver_first_name,
    "event",
    &m.event_name
));

/// The message of `covoit send-test-email`, in the operator's language, laid out like every
/// other email (it is not queued: no kind, no outbox row).
#[derive(Debug, Clone)]
pub struct TestEmail {
    pub c: Common,
    pub body: String,
}

email_templates!(test_email, TestEmail, "emails/test.html", "emails/test.txt");

impl TestEmail {
    pub fn new(lang: Lang, base_url: &str) -> TestEmail {
        let body = T::get(lang).t1("test-body", "url", base_url);
        TestEmail {
            c: Common::new(lang, base_url, body.clone()),
            body,
        }
    }

    pub fn subject(&self) -> String {
        T::get(self.c.lang).t("test-subject").to_owned()
    }

    /// (text, html)
    pub fn render(&self) -> askama::Result<(String, String)> {
        self.render_parts(&self.subject())
    }
}

mod bounces;
pub use bounces::*;
mod decisions;
pub use decisions::*;
mod schedule;
pub use schedule::*;
mod waiting;
pub use waiting::*;
mod organiser;
pub use organiser::*;
mod digest;
pub use digest::*;
mod series;
pub use series::*;
