//! The emails of the background steps: request expired (both sides), the driver's nudge, and
//! the day-before reminders.
use askama::Template;

use super::{Common, Email, EmailKind, PassengerLine, TripLine};

/// To the passenger (with the other rides) or to the driver (the request lapsed).
#[derive(Debug, Clone)]
pub struct RequestExpired {
    pub c: Common,
    pub to_driver: bool,
    pub greeting_name: String,
    pub passenger_name: String,
    pub event_name: String,
    pub trip: TripLine,
    pub event_url: String,
    pub manage_url: Option<String>,
    /// The waiting list's form, for a passenger with no other ride.
    pub waiting_url: Option<String>,
}
email_templates!(
    request_expired,
    RequestExpired,
    EmailKind::RequestExpired,
    "emails/request_expired.html",
    "emails/request_expired.txt"
);
impl_email!(RequestExpired, |m| if m.to_driver {
    m.c.t2(
        "expired-driver-subject",
        "name",
        &m.passenger_name,
        "event",
        &m.event_name,
    )
} else {
    m.c.t1("expired-subject", "event", &m.event_name)
});

/// To the driver, half-way to a request's expiry.
#[derive(Debug, Clone)]
pub struct DriverNudge {
    pub c: Common,
    pub driver_name: String,
    pub passenger_name: String,
    pub seats: i32,
    pub event_name: String,
    pub trip: TripLine,
    pub deadline: String,
    pub accept_url: String,
    pub refuse_url: String,
    pub manage_url: String,
}
email_templates!(
    driver_nudge,
    DriverNudge,
    EmailKind::DriverNudge,
    "emails/driver_nudge.html",
    "emails/driver_nudge.txt"
);
impl_email!(DriverNudge, |m| m.c.t2(
    "nudge-subject",
    "name",
    &m.passenger_name,
    "event",
    &m.event_name
));

/// To the driver, the day before: who is coming.
#[derive(Debug, Clone)]
pub struct ReminderDriver {
    pub c: Common,
    pub driver_name: String,
    pub event_name: String,
    pub trip: TripLine,
    pub passengers: Vec<PassengerLine>,
    pub seats_left: i32,
    pub manage_url: String,
}
email_templates!(
    reminder_driver,
    ReminderDriver,
    EmailKind::ReminderDriver,
    "emails/reminder_driver.html",
    "emails/reminder_driver.txt"
);
impl_email!(ReminderDriver, |m| m.c.t2(
    "reminder-driver-subject",
    "when",
    &m.trip.when,
    "event",
    &m.event_name
));

/// To each confirmed passenger, the day before: when, where, and the driver's contact.
#[derive(Debug, Clone)]
pub struct ReminderPassenger {
    pub c: Common,
    pub passenger_name: String,
    pub event_name: String,
    pub trip: TripLine,
    pub pickup: String,
    /// (label id, time) at the passenger's stop, when the router gave one.
    pub stop: Option<(&'static str, String)>,
    pub driver_name: String,
    pub driver_phone: Option<String>,
    pub driver_email: String,
    pub status_url: String,
}
email_templates!(
    reminder_passenger,
    ReminderPassenger,
    EmailKind::ReminderPassenger,
    "emails/reminder_passenger.html",
    "emails/reminder_passenger.txt"
);
impl_email!(ReminderPassenger, |m| m.c.t2(
    "reminder-passenger-subject",
    "driver",
    &m.driver_name,
    "event",
    &m.event_name
));
