//! The emails of the waiting list: a need registered, seats freed for those who wait, a
//! driver's invitation, and "still going?" before departure.
use askama::Template;

use super::{Common, Email, EmailKind, TripLine};

/// To the passenger: they are on the waiting list, with their need's link.
#[derive(Debug, Clone)]
pub struct NeedCreated {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    /// "Rides there and back", in the reader's language.
    pub direction: String,
    pub place: String,
    pub seats: i32,
    pub need_url: String,
    pub event_url: String,
}
email_templates!(
    need_created,
    NeedCreated,
    EmailKind::NeedCreated,
    "emails/need_created.html",
    "emails/need_created.txt"
);
impl_email!(NeedCreated, |m| m.c.t1(
    "need-created-subject",
    "event",
    &m.event_name
));

/// To a waiting passenger: seats were freed on a ride that suits them.
#[derive(Debug, Clone)]
pub struct SeatFreed {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub driver_first_name: String,
    pub trip: TripLine,
    pub seats_left: i32,
    /// The ride confirms at once (otherwise the driver answers).
    pub auto_accept: bool,
    pub claim_url: String,
    pub need_url: String,
}
email_templates!(
    seat_freed,
    SeatFreed,
    EmailKind::SeatFreed,
    "emails/seat_freed.html",
    "emails/seat_freed.txt"
);
impl_email!(SeatFreed, |m| m.c.t1(
    "seat-freed-subject",
    "event",
    &m.event_name
));

/// To a waiting passenger: a driver invites them.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    pub driver_first_name: String,
    pub trip: TripLine,
    pub seats: i32,
    pub join_url: String,
    pub need_url: String,
}
email_templates!(
    invitation,
    Invitation,
    EmailKind::Invitation,
    "emails/invitation.html",
    "emails/invitation.txt"
);
impl_email!(Invitation, |m| m.c.t2(
    "invitation-subject",
    "driver",
    &m.driver_first_name,
    "event",
    &m.event_name
));

/// To the driver or a confirmed passenger, before departure: still going?
#[derive(Debug, Clone)]
pub struct StillGoing {
    pub c: Common,
    pub name: String,
    pub event_name: String,
    /// The driver is asked (otherwise a passenger).
    pub to_driver: bool,
    pub driver_first_name: String,
    pub trip: TripLine,
    pub yes_url: String,
    pub no_url: String,
}
email_templates!(
    still_going,
    StillGoing,
    EmailKind::StillGoing,
    "emails/still_going.html",
    "emails/still_going.txt"
);
impl StillGoing {
    /// What "no" does, as its button says it.
    pub fn no_label(&self) -> &'static str {
        if self.to_driver {
            "still-no-driver"
        } else {
            "still-no-passenger"
        }
    }
}
impl_email!(StillGoing, |m| m.c.t2(
    "still-subject",
    "when",
    &m.trip.when,
    "event",
    &m.event_name
));

/// One active link in "your links": what it is about, and the link.
#[derive(Debug, Clone)]
pub struct LinkLine {
    /// "Ride to X — Saturday 12 December at 10:00".
    pub label: String,
    pub url: String,
}

/// "Email me my links": every active link of one address, by kind.
#[derive(Debug, Clone)]
pub struct YourLinks {
    pub c: Common,
    pub name: String,
    pub events: Vec<LinkLine>,
    pub rides: Vec<LinkLine>,
    pub bookings: Vec<LinkLine>,
    pub needs: Vec<LinkLine>,
    /// One `data` link per event the address is in.
    pub data: Vec<LinkLine>,
}
email_templates!(
    your_links,
    YourLinks,
    EmailKind::YourLinks,
    "emails/your_links.html",
    "emails/your_links.txt"
);
impl_email!(YourLinks, |m| m.c.t("links-subject").to_owned());

impl YourLinks {
    /// The sections that have links: (heading key, links).
    pub fn sections(&self) -> Vec<(&'static str, &[LinkLine])> {
        [
            ("links-events", &self.events[..]),
            ("links-rides", &self.rides[..]),
            ("links-bookings", &self.bookings[..]),
            ("links-needs", &self.needs[..]),
            ("links-data", &self.data[..]),
        ]
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .collect()
    }
}
