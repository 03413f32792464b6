//! The states of offers and reservations, stored as short strings.
use std::fmt;

macro_rules! string_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(Direction { ToEvent => "to_event", FromEvent => "from_event" });
string_enum!(OfferStatus { Open => "open", Cancelled => "cancelled" });
string_enum!(ReservationStatus {
    Pending => "pending",
    Confirmed => "confirmed",
    Refused => "refused",
    Expired => "expired",
    Cancelled => "cancelled",
});
string_enum!(RefusalReason { Driver => "driver", Full => "full", OfferCancelled => "offer_cancelled" });

impl ReservationStatus {
    /// Pending and confirmed requests count as the passenger's one active request.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ReservationStatus::Pending | ReservationStatus::Confirmed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ReservationStatus::ALL {
            assert_eq!(ReservationStatus::parse(s.as_str()), Some(*s));
        }
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(*d));
        }
        assert_eq!(Direction::parse("sideways"), None);
        assert!(ReservationStatus::Pending.is_active());
        assert!(!ReservationStatus::Expired.is_active());
    }
}
