//! Why a field was refused, as data: the pages and the API translate it for the reader.
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooLong {
        max: usize,
    },
    /// A list (an event's co-organisers) is full.
    TooMany {
        max: usize,
    },
    ControlCharacters,
    /// Bytes that are not UTF-8 text.
    Encoding,
    /// Further ahead than anyone plans a trip.
    TooFarAhead,
    Email,
    Phone,
    Seats {
        max: u8,
    },
    /// More seats asked than the ride has free.
    SeatsLeft {
        left: i32,
    },
    /// Fewer seats than passengers already confirmed.
    SeatsBelowTaken {
        taken: i32,
    },
    WholeNumber,
    DateTime,
    InThePast,
    /// A local time skipped by a daylight-saving change.
    NonexistentLocalTime,
    TimeZone,
    Direction,
    Locale,
    /// The JSON value had the wrong type (`expected` names the right one).
    WrongType {
        expected: &'static str,
    },
    /// A to-event ride departing long before the event, a return before its outbound, ...
    TripTime,
    /// Return-trip details on a ride that is itself a ride back.
    ReturnWithoutOutbound,
    /// Return seats or place given without the return's departure time.
    ReturnNeedsTime,
    /// The latest acceptable departure is not after the earliest.
    TimeWindow,
    UnknownField,
    /// A place that no source knows (where a point is needed).
    UnknownPlace,
    /// Not a calendar day (`YYYY-MM-DD`).
    Date,
    /// A series' last day before its first.
    UntilBeforeStart,
    /// A series with more dates than allowed.
    TooManyDates {
        max: usize,
    },
    /// A repeat that is not every 1 to `max` weeks.
    EveryWeeks {
        max: u32,
    },
    /// A date to repeat a ride on that is not an open date of the event's series.
    RepeatDate,
    /// A search radius that is not a number of kilometres up to `max`.
    Radius {
        max: u32,
    },
    /// A maximum detour that is not a whole number of minutes from 1 to `max`.
    DetourMinutes {
        max: u32,
    },
}

/// Field name → reason, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<&'static str, Invalid>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, why: Invalid) {
        self.0.entry(field).or_insert(why);
    }

    /// Replaces the field's error (a more helpful one is known).
    pub fn set(&mut self, field: &'static str, why: Invalid) {
        self.0.insert(field, why);
    }

    /// Records the error of `result` under `field` and returns its value, if any.
    pub fn take<T>(&mut self, field: &'static str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(why) => {
                self.add(field, why);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&Invalid> {
        self.0.get(field)
    }
}
