//! Who an email is for, in their language and the event's time zone: the organiser, a driver
//! or a passenger. Every email is built from one of these, so the opening that every email
//! needs (its language, its trip line, its common parts) is written once.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::outbox::{Person, Unsubscribe};
use super::templates::{Common, TripLine};
use crate::domain::Lang;
use crate::entities::{event, need, offer, reservation};
use crate::i18n::T;
use crate::links::DataLink;
use crate::urls::Urls;

pub struct Recipient {
    pub person: Person,
    /// The event the email is about, if one (its copy is erased with the event's data).
    pub event_id: Option<i64>,
    /// The person's `data` link and the start of the event it is about.
    pub data: Option<(DataLink, DateTime<Utc>)>,
    pub lang: Lang,
    /// The event's zone: every time in the email is shown in it.
    pub zone: Tz,
}

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::Fr)
}

impl Recipient {
    pub fn organiser(e: &event::Model) -> Recipient {
        Recipient {
            person: Person {
                name: e.organizer_name.clone(),
                email: e.organizer_email.clone(),
            },
            event_id: Some(e.id),
            data: Some((DataLink::Organiser { event_id: e.id }, e.starts_at)),
            lang: lang(&e.locale),
            zone: e.zone(),
        }
    }

    pub fn driver(e: &event::Model, o: &offer::Model) -> Recipient {
        Recipient {
            person: Person {
                name: o.driver_name.clone(),
                email: o.driver_email.clone(),
            },
            event_id: Some(e.id),
            data: Some((DataLink::Driver { offer_id: o.id }, e.starts_at)),
            lang: lang(&o.locale),
            zone: e.zone(),
        }
    }

    pub fn passenger(e: &event::Model, r: &reservation::Model) -> Recipient {
        Recipient {
            person: Person {
                name: r.passenger_name.clone(),
                email: r.passenger_email.clone(),
            },
            event_id: Some(e.id),
            data: Some((
                DataLink::Passenger {
                    reservation_id: r.id,
                },
                e.starts_at,
            )),
            lang: lang(&r.locale),
            zone: e.zone(),
        }
    }

    /// A co-organiser of the event.
    pub fn co_organiser(e: &event::Model, co: &crate::entities::co_organiser::Model) -> Recipient {
        Recipient {
            person: Person {
                name: co.name.clone(),
                email: co.email.clone(),
            },
            event_id: Some(e.id),
            data: Some((DataLink::CoOrganiser { id: co.id }, e.starts_at)),
            lang: lang(&co.locale),
            zone: e.zone(),
        }
    }

    /// A passenger on the waiting list.
    pub fn waiter(e: &event::Model, n: &need::Model) -> Recipient {
        Recipient {
            person: Person {
                name: n.name.clone(),
                email: n.email.clone(),
            },
            event_id: Some(e.id),
            data: Some((DataLink::Waiter { need_id: n.id }, e.starts_at)),
            lang: lang(&n.locale),
            zone: e.zone(),
        }
    }

    /// A time, in the reader's language and the event's zone.
    pub fn when(&self, t: DateTime<Utc>) -> String {
        T::get(self.lang).datetime(t, self.zone)
    }

    /// One trip as this reader's emails describe it.
    pub fn trip(&self, urls: &Urls, e: &event::Model, o: &offer::Model) -> TripLine {
        let label = T::get(self.lang).trip_label(o.direction, &e.name);
        TripLine {
            label,
            when: self.when(o.departs_at),
            place: o.place.clone(),
            seats: o.seats_total,
            url: self.page(urls.offer(&o.public_id)),
        }
    }

    /// A page of the site (or a signed link) as this reader's emails give it: it opens in the
    /// email's language whatever the browser prefers.
    pub fn page(&self, url: String) -> String {
        let joint = if url.contains('?') { '&' } else { '?' };
        format!("{url}{joint}lang={}", self.lang.code())
    }

    /// The one-click unsubscribe of an email one can stop, for as long as `until`.
    pub fn unsubscribe(
        &self,
        urls: &Urls,
        (kind, record_id): (crate::domain::EmailKind, i64),
        scope: crate::domain::OptOutScope,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<Unsubscribe> {
        let group = crate::domain::optout::group_of(kind)?;
        let id = crate::domain::optout::target_id(kind, record_id)?;
        Some(Unsubscribe {
            optout: crate::domain::OptOut { group, scope },
            url: self.page(urls.link(crate::links::Purpose::Unsubscribe, id, now, until)),
        })
    }

    /// The common parts, with `preheader` (the line mail clients show after the subject).
    pub fn common(&self, urls: &Urls, preheader: String) -> Common {
        Common::new(self.lang, urls.base(), preheader)
            .in_zone(self.zone)
            .with_data(self.data_url(urls))
    }

    /// The common parts of an email about one trip (its preheader is the trip and its time).
    pub fn common_for(&self, urls: &Urls, trip: &TripLine) -> Common {
        Common::for_trip(self.lang, urls.base(), trip)
            .in_zone(self.zone)
            .with_data(self.data_url(urls))
    }

    /// The person's `data` link (in every email about an event).
    fn data_url(&self, urls: &Urls) -> Option<String> {
        self.data
            .map(|(who, starts_at)| self.page(urls.data_link(who, starts_at)))
    }
}
