//! The emails of decisions and changes: accepted, refused, cancelled, removed, offer cancelled,
//! trip changed, and the driver's passenger list.
use askama::Template;

use super::{Common, Email, EmailKind, TripLine};

/// A confirmed passenger as the driver sees them.
#[derive(Debug, Clone)]
pub struct PassengerLine {
    pub name: String,
    pub seats: i32,
    pub pickup: String,
    pub phone: Option<String>,
    pub email: String,
}

/// To the passenger: accepted, with the driver's contact and a calendar file.
#[derive(Debug, Clone)]
pub struct RequestAccepted {
    pub c: Common,
    pub passenger_name: String,
    pub driver_name: String,
    pub driver_phone: Option<String>,
    pub driver_email: String,
    pub event_name: String,
    pub seats: i32,
    pub pickup: String,
    pub trip: TripLine,
    pub status_url: String,
}
email_templates!(
    request_accepted,
    RequestAccepted,
    EmailKind::RequestAccepted,
    "emails/request_accepted.html",
    "emails/request_accepted.txt"
);
impl_email!(RequestAccepted, |m| m.c.t2(
    "accepted-subject",
    "driver",
    &m.driver_name,
    "event",
    &m.event_name
));

/// Why a request did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The driver said no.
    Driver,
    /// Another request filled the car.
    Full,
}

/// To the passenger: refused by the driver, or the offer is full.
#[derive(Debug, Clone)]
pub struct RequestRefused {
    pub c: Common,
    pub passenger_name: String,
    pub driver_first_name: String,
    pub event_name: String,
    pub kind: RefusalKind,
    /// The driver's optional word.
    pub note: String,
    pub trip: TripLine,
    pub event_url: String,
    /// The waiting list's form, for a passenger with no other ride.
    pub waiting_url: Option<String>,
}
email_templates!(
    request_refused,
    RequestRefused,
    EmailKind::RequestRefused,
    "emails/request_refused.html",
    "emails/request_refused.txt"
);
impl RequestRefused {
    pub fn is_full(&self) -> bool {
        self.kind == RefusalKind::Full
    }
}
impl_email!(
    RequestRefused,
    kind = |m| match m.kind {
        RefusalKind::Full => EmailKind::OfferFull,
        RefusalKind::Driver => EmailKind::RequestRefused,
    },
    |m| m.c.t1(
        match m.kind {
            RefusalKind::Full => "full-subject",
            RefusalKind::Driver => "refused-subject",
        },
        "event",
        &m.event_name
    )
);

/// What changed the driver's passenger list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChange {
    Accepted(String),
    /// `was_pending`: the request was cancelled before any answer.
    CancelledByPassenger {
        name: String,
        was_pending: bool,
    },
    Removed(String),
}

/// The kinds of change to the passenger list (each tells one email about one request apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Accepted,
    Cancelled,
    Removed,
}

impl ListChange {
    pub fn kind(&self) -> ChangeKind {
        match self {
            ListChange::Accepted(_) => ChangeKind::Accepted,
            ListChange::CancelledByPassenger { .. } => ChangeKind::Cancelled,
            ListChange::Removed(_) => ChangeKind::Removed,
        }
    }
}

/// To the driver after every accept, cancellation or removal: who is coming, seats left.
#[derive(Debug, Clone)]
pub struct PassengerListChanged {
    pub c: Common,
    pub driver_name: String,
    pub event_name: String,
    pub change: ListChange,
    pub passengers: Vec<PassengerLine>,
    pub seats_left: i32,
    pub trip: TripLine,
    pub manage_url: String,
}
email_templates!(
    passenger_list_changed,
    PassengerListChanged,
    EmailKind::PassengerListChanged,
    "emails/passenger_list_changed.html",
    "emails/passenger_list_changed.txt"
);
impl PassengerListChanged {
    /// The headline, in the reader's language.
    pub fn headline(&self) -> String {
        let (id, name) = match &self.change {
            ListChange::Accepted(n) => ("list-accepted", n),
            ListChange::CancelledByPassenger {
                name,
                was_pending: true,
            } => ("list-cancelled-pending", name),
            ListChange::CancelledByPassenger { name, .. } => ("list-cancelled", name),
            ListChange::Removed(n) => ("list-removed", n),
        };
        self.c.t1(id, "name", name)
    }
}
impl_email!(
    PassengerListChanged,
    kind = |m| match m.change.kind() {
        ChangeKind::Cancelled => EmailKind::PassengerCancelled,
        _ => EmailKind::PassengerListChanged,
    },
    |m| match &m.change {
        ListChange::CancelledByPassenger { name, .. } => {
            m.c.t2(
                "list-cancelled-subject",
                "name",
                name,
                "event",
                &m.event_name,
            )
        }
        _ => m.c.t1("list-subject", "event", &m.event_name),
    }
);

/// What happened to the passenger's request, for the short notices below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// The passenger cancelled: confirmation.
    CancellationConfirmed,
    /// The driver removed the passenger.
    RemovedByDriver,
    /// The driver cancelled the whole ride.
    OfferCancelled,
}

/// To the passenger: cancellation confirmed, removed by the driver, or ride cancelled.
#[derive(Debug, Clone)]
pub struct PassengerNotice {
    pub c: Common,
    pub kind: NoticeKind,
    pub passenger_name: String,
    pub driver_first_name: String,
    pub event_name: String,
    pub trip: TripLine,
    pub event_url: String,
    /// The waiting list's form (a ride cancelled, a seat taken back); `None` when the passenger
    /// came from the waiting list and is back on it.
    pub waiting_url: Option<String>,
    /// The passenger came from the waiting list and waits again.
    pub back_on_list: bool,
}
email_templates!(
    passenger_notice,
    PassengerNotice,
    EmailKind::CancellationConfirmed,
    "emails/passenger_notice.html",
    "emails/passenger_notice.txt"
);
impl PassengerNotice {
    /// What happened, in the reader's language.
    pub fn message(&self) -> String {
        match self.kind {
            NoticeKind::CancellationConfirmed => self.c.t("notice-cancelled").to_owned(),
            NoticeKind::RemovedByDriver => {
                self.c
                    .t1("notice-removed", "driver", &self.driver_first_name)
            }
            NoticeKind::OfferCancelled => {
                self.c
                    .t1("notice-offer-cancelled", "driver", &self.driver_first_name)
            }
        }
    }
}
impl_email!(
    PassengerNotice,
    kind = |m| match m.kind {
        NoticeKind::CancellationConfirmed => EmailKind::CancellationConfirmed,
        NoticeKind::RemovedByDriver => EmailKind::RemovedByDriver,
        NoticeKind::OfferCancelled => EmailKind::OfferCancelled,
    },
    |m| m.c.t1(
        match m.kind {
            NoticeKind::CancellationConfirmed => "notice-cancelled-subject",
            NoticeKind::RemovedByDriver => "notice-removed-subject",
            NoticeKind::OfferCancelled => "notice-offer-cancelled-subject",
        },
        "event",
        &m.event_name
    )
);

/// To confirmed passengers: the trip's time or place changed.
#[derive(Debug, Clone)]
pub struct TripChanged {
    pub c: Common,
    pub passenger_name: String,
    pub driver_first_name: String,
    pub event_name: String,
    pub old_when: String,
    pub new_when: String,
    pub old_place: String,
    pub new_place: String,
    /// The time at the passenger's stop, when the route moved it: (label id, new, old).
    pub stop: Option<StopChange>,
    pub trip: TripLine,
    pub status_url: String,
}

/// A passenger's pickup (or drop-off) time moved by the route.
#[derive(Debug, Clone)]
pub struct StopChange {
    /// `route-pickup-time` or `route-dropoff-time`.
    pub label_id: &'static str,
    pub new: String,
    pub old: String,
}
email_templates!(
    trip_changed,
    TripChanged,
    EmailKind::TripChanged,
    "emails/trip_changed.html",
    "emails/trip_changed.txt"
);
impl TripChanged {
    pub fn time_changed(&self) -> bool {
        self.old_when != self.new_when
    }

    pub fn place_changed(&self) -> bool {
        self.old_place != self.new_place
    }
}
impl_email!(TripChanged, |m| m.c.t1(
    "changed-subject",
    "event",
    &m.event_name
));
