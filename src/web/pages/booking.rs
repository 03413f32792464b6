//! A passenger's request for seats from the offer page's form, and its confirmation. The form
//! is answered by a redirect to the confirmation (Post/Redirect/Get), so that reloading the
//! confirmation never sends the request again.
use askama::Template;
use chrono::{DateTime, Utc};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, State, get, post};

use super::offers::OfferPage;
use super::{EventView, OfferRow, caught_by_honeypot, raw_reservation};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, FieldErrors, Invalid, Refusal};
use crate::i18n::T;
use crate::links::{Purpose, trip_end};
use crate::mail::Emails;
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
    /// The ride back asked for in the same form: (its time, whether that request went out).
    back: Option<(String, bool)>,
    back_url: Option<String>,
}

/// What the confirmation shows, carried by the redirect's query (nothing private: a forged
/// address only shows a page that changes nothing).
struct Sent {
    seats: i32,
    deadline: DateTime<Utc>,
    confirmed: bool,
    /// The ride back was asked for too: whether that request went out.
    back: Option<bool>,
}

impl Sent {
    fn query(&self) -> String {
        let back = match self.back {
            Some(sent) => format!("&back={}", u8::from(sent)),
            None => String::new(),
        };
        format!(
            "seats={}&by={}&confirmed={}{back}",
            self.seats,
            self.deadline.timestamp(),
            u8::from(self.confirmed)
        )
    }
}

impl BookedPage {
    fn new(
        shell: &Shell,
        emails: &Emails,
        view: &offers::OfferView,
        sent: &Sent,
        status_url: Option<String>,
    ) -> BookedPage {
        let t = T::get(shell.lang);
        let z = view.event.zone();
        let linked = view.linked.as_ref();
        BookedPage {
            back: sent
                .back
                .zip(linked)
                .map(|(went, o)| (t.datetime(o.departs_at, z), went)),
            back_url: linked.map(|o| shell.offer(&o.public_id)),
            confirmed: sent.confirmed,
            ctx: Ctx::in_shell(shell, &shell.offer_path(&view.offer.public_id)),
            event: EventView::of(&view.event),
            offer: OfferRow::new(&view.offer, z, t, Utc::now()),
            seats: sent.seats,
            deadline: t.datetime(sent.deadline, z),
            email_line: if status_url.is_some() {
                t.t("ack-suppressed")
            } else if emails.captures() {
                t.t("email-captured")
            } else {
                t.t("email-queued")
            },
            status_url,
            to_event: view.offer.direction == Direction::ToEvent,
        }
    }
}

/// The confirmation after a booking form (the redirect's target).
#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[get("/o/<id>/sent?<seats>&<by>&<confirmed>&<back>")]
pub async fn request_sent(
    shell: Shell,
    db: &State<Db>,
    emails: &State<Emails>,
    id: &str,
    seats: Option<i32>,
    by: Option<i64>,
    confirmed: Option<u8>,
    back: Option<u8>,
) -> Result<Page, AppError> {
    let view = offers::get(db, id).await?;
    let shell = shell.for_event(&view.event.locale);
    // An address not made by the redirect (edited by hand) shows the offer instead.
    let (Some(seats @ 1..=8), Some(deadline)) =
        (seats, by.and_then(|s| DateTime::from_timestamp(s, 0)))
    else {
        return Err(AppError::NotFound);
    };
    let sent = Sent {
        seats,
        deadline,
        confirmed: confirmed == Some(1),
        back: back.map(|b| b == 1),
    };
    Page::render(
        Status::Ok,
        &BookedPage::new(&shell, emails, &view, &sent, None),
    )
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
    places: &State<crate::services::places::Places>,
    routing: &State<crate::services::routing::Routing>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    id: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
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
        Page::render(status, &OfferPage::new(&view, &shell, form, false)).map(Either::Right)
    };
    let new = match input::validate_booking(
        &raw_reservation(&fields),
        fields.encoding_errors(),
        lang,
        view.offer.seats_left(),
    ) {
        Ok(new) => new,
        Err(errors) => {
            // More seats than are free is about the ride, not the form: a conflict, as when
            // the seats go while the form is being sent.
            let status = match errors.get("seats") {
                Some(Invalid::SeatsLeft { .. }) => Status::Conflict,
                _ => Status::UnprocessableEntity,
            };
            return refused(&errors, None, status, view);
        }
    };
    let sent_page = |sent: Sent| Either::Left(Redirect::to(shell.request_sent(id, &sent.query())));
    if trapped {
        // Looks like success to the bot; nothing is saved and no email goes out.
        return Ok(sent_page(Sent {
            seats: new.seats.get(),
            deadline: booking::expiry(now, config.request_ttl, view.offer.departs_at),
            confirmed: view.offer.auto_accept,
            back: None,
        }));
    }
    // The ride back, asked for in the same form: its own request, sent once the ride there's
    // is saved (the driver answers each on its own).
    let back = view
        .linked
        .as_ref()
        .filter(|_| input::checked(&fields.get("with_return")))
        .filter(|_| view.offer.direction == Direction::ToEvent)
        .map(|o| (o.id, new.clone()));
    match booking::request(
        db,
        emails,
        places,
        routing,
        booking::OfferKey::Id(view.offer.id),
        new,
        config.request_ttl,
        now,
    )
    .await
    {
        Ok(done) => {
            record(limiter, &ip, &fields.get("passenger_email"));
            let r = &done.reservation;
            let back = match back {
                Some((back_id, new)) => {
                    let ttl = config.request_ttl;
                    let back_key = booking::OfferKey::Id(back_id);
                    match booking::request(db, emails, places, routing, back_key, new, ttl, now)
                        .await
                    {
                        Ok(_) => Some(true),
                        Err(services::Error::Refused(_)) => Some(false),
                        Err(e) => return Err(e.into()),
                    }
                }
                None => None,
            };
            let sent = Sent {
                seats: r.seats,
                deadline: r.expires_at,
                confirmed: r.status == crate::domain::ReservationStatus::Confirmed,
                back,
            };
            if done.acknowledged {
                return Ok(sent_page(sent));
            }
            // Not emailed: the private link is shown on this answer only, never put in an
            // address.
            let until = trip_end(done.offer.departs_at);
            let link = urls.link_path(Purpose::Booking, r.id, now, until);
            let view = offers::get(db, id).await?;
            let page = BookedPage::new(&shell, emails, &view, &sent, Some(link));
            Page::render(Status::Created, &page).map(Either::Right)
        }
        Err(services::Error::Refused(Refusal::NotEnoughSeats { left })) if left > 0 => {
            // The seats went in the meantime: said on the seats field, with what is left.
            let view = offers::get(db, id).await?;
            let mut errors = FieldErrors::default();
            errors.set("seats", Invalid::SeatsLeft { left });
            refused(&errors, None, Status::Conflict, view)
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
