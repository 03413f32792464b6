//! Building the emails a submission causes (event created, ride published, request made) from
//! the records they are about, each for one recipient in their language.
use chrono::{DateTime, Utc};

use super::Emails;
use super::outbox::Outgoing;
use super::recipient::Recipient;
use super::templates::{
    Common, Email, EventCreated, LinkLine, Occurrence, OfferPublished, RepeatLine, RequestReceived,
    RequestSent, SeriesDate, TripLine, WaitingLine, YourLinks,
};
use crate::entities::{event, need, offer, reservation};
use crate::links::{DataLink, Purpose, event_end, trip_end};

/// To the organiser: their event, or the first date of their series with the other dates
/// (`others`); the one organiser link manages them all, so it lasts until the last date ends.
pub fn event_created(
    emails: &Emails,
    e: &event::Model,
    others: &[event::Model],
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::organiser(e);
    let urls = &emails.urls;
    let when = to.when(e.starts_at);
    let last = others.last().map_or(e.starts_at, |o| o.starts_at);
    let series: Vec<SeriesDate> = std::iter::once(e)
        .chain(others)
        .map(|o| SeriesDate {
            when: to.when(o.starts_at),
            url: to.page(urls.event(&o.slug)),
        })
        .collect();
    EventCreated {
        c: to.common(urls, format!("{} — {when}", e.name)),
        organizer_name: e.organizer_name.clone(),
        event_name: e.name.clone(),
        when,
        venue: e.venue.clone(),
        event_url: to.page(urls.event(&e.slug)),
        new_offer_url: to.page(urls.new_offer(&e.slug)),
        snippet: urls.widget_snippet(&e.slug),
        manage_url: Some(to.page(urls.link(Purpose::Event, e.id, now, event_end(last)))),
        series: if others.is_empty() {
            Vec::new()
        } else {
            series
        },
    }
    .outgoing(e.id, Occurrence::Once, &to, None)
}

/// One email for a ride and its ride back, and the same ride on the other dates of the series
/// it was repeated on (`repeats`: each date's event and ride there, whose links it lists).
pub fn offer_published(
    emails: &Emails,
    e: &event::Model,
    first: &offer::Model,
    back: Option<&offer::Model>,
    waiting: &[(need::Model, bool)],
    repeats: &[(&event::Model, &offer::Model)],
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let to = Recipient::driver(e, first);
    let urls = &emails.urls;
    let trips: Vec<TripLine> = std::iter::once(first)
        .chain(back)
        .map(|o| to.trip(urls, e, o))
        .collect();
    let when: Vec<String> = trips.iter().map(|t| t.when.clone()).collect();
    OfferPublished {
        c: to.common(urls, when.join(" · ")),
        driver_name: first.driver_name.clone(),
        event_name: e.name.clone(),
        trips,
        waiting: waiting
            .iter()
            .map(|(n, _)| WaitingLine {
                first_name: n.first_name().to_owned(),
                place: n.place.clone(),
                seats: n.seats,
            })
            .collect(),
        event_url: to.page(urls.event(&e.slug)),
        manage_url: Some(to.page(urls.link(
            Purpose::Manage,
            first.id,
            now,
            trip_end(first.departs_at),
        ))),
        repeats: repeats
            .iter()
            .map(|(_, o)| RepeatLine {
                when: to.when(o.departs_at),
                manage_url: to.page(urls.link(Purpose::Manage, o.id, now, trip_end(o.departs_at))),
            })
            .collect(),
    }
    .outgoing(first.id, Occurrence::Once, &to, None)
}

/// To the driver (Reply-To: the passenger) and to the passenger.
pub fn request_made(
    emails: &Emails,
    e: &event::Model,
    o: &offer::Model,
    r: &reservation::Model,
    now: DateTime<Utc>,
) -> askama::Result<[Outgoing; 2]> {
    let urls = &emails.urls;
    let driver = Recipient::driver(e, o);
    let passenger = Recipient::passenger(e, r);
    let trip = driver.trip(urls, e, o);
    let to_driver = RequestReceived {
        c: driver.common_for(urls, &trip),
        driver_name: o.driver_name.clone(),
        event_name: e.name.clone(),
        passenger_name: r.passenger_name.clone(),
        passenger_email: r.passenger_email.clone(),
        passenger_phone: r.passenger_phone.clone(),
        seats: r.seats,
        pickup: r.pickup.clone(),
        message: r.message.clone(),
        seats_left: o.seats_left(),
        deadline: driver.when(r.expires_at),
        trip,
        accept_url: Some(driver.page(urls.link(Purpose::Accept, r.id, now, r.expires_at))),
        refuse_url: Some(driver.page(urls.link(Purpose::Refuse, r.id, now, r.expires_at))),
        manage_url: Some(driver.page(urls.link(
            Purpose::Manage,
            o.id,
            now,
            trip_end(o.departs_at),
        ))),
        over_detour: match (r.detour_s, o.max_detour_min) {
            (Some(s), Some(max)) if i64::from(s) > i64::from(max) * 60 => Some((
                crate::i18n::T::get(driver.lang).time_left(i64::from(s)),
                max,
            )),
            _ => None,
        },
    }
    .outgoing(
        r.id,
        Occurrence::Once,
        &driver,
        Some(passenger.person.clone()),
    )?;
    let trip = passenger.trip(urls, e, o);
    let to_passenger = RequestSent {
        c: passenger.common_for(urls, &trip),
        passenger_name: r.passenger_name.clone(),
        driver_first_name: o.driver_first_name().to_owned(),
        event_name: e.name.clone(),
        seats: r.seats,
        deadline: passenger.when(r.expires_at),
        trip,
        event_url: passenger.page(urls.event(&e.slug)),
        status_url: Some(passenger.page(urls.link(
            Purpose::Booking,
            r.id,
            now,
            trip_end(o.departs_at),
        ))),
    }
    .outgoing(r.id, Occurrence::Once, &passenger, None)?;
    Ok([to_driver, to_passenger])
}

/// "Email me my links" to `email`, in `lang`: one line per active event, ride, booking and
/// place on a waiting list. At most one such email per address and ten minutes (its dedupe
/// key), besides the hourly cap on acknowledgements.
pub fn your_links(
    emails: &Emails,
    email: &str,
    lang: crate::domain::Lang,
    found: &crate::services::lost_links::Found,
    now: DateTime<Utc>,
) -> askama::Result<Outgoing> {
    let urls = &emails.urls;
    let t = crate::i18n::T::get(lang);
    let to = Recipient {
        person: super::outbox::Person {
            name: found.name().to_owned(),
            email: email.trim().to_owned(),
        },
        event_id: None,
        data: None,
        lang,
        zone: found
            .events
            .first()
            .map(|e| e.zone())
            .unwrap_or(chrono_tz::Europe::Paris),
    };
    let line = |label: String, url: String| LinkLine {
        label,
        url: to.page(url),
    };
    // A trip's line: which ride, when; its link lasts as long as the trip.
    let trip = |purpose: Purpose, id: i64, o: &offer::Model, e: &event::Model| {
        line(
            format!(
                "{} — {}",
                t.trip_label(o.direction, &e.name),
                t.datetime(o.departs_at, e.zone())
            ),
            urls.link(purpose, id, now, trip_end(o.departs_at)),
        )
    };
    // One `data` link per event, through the first record of the address found in it.
    let mut data: Vec<(i64, LinkLine)> = Vec::new();
    let whose = found
        .events
        .iter()
        .map(|e| (DataLink::Organiser { event_id: e.id }, e))
        .chain(
            found
                .rides
                .iter()
                .map(|(o, e)| (DataLink::Driver { offer_id: o.id }, e)),
        )
        .chain(found.bookings.iter().map(|(r, _, e)| {
            (
                DataLink::Passenger {
                    reservation_id: r.id,
                },
                e,
            )
        }))
        .chain(
            found
                .needs
                .iter()
                .map(|(n, e)| (DataLink::Waiter { need_id: n.id }, e)),
        );
    for (who, e) in whose {
        if !data.iter().any(|(id, _)| *id == e.id) {
            data.push((e.id, line(e.name.clone(), urls.data_link(who, e.starts_at))));
        }
    }
    let email_out = YourLinks {
        c: Common::new(lang, urls.base(), t.t("links-intro").to_owned()),
        name: found.name().to_owned(),
        events: found
            .events
            .iter()
            .map(|e| {
                line(
                    format!("{} — {}", e.name, t.datetime(e.starts_at, e.zone())),
                    urls.link(Purpose::Event, e.id, now, event_end(e.starts_at)),
                )
            })
            .collect(),
        rides: found
            .rides
            .iter()
            .map(|(o, e)| trip(Purpose::Manage, o.id, o, e))
            .collect(),
        bookings: found
            .bookings
            .iter()
            .map(|(r, o, e)| trip(Purpose::Booking, r.id, o, e))
            .collect(),
        needs: found
            .needs
            .iter()
            .map(|(n, e)| {
                line(
                    format!("{} — {}", e.name, t.datetime(e.starts_at, e.zone())),
                    urls.link(Purpose::Need, n.id, now, e.starts_at),
                )
            })
            .collect(),
        data: data.into_iter().map(|(_, l)| l).collect(),
    };
    email_out.outgoing(now.timestamp() / 600, Occurrence::Once, &to, None)
}
