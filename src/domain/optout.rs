//! One-click unsubscribe (RFC 8058): which emails a person may stop, for what, and how the
//! `unsubscribe` link names the email it came with.
use super::EmailKind;

/// A family of emails one can stop; the others (a request to answer, an acceptance) are part
/// of the booking itself and always go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptOutGroup {
    /// The day-before reminders.
    Reminder,
    /// The driver's reminders about a request still waiting for an answer.
    Nudge,
    /// "Still going?" before departure.
    Still,
    /// Seats freed on rides, to people on the waiting list.
    Alert,
    /// The organisers' daily digest and day-before headcount.
    Digest,
}

impl OptOutGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            OptOutGroup::Reminder => "reminder",
            OptOutGroup::Nudge => "nudge",
            OptOutGroup::Still => "still",
            OptOutGroup::Alert => "alert",
            OptOutGroup::Digest => "digest",
        }
    }
}

/// What the stop covers: one trip, or one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptOutScope {
    Offer(i64),
    Event(i64),
}

impl OptOutScope {
    pub fn kind(self) -> &'static str {
        match self {
            OptOutScope::Offer(_) => "offer",
            OptOutScope::Event(_) => "event",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            OptOutScope::Offer(id) | OptOutScope::Event(id) => id,
        }
    }
}

/// One person's stop of one family of emails for one trip or event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptOut {
    pub group: OptOutGroup,
    pub scope: OptOutScope,
}

/// The kinds that carry an unsubscribe link, with their code in the link (stable: links in
/// mailboxes keep working across versions).
const KINDS: [(EmailKind, i64, OptOutGroup); 7] = [
    (EmailKind::ReminderDriver, 1, OptOutGroup::Reminder),
    (EmailKind::ReminderPassenger, 2, OptOutGroup::Reminder),
    (EmailKind::DriverNudge, 3, OptOutGroup::Nudge),
    (EmailKind::StillGoing, 4, OptOutGroup::Still),
    (EmailKind::SeatFreed, 5, OptOutGroup::Alert),
    (EmailKind::OrganiserDigest, 6, OptOutGroup::Digest),
    (EmailKind::Headcount, 7, OptOutGroup::Digest),
];

/// The family a kind of email belongs to, if it can be stopped.
pub fn group_of(kind: EmailKind) -> Option<OptOutGroup> {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, _, g)| *g)
}

/// The id an `unsubscribe` link carries: the email's kind and the record it is about.
pub fn target_id(kind: EmailKind, record_id: i64) -> Option<i64> {
    let (_, code, _) = KINDS.iter().find(|(k, _, _)| *k == kind)?;
    (0..1 << 56)
        .contains(&record_id)
        .then_some(record_id << 4 | code)
}

/// The kind and record an `unsubscribe` link's id names.
pub fn target_of(id: i64) -> Option<(EmailKind, i64)> {
    let code = id & 0xf;
    let (kind, _, _) = KINDS.iter().find(|(_, c, _)| *c == code)?;
    Some((*kind, id >> 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_ids_round_trip_and_refuse_the_rest() {
        for (kind, _, _) in KINDS {
            for record in [1, 42, (1 << 56) - 1] {
                let id = target_id(kind, record).unwrap();
                assert_eq!(target_of(id), Some((kind, record)));
            }
        }
        assert_eq!(target_id(EmailKind::RequestAccepted, 1), None);
        assert_eq!(target_id(EmailKind::ReminderDriver, -1), None);
        assert_eq!(target_of(42 << 4), None);
        assert_eq!(target_of(42 << 4 | 9), None);
    }
}
