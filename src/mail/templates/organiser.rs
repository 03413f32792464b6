//! The emails of the organisers' changes to a whole event: the event changed (what, old and
//! new, in words; the reader's trips, flagged where a ride no longer fits) and the event
//! cancelled (what of the reader's ended). One email per person, whatever their roles.
use askama::Template;

use super::{Common, Email, EmailKind};

/// One thing that changed, in words: its label, the new value and the one it replaces.
#[derive(Debug, Clone)]
pub struct ChangeLine {
    pub label: String,
    pub new: String,
    pub old: String,
}

/// One of the reader's trips or needs for the event, with their own page.
#[derive(Debug, Clone)]
pub struct YourPart {
    /// "Your ride: Ride to X — Sat 5 Dec, 12:00".
    pub text: String,
    /// Their page for it, and the words of the link (none once it has ended).
    pub link: Option<(String, String)>,
    /// A ride whose time no longer fits the event (its driver is asked to change it).
    pub misfit: bool,
}

/// To everyone concerned: the organisers changed the event.
#[derive(Debug, Clone)]
pub struct EventChanged {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub changes: Vec<ChangeLine>,
    pub parts: Vec<YourPart>,
    pub event_url: String,
}

impl EventChanged {
    pub fn any_misfit(&self) -> bool {
        self.parts.iter().any(|p| p.misfit)
    }
}

email_templates!(
    event_changed,
    EventChanged,
    EmailKind::EventChanged,
    "emails/event_changed.html",
    "emails/event_changed.txt"
);
impl_email!(EventChanged, |m| m.c.t1(
    "org-changed-subject",
    "event",
    &m.event_name
));

/// To everyone concerned: the organisers cancelled the event.
#[derive(Debug, Clone)]
pub struct EventCancelled {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub when: String,
    /// The organisers' word to everyone (may be empty).
    pub note: String,
    pub parts: Vec<YourPart>,
    pub event_url: String,
}

email_templates!(
    event_cancelled,
    EventCancelled,
    EmailKind::EventCancelled,
    "emails/event_cancelled.html",
    "emails/event_cancelled.txt"
);
impl_email!(EventCancelled, |m| m.c.t1(
    "org-cancelled-subject",
    "event",
    &m.event_name
));

/// To a co-organiser: the organisers invite them, with their own link to the organiser page.
#[derive(Debug, Clone)]
pub struct CoOrganiserInvited {
    pub c: Common,
    pub name: String,
    pub inviter: String,
    pub event_name: String,
    pub when: String,
    pub venue: String,
    pub manage_url: String,
}

email_templates!(
    co_organiser_invited,
    CoOrganiserInvited,
    EmailKind::CoOrganiserInvited,
    "emails/co_organiser_invited.html",
    "emails/co_organiser_invited.txt"
);
impl_email!(CoOrganiserInvited, |m| m.c.t1(
    "org-co-subject",
    "event",
    &m.event_name
));

/// To a participant: the organisers' own words, inside a frame in the reader's language.
#[derive(Debug, Clone)]
pub struct OrganiserMessage {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub when: String,
    /// The organisers' text, as they wrote it (escaped in HTML like any value).
    pub body: String,
    pub event_url: String,
}

email_templates!(
    organiser_message,
    OrganiserMessage,
    EmailKind::OrganiserMessage,
    "emails/organiser_message.html",
    "emails/organiser_message.txt"
);
impl_email!(OrganiserMessage, |m| m.c.t1(
    "org-msg-subject",
    "event",
    &m.event_name
));

/// To the organisers: the operator removed their event from the site.
#[derive(Debug, Clone)]
pub struct EventRemoved {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub when: String,
}

email_templates!(
    event_removed,
    EventRemoved,
    EmailKind::EventRemoved,
    "emails/event_removed.html",
    "emails/event_removed.txt"
);
impl_email!(EventRemoved, |m| m.c.t1(
    "removed-subject",
    "event",
    &m.event_name
));
