//! The states of offers, reservations and emails, the direction of a ride and why a request
//! ended: enums stored as short strings (SeaORM active enums), never string literals compared
//! by hand.
use std::fmt;

use sea_orm::entity::prelude::*;

/// Declares a state enum once: its variants, their stored spellings (the SeaORM active-enum
/// values), `as_str`, `parse` and `Display`.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        pub enum $name {
            $($(#[$vm])* #[sea_orm(string_value = $text)] $variant),+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

stored_enum!(Direction {
    ToEvent = "to_event",
    FromEvent = "from_event",
});

stored_enum!(OfferStatus {
    Open = "open",
    Cancelled = "cancelled",
});

stored_enum!(
    /// An event is open until its organisers cancel it (for good).
    EventStatus {
        Open = "open",
        Cancelled = "cancelled",
    }
);

stored_enum!(ReservationStatus {
    Pending = "pending",
    Confirmed = "confirmed",
    Refused = "refused",
    Expired = "expired",
    Cancelled = "cancelled",
});

stored_enum!(
    /// Which rides a waiting passenger needs.
    NeedDirection {
        ToEvent = "to_event",
        FromEvent = "from_event",
        Both = "both",
    }
);

stored_enum!(
    /// A need's life: waiting until a seat is found (`matched`), the passenger withdraws it,
    /// the event starts (`lapsed`) or is cancelled (`cancelled`).
    NeedStatus {
        Waiting = "waiting",
        Matched = "matched",
        Withdrawn = "withdrawn",
        Lapsed = "lapsed",
        /// The organisers cancelled the event.
        Cancelled = "cancelled",
    }
);

stored_enum!(
    /// A driver's invitation to a waiting passenger.
    InvitationStatus {
        Pending = "pending",
        Accepted = "accepted",
    }
);

stored_enum!(
    /// The answer to "still going?".
    StillAnswer {
        Yes = "yes",
        No = "no",
    }
);

stored_enum!(
    /// Why a request left the pending or confirmed state.
    Reason {
        /// The driver refused it.
        Driver = "driver",
        /// Another request filled the car.
        Full = "full",
        /// The driver cancelled the ride.
        OfferCancelled = "offer_cancelled",
        /// Nobody answered in time.
        Timeout = "timeout",
        /// The passenger cancelled after being accepted.
        Passenger = "passenger",
        /// The passenger withdrew while waiting for an answer.
        PassengerPending = "passenger_pending",
        /// The driver removed a confirmed passenger.
        Removed = "removed",
        /// The organisers cancelled the event.
        EventCancelled = "event_cancelled",
    }
);

stored_enum!(
    /// Where an email is in its life.
    EmailStatus {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
        /// Kept, not sent (`mail_mode = "capture"`).
        Captured = "captured",
        /// Sent, and came back: the address does not work (a hard bounce).
        Bounced = "bounced",
        /// Not sent: its address hard-bounced lately.
        Suppressed = "suppressed",
    }
);

stored_enum!(
    /// What a delivery report says of an address.
    BounceKind {
        /// The address does not work (unknown user, no such domain, mailbox disabled).
        Hard = "hard",
        /// Not delivered this time (mailbox full, delayed, refused for another reason).
        Soft = "soft",
    }
);

stored_enum!(
    /// Which email an outbox row is (each has its templates and its subject).
    EmailKind {
        EventCreated = "event_created",
        OfferPublished = "offer_published",
        RequestReceived = "request_received",
        RequestSent = "request_sent",
        RequestAccepted = "request_accepted",
        PassengerListChanged = "passenger_list_changed",
        PassengerCancelled = "passenger_cancelled",
        RequestRefused = "request_refused",
        OfferFull = "offer_full",
        CancellationConfirmed = "cancellation_confirmed",
        RemovedByDriver = "removed_by_driver",
        OfferCancelled = "offer_cancelled",
        TripChanged = "trip_changed",
        RequestExpired = "request_expired",
        DriverNudge = "driver_nudge",
        ReminderDriver = "reminder_driver",
        ReminderPassenger = "reminder_passenger",
        /// To a passenger: their need is registered, with its link.
        NeedCreated = "need_created",
        /// To a waiting passenger: seats were freed on a ride that fits.
        SeatFreed = "seat_freed",
        /// To a waiting passenger: a driver invites them.
        Invitation = "invitation",
        /// To a driver or a confirmed passenger, before departure: still going?
        StillGoing = "still_going",
        /// "Email me my links": every active link of one address.
        YourLinks = "your_links",
        /// To the other party of a trip: this person's address hard-bounced.
        AddressBounced = "address_bounced",
        /// To everyone concerned: the organisers changed the event (name, venue, date, zone).
        EventChanged = "event_changed",
        /// To everyone concerned: the organisers cancelled the event.
        EventCancelled = "event_cancelled",
        /// To a co-organiser: their own link to the organiser page.
        CoOrganiserInvited = "co_organiser_invited",
        /// To participants: a message from the organisers, in a frame in the reader's language.
        OrganiserMessage = "organiser_message",
        /// To an organiser who asked for it: what happened since yesterday's digest.
        OrganiserDigest = "organiser_digest",
        /// To an organiser who asked for the digest: the headcount the day before the event.
        Headcount = "headcount",
    }
);

stored_enum!(
    /// Whom an organisers' message goes to.
    Audience {
        Drivers = "drivers",
        Passengers = "passengers",
        ToEvent = "to_event",
        FromEvent = "from_event",
    }
);

impl EmailKind {
    /// The emails a submission sends to the address typed in it, whoever typed it (capped per
    /// address and hour, so that covoit cannot be used to flood a mailbox).
    pub const ACKNOWLEDGEMENTS: [EmailKind; 6] = [
        EmailKind::CoOrganiserInvited,
        EmailKind::YourLinks,
        EmailKind::RequestSent,
        EmailKind::EventCreated,
        EmailKind::OfferPublished,
        EmailKind::NeedCreated,
    ];
}

impl NeedDirection {
    /// Whether a ride in `direction` serves this need.
    pub fn covers(self, direction: Direction) -> bool {
        match self {
            NeedDirection::Both => true,
            NeedDirection::ToEvent => direction == Direction::ToEvent,
            NeedDirection::FromEvent => direction == Direction::FromEvent,
        }
    }

    /// Whether two needs ask for a ride in a common direction.
    pub fn overlaps(self, other: NeedDirection) -> bool {
        self == other || self == NeedDirection::Both || other == NeedDirection::Both
    }
}

impl ReservationStatus {
    /// Pending and confirmed requests count as the passenger's one active request.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ReservationStatus::Pending | ReservationStatus::Confirmed
        )
    }
}

impl Reason {
    /// Whether the driver had accepted the request before it ended this way.
    pub fn after_acceptance(self) -> bool {
        matches!(
            self,
            Reason::Passenger | Reason::Removed | Reason::OfferCancelled | Reason::EventCancelled
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn round_trips() {
        for s in ReservationStatus::iter() {
            assert_eq!(ReservationStatus::parse(s.as_str()), Some(s));
            assert_eq!(s.to_value(), s.as_str(), "the stored spelling");
        }
        for r in Reason::iter() {
            assert_eq!(r.to_value(), r.as_str());
        }
        for d in Direction::iter() {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
        }
        assert_eq!(Direction::ToEvent.as_str(), "to_event");
        assert_eq!(Reason::PassengerPending.as_str(), "passenger_pending");
        assert_eq!(EmailStatus::Captured.to_string(), "captured");
        assert_eq!(Direction::parse("sideways"), None);
        assert!(ReservationStatus::Pending.is_active());
        assert!(!ReservationStatus::Expired.is_active());
        assert!(NeedDirection::Both.covers(Direction::FromEvent));
        assert!(!NeedDirection::ToEvent.covers(Direction::FromEvent));
        assert!(NeedDirection::ToEvent.overlaps(NeedDirection::Both));
        assert!(!NeedDirection::ToEvent.overlaps(NeedDirection::FromEvent));
        for n in NeedStatus::iter() {
            assert_eq!(NeedStatus::parse(n.as_str()), Some(n));
        }
    }
}
