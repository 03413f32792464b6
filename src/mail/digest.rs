//! Building the organisers' daily emails (the digest and the day-before headcount) for one
//! reader, an organiser or a co-organiser who asked for them: each carries the reader's own
//! `event` link and a one-click unsubscribe (RFC 8058) for this event.
use chrono::{DateTime, Utc};

use super::Emails;
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{CountLine, Email, Headcount, HeadcountLine, Occurrence, OrganiserDigest};
use crate::domain::{Direction, EmailKind, OptOutScope};
use crate::entities::event;
use crate::links::{EventLink, Purpose, event_end};

/// What happened on an event between two digests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    pub new_rides: u64,
    pub rides_cancelled: u64,
    pub new_requests: u64,
    pub accepted: u64,
    pub requests_cancelled: u64,
    pub new_waiting: u64,
    /// People on the waiting list now (told, but no activity by itself).
    pub waiting: u64,
}

impl Activity {
    /// Something happened: a digest is worth sending.
    pub fn any(&self) -> bool {
        self.lines().iter().any(|l| l.count > 0)
    }

    /// The lines with something in them, in a fixed order.
    pub fn lines(&self) -> Vec<CountLine> {
        [
            ("digest-new-rides", self.new_rides),
            ("digest-rides-cancelled", self.rides_cancelled),
            ("digest-new-requests", self.new_requests),
            ("digest-accepted", self.accepted),
            ("digest-requests-cancelled", self.requests_cancelled),
            ("digest-new-waiting", self.new_waiting),
        ]
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(label, count)| CountLine { label, count })
        .collect()
    }
}

/// The headcount of one direction.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DirectionCount {
    pub drivers: i64,
    pub seats: i64,
    pub passengers: i64,
    pub waiting: i64,
}

/// The record a reader's daily emails are about (their dedupe key and unsubscribe link):
/// the organiser (even) or one co-organiser (odd), never negative.
pub fn record_of(link: EventLink) -> i64 {
    match link {
        EventLink::Organiser { event_id } => event_id.saturating_mul(2),
        EventLink::CoOrganiser { id } => id.saturating_mul(2).saturating_add(1),
    }
}

/// The reader a record names (`record_of` undone).
pub fn link_of(record: i64) -> EventLink {
    if record % 2 == 0 {
        EventLink::Organiser {
            event_id: record / 2,
        }
    } else {
        EventLink::CoOrganiser { id: record / 2 }
    }
}

/// The reader's own organiser page, and the one-click stop of these emails for the event.
fn links(
    emails: &Emails,
    e: &event::Model,
    to: &Recipient,
    (kind, link): (EmailKind, EventLink),
    now: DateTime<Utc>,
) -> (String, Option<super::outbox::Unsubscribe>) {
    let until = event_end(e.starts_at);
    let page = to.page(emails.urls.link(Purpose::Event, link.id(), now, until));
    let unsub = to.unsubscribe(
        &emails.urls,
        (kind, record_of(link)),
        OptOutScope::Event(e.id),
        until,
        now,
    );
    (page, unsub)
}

/// To one reader: what happened since `since` (once per `day`, a day number in the event's
/// zone).
pub fn digest(
    emails: &Emails,
    e: &event::Model,
    (link, to): (EventLink, &Recipient),
    activity: &Activity,
    (since, day): (DateTime<Utc>, i32),
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let (manage_url, unsub) = links(emails, e, to, (EmailKind::OrganiserDigest, link), now);
    OrganiserDigest {
        c: to
            .common(
                &emails.urls,
                format!("{} — {}", e.name, to.when(e.starts_at)),
            )
            .stoppable(unsub.as_ref()),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
        since: to.when(since),
        lines: activity.lines(),
        waiting: activity.waiting,
        manage_url,
    }
    .outgoing(record_of(link), Occurrence::Day(day), to, None)
    .map(|out| out.stoppable(unsub))
}

/// To one reader, the day before the event: each direction's drivers, seats, passengers and
/// people waiting (once per `day`).
pub fn headcount(
    emails: &Emails,
    e: &event::Model,
    (link, to): (EventLink, &Recipient),
    counts: &[(Direction, DirectionCount)],
    day: i32,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let (manage_url, unsub) = links(emails, e, to, (EmailKind::Headcount, link), now);
    Headcount {
        c: to
            .common(
                &emails.urls,
                format!("{} — {}", e.name, to.when(e.starts_at)),
            )
            .stoppable(unsub.as_ref()),
        name: to.person.name.clone(),
        event_name: e.name.clone(),
        when: to.when(e.starts_at),
        directions: counts
            .iter()
            .map(|(d, c)| HeadcountLine {
                label: match d {
                    Direction::ToEvent => "headcount-there",
                    Direction::FromEvent => "headcount-back",
                },
                drivers: c.drivers,
                seats: c.seats,
                passengers: c.passengers,
                waiting: c.waiting,
            })
            .collect(),
        manage_url,
    }
    .outgoing(record_of(link), Occurrence::Day(day), to, None)
    .map(|out| out.stoppable(unsub))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_name_their_reader_and_stay_positive() {
        for link in [
            EventLink::Organiser { event_id: 7 },
            EventLink::CoOrganiser { id: 7 },
            EventLink::CoOrganiser { id: 1 },
        ] {
            assert!(record_of(link) >= 0);
            assert_eq!(link_of(record_of(link)), link);
        }
        assert_ne!(
            record_of(EventLink::Organiser { event_id: 3 }),
            record_of(EventLink::CoOrganiser { id: 3 })
        );
    }

    #[test]
    fn a_quiet_day_has_nothing_to_say() {
        let quiet = Activity {
            waiting: 3,
            ..Activity::default()
        };
        assert!(!quiet.any(), "people waiting alone are no news");
        let busy = Activity {
            accepted: 1,
            ..quiet
        };
        assert!(busy.any());
        assert_eq!(busy.lines().len(), 1);
    }
}
