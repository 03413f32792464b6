//! The message shown next to a refused field, for each reason (`domain::Invalid`).
use super::T;
use crate::domain::Invalid;

impl T {
    /// The message shown next to a refused field.
    pub fn invalid(&self, why: &Invalid) -> String {
        use Invalid::*;
        match why {
            Required => self.t("invalid-required").to_owned(),
            TooLong { max } => self.t1("invalid-too-long", "max", *max),
            TooMany { max } => self.t1("org-co-too-many", "max", *max),
            ControlCharacters => self.t("invalid-control-characters").to_owned(),
            Encoding => self.t("invalid-encoding").to_owned(),
            TooFarAhead => self.t("invalid-too-far-ahead").to_owned(),
            Email => self.t("invalid-email").to_owned(),
            Phone => self.t("invalid-phone").to_owned(),
            Seats { max } => self.t1("invalid-seats", "max", u32::from(*max)),
            SeatsLeft { left } => self.not_enough_seats(*left),
            SeatsBelowTaken { taken } => self.t1("invalid-seats-below-taken", "taken", *taken),
            WholeNumber => self.t("invalid-whole-number").to_owned(),
            DateTime => self.t("invalid-date-time").to_owned(),
            InThePast => self.t("invalid-in-the-past").to_owned(),
            NonexistentLocalTime => self.t("invalid-nonexistent-local-time").to_owned(),
            TimeZone => self.t("invalid-time-zone").to_owned(),
            Direction => self.t("invalid-direction").to_owned(),
            Locale => self.t("invalid-locale").to_owned(),
            WrongType { expected } => self.t1("invalid-wrong-type", "expected", *expected),
            TripTime => self.t("invalid-trip-time").to_owned(),
            ReturnWithoutOutbound => self.t("invalid-return-without-outbound").to_owned(),
            ReturnNeedsTime => self.t("invalid-return-needs-time").to_owned(),
            TimeWindow => self.t("invalid-time-window").to_owned(),
            UnknownField => self.t("invalid-unknown-field").to_owned(),
            UnknownPlace => self.t("invalid-unknown-place").to_owned(),
            Radius { max } => self.t1("invalid-radius", "max", *max),
            DetourMinutes { max } => self.t1("invalid-detour", "max", *max),
            Date => self.t("invalid-date").to_owned(),
            UntilBeforeStart => self.t("invalid-until-before-start").to_owned(),
            TooManyDates { max } => self.t1("invalid-too-many-dates", "max", *max),
            EveryWeeks { max } => self.t1("invalid-every-weeks", "max", *max),
            RepeatDate => self.t("invalid-repeat-date").to_owned(),
        }
    }
}
