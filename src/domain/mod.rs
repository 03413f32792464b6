//! Pure types and rules: values parsed at the boundary, and the reservation state machine.
mod accent;
mod email;
mod geo;
mod invalid;
mod lang;
pub mod optout;
pub mod phone;
mod public_id;
mod refusal;
pub mod schedule;
mod slug;
mod status;
mod text;
mod time;
pub mod verp;

pub use accent::Accent;
pub use email::Email;
pub use geo::Point;
pub use invalid::{FieldErrors, Invalid};
pub use lang::Lang;
pub use optout::{OptOut, OptOutGroup, OptOutScope};
pub use phone::Phone;
pub use public_id::PublicId;
pub use refusal::Refusal;
pub use slug::Slug;
pub use status::{
    Audience, BounceKind, Direction, EmailKind, EmailStatus, EventStatus, InvitationStatus,
    NeedDirection, NeedStatus, OfferStatus, Reason, ReservationStatus, StillAnswer,
};
pub use text::{Name, OptionalText, SeatCount, Text};
pub use time::{HORIZON, parse_event_time, parse_timezone, plus, zone_names, zone_of_place};

/// A key that signs links and return addresses: redacted in Debug, zeroed when dropped.
pub type SigningKey = secrecy::SecretSlice<u8>;
