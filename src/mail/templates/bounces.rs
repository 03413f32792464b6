//! The email that tells one party that the other's address does not work (a hard bounce).
use super::*;

/// Whose address bounced, as the reader knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BouncedRole {
    /// The reader is the driver; the passenger's address bounced.
    Passenger,
    /// The reader is a passenger; the driver's address bounced.
    Driver,
}

/// To the other party of a trip: emails to this person come back.
#[derive(Debug, Clone)]
pub struct AddressBounced {
    pub c: Common,
    pub reader_name: String,
    pub role: BouncedRole,
    /// The first name of the person whose address bounced.
    pub about_name: String,
    /// Their phone, when the reader may see it.
    pub about_phone: Option<String>,
    pub event_name: String,
    pub trip: TripLine,
    /// The reader's own page of this trip.
    pub page_url: String,
}
email_templates!(
    address_bounced,
    AddressBounced,
    EmailKind::AddressBounced,
    "emails/address_bounced.html",
    "emails/address_bounced.txt"
);
impl AddressBounced {
    /// What happened and what it means for the reader.
    pub fn message(&self) -> String {
        let key = match self.role {
            BouncedRole::Passenger => "bounced-passenger",
            BouncedRole::Driver => "bounced-driver",
        };
        self.c.t1(key, "name", &self.about_name)
    }

    /// What the reader can do instead.
    pub fn advice(&self) -> &'static str {
        match (self.role, self.about_phone.is_some()) {
            (_, true) => self.c.t("bounced-call"),
            (BouncedRole::Passenger, false) => self.c.t("bounced-no-phone-passenger"),
            (BouncedRole::Driver, false) => self.c.t("bounced-no-phone-driver"),
        }
    }
}
impl_email!(AddressBounced, |m| m.c.t1(
    "bounced-subject",
    "name",
    &m.about_name
));
