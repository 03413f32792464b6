//! A passenger's request for seats from the offer page's form, and its confirmation.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::{State, post};

use super::offers::OfferPage;
use super::{EventView, OfferRow, caught_by_honeypot, raw_reservation};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, FieldErrors};
use crate::i18n::T;
use crate::links::{Purpose, trip_end};
use crate::mail::Emails;
use crate::metrics::Metrics;
use crate::services::{self, booking, input, offers};
use crate::urls::Urls;
use crate::web::body::FormFields;
use crate::web::error::refusal_message;
use crate::web::ratelimit::{ClientIp, RateLimiter, admit, record};
use crate::web::{AppError, Ctx, FormView, Page, Shell};

#[derive(Template)]
#[template(path = "pages/booked.html")]
struct BookedPage {
    ctx: Ctx,
    event: EventView,
    offer: OfferRow,
    seats: i32,
    deadline: String,
    email_line: &'static str,
    /// The passenger's own page, when their confirmation could not be emailed.
    status_url: Option<String>,
    to_event: bool,
    /// Confirmed at once (a ride that accepts automatically).
    confirmed: bool,
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/o/<id>/requests", data = "<fields>")]
pub async fn book(
    shell: Shell,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<Emails>,
    urls: &State<Urls>,
    metrics: &State<Metrics>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    id: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Page, AppError> {
    let view = offers::get(db, id).await?;
    let shell = shell.for_event(&view.event.locale);
    let lang = shell.lang;
    let fields = fields?;
    let t = T::get(lang);
    let now = Utc::now();
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("passenger_email"))?;
    let refused = |errors: &FieldErrors, notice: Option<String>, status: Status, view| {
        let mut form = FormView::with_values(t, fields.values.clone(), errors);
        form.notice = notice;
        Page::render(status, &OfferPage::new(&view, &shell, form, false))
    };
    let new = match input::validate_reservation(
        &raw_reservation(&fields),
        fields.encoding_errors(),
        lang,
    ) {
        Ok(new) => new,
        Err(errors) => return refused(&errors, None, Status::UnprocessableEntity, view),
    };
    let z = view.event.zone();
    let booked =
        |offer: OfferRow, seats, deadline, status_url: Option<String>, confirmed| BookedPage {
            confirmed,
            ctx: Ctx::in_shell(&shell, &shell.offer_path(id)),
            event: EventView::of(&view.event),
            offer,
            seats,
            deadline: t.datetime(deadline, z),
            email_line: if status_url.is_some() {
                t.t("ack-suppressed")
            } else if emails.captures() {
                t.t("email-captured")
            } else {
                t.t("email-queued")
            },
            status_url,
            to_event: view.offer.direction == Direction::ToEvent,
        };
    if trapped {
        // Looks like success to the bot; nothing is saved and no email goes out.
        let deadline = booking::expiry(now, config.request_ttl, view.offer.departs_at);
        let offer = OfferRow::new(&view.offer, z, t, now);
        return Page::render(
            Status::Created,
            &booked(
                offer,
                new.seats.get(),
                deadline,
                None,
                view.offer.auto_accept,
            ),
        );
    }
    match booking::request(db, emails, view.offer.id, new, config.request_ttl, now).await {
        Ok(done) => {
            record(limiter, &ip, &fields.get("passenger_email"));
            metrics
                .bookings
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let status_url = (!done.acknowledged).then(|| {
                let until = trip_end(done.offer.departs_at);
                urls.link_path(Purpose::Booking, done.reservation.id, now, until)
            });
            let r = &done.reservation;
            let offer = OfferRow::new(&done.offer, z, t, now);
            Page::render(
                Status::Created,
                &booked(
                    offer,
                    r.seats,
                    r.expires_at,
                    status_url,
                    r.status == crate::domain::ReservationStatus::Confirmed,
                ),
            )
        }
        Err(services::Error::Refused(r)) => {
            // Show the offer as it is now (seats may have changed), with what was typed.
            let view = offers::get(db, id).await?;
            let notice = Some(refusal_message(lang, r));
            refused(&FieldErrors::default(), notice, Status::Conflict, view)
        }
        Err(e) => Err(e.into()),
    }
}
