//! Why an action did not happen although it was well formed: the seats are gone, the ride was
//! cancelled or has left, the request is a duplicate, already answered or expired. Data only;
//! the web layer turns each into a page or a JSON error with its status.
use super::{NeedStatus, ReservationStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotEnoughSeats {
        left: i32,
    },
    OfferCancelled,
    Departed,
    DuplicateRequest,
    /// Nothing to do: the request is already in this state (a replay, a double click).
    AlreadyDone(ReservationStatus),
    RequestExpired,
    /// The event has started: no more needs, claims or invitations.
    EventStarted,
    /// The person already waits for a ride in this direction for this event.
    DuplicateNeed,
    /// The need is no longer waiting (matched, withdrawn or lapsed).
    NeedClosed(NeedStatus),
    /// This question or invitation was already answered.
    AlreadyAnswered,
    /// The organisers cancelled the event.
    EventCancelled,
    /// The organisers closed booking for now.
    BookingClosed,
    /// This co-organiser's link was withdrawn by the organisers.
    LinkRevoked,
    /// The organisers sent as many messages today as they may.
    TooManyMessages,
}

impl Refusal {
    /// The API's error code.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotEnoughSeats { .. } => "not_enough_seats",
            Refusal::OfferCancelled => "offer_cancelled",
            Refusal::Departed => "departed",
            Refusal::DuplicateRequest => "duplicate_request",
            Refusal::AlreadyDone(_) => "already_done",
            Refusal::RequestExpired => "request_expired",
            Refusal::EventStarted => "event_started",
            Refusal::DuplicateNeed => "duplicate_need",
            Refusal::NeedClosed(_) => "need_closed",
            Refusal::AlreadyAnswered => "already_done",
            Refusal::EventCancelled => "event_cancelled",
            Refusal::BookingClosed => "booking_closed",
            Refusal::LinkRevoked => "link_revoked",
            Refusal::TooManyMessages => "too_many_messages",
        }
    }
}
