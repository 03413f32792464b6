//! The emails of the background steps: request expired (both sides), the driver's nudge, and
//! the day-before reminders.
use askama::Template;

use super::{Common, Email, EmailKind, PassengerLine, TripLine, subject};

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
}
email_templates!(
    request_expired,
    RequestExpired,
    EmailKind::RequestExpired,
    "emails/request_expired.html",
    "emails/request_expired.txt"
);
impl_email!(RequestExpired, |m| if m.to_driver {
    subject(
        &m.c,
        format!("Demande expirée : {} — {}", m.passenger_name, m.event_name),
        format!("Request lapsed: {} — {}", m.passenger_name, m.event_name),
    )
} else {
    subject(
        &m.c,
        format!("Demande expirée sans réponse — {}", m.event_name),
        format!("Request expired without an answer — {}", m.event_name),
    )
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
impl_email!(DriverNudge, |m| subject(
    &m.c,
    format!(
        "{} attend votre réponse — {}",
        m.passenger_name, m.event_name
    ),
    format!(
        "{} is waiting for your answer — {}",
        m.passenger_name, m.event_name
    )
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
impl_email!(ReminderDriver, |m| subject(
    &m.c,
    format!("Demain : {} — {}", m.trip.when, m.event_name),
    format!("Tomorrow: {} — {}", m.trip.when, m.event_name)
));

/// To each confirmed passenger, the day before: when, where, and the driver's contact.
#[derive(Debug, Clone)]
pub struct ReminderPassenger {
    pub c: Common,
    pub passenger_name: String,
    pub event_name: String,
    pub trip: TripLine,
    pub pickup: String,
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
impl_email!(ReminderPassenger, |m| subject(
    &m.c,
    format!("Demain : {} vous emmène — {}", m.driver_name, m.event_name),
    format!(
        "Tomorrow: {} is taking you — {}",
        m.driver_name, m.event_name
    )
));
