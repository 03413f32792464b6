//! The organisers' daily emails, for those who asked for them on their page: the digest (what
//! happened on the event since the previous one) and the headcount the day before it.
use askama::Template;

use super::{Common, Email, EmailKind};

/// One line of a digest: "New rides: 2".
#[derive(Debug, Clone)]
pub struct CountLine {
    /// Its catalogue key.
    pub label: &'static str,
    pub count: u64,
}

/// To an organiser: what happened on the event since the previous digest.
#[derive(Debug, Clone)]
pub struct OrganiserDigest {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub when: String,
    /// Since when (the previous digest's moment, in the event's zone).
    pub since: String,
    /// What happened, only the lines with something in them.
    pub lines: Vec<CountLine>,
    /// People on the waiting list now.
    pub waiting: u64,
    pub manage_url: String,
}

email_templates!(
    organiser_digest,
    OrganiserDigest,
    EmailKind::OrganiserDigest,
    "emails/organiser_digest.html",
    "emails/organiser_digest.txt"
);
impl_email!(OrganiserDigest, |m| m.c.t1(
    "digest-subject",
    "event",
    &m.event_name
));

/// The count of one direction, the day before the event.
#[derive(Debug, Clone)]
pub struct HeadcountLine {
    /// "Rides there" / "Rides back": its catalogue key.
    pub label: &'static str,
    pub drivers: i64,
    pub seats: i64,
    pub passengers: i64,
    /// People on the waiting list for this direction.
    pub waiting: i64,
}

/// To an organiser, the day before the event: drivers, seats, passengers, people waiting.
#[derive(Debug, Clone)]
pub struct Headcount {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub when: String,
    pub directions: Vec<HeadcountLine>,
    pub manage_url: String,
}

email_templates!(
    headcount,
    Headcount,
    EmailKind::Headcount,
    "emails/headcount.html",
    "emails/headcount.txt"
);
impl_email!(Headcount, |m| m.c.t1(
    "headcount-subject",
    "event",
    &m.event_name
));
