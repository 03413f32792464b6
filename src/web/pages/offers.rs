//! Offering a ride (the form and its submission) and an offer's page with its booking form.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, State, get, post};

use super::{EventView, OfferRow, caught_by_honeypot, raw_offer, unemailed};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, PublicId};
use crate::i18n::T;
use crate::links::{Purpose, trip_end};
use crate::mail::Emails;
use crate::services::routing::Routing;
use crate::services::{self, events, offers, series};
use crate::urls::Urls;
use crate::web::body::FormFields;
use crate::web::ratelimit::{ClientIp, RateLimiter, admit, record};
use crate::web::{AppError, Ctx, FormView, Page, Shell};

#[derive(Template)]
#[template(path = "pages/offer_new.html")]
struct NewOfferPage {
    ctx: Ctx,
    event: EventView,
    when: String,
    form: FormView,
    /// Other dates of the series the ride can be repeated on.
    repeat: Vec<RepeatChoice>,
    /// A router is configured: the driver may set a maximum detour.
    routing: bool,
}

/// One other date of the series, as a checkbox of the offer form.
pub struct RepeatChoice {
    pub slug: String,
    pub when: String,
    pub checked: bool,
}

impl NewOfferPage {
    fn new(
        shell: &Shell,
        e: &crate::entities::event::Model,
        form: FormView,
        (siblings, ticked): (&[crate::entities::event::Model], &[String]),
        routing: &Routing,
    ) -> NewOfferPage {
        let t = T::get(shell.lang);
        NewOfferPage {
            routing: routing.enabled(),
            ctx: Ctx::in_shell(shell, &shell.new_offer_path(&e.slug)),
            when: t.datetime(e.starts_at, e.zone()),
            event: EventView::of(e),
            form: form.named(super::OFFER_FIELDS),
            repeat: siblings
                .iter()
                .map(|o| RepeatChoice {
                    slug: o.slug.clone(),
                    when: t.datetime(o.starts_at, o.zone()),
                    checked: ticked.contains(&o.slug),
                })
                .collect(),
        }
    }
}

#[get("/e/<slug>/offers/new?<direction>")]
pub async fn new_offer(
    shell: Shell,
    db: &State<Db>,
    routing: &State<Routing>,
    slug: &str,
    direction: Option<&str>,
) -> Result<Page, AppError> {
    let event = events::by_slug(db, slug).await?;
    let shell = shell.for_event(&event.locale);
    let mut form = FormView::empty(T::get(shell.lang));
    let direction = direction
        .and_then(Direction::parse)
        .unwrap_or(Direction::ToEvent);
    form.set("direction", direction.as_str().to_owned());
    // The date pickers open on the event's day, not today's: an hour before it starts for a
    // ride there, at its start for a ride back.
    let departs = match direction {
        Direction::ToEvent => event.starts_at - chrono::Duration::hours(1),
        Direction::FromEvent => event.starts_at,
    };
    form.set("departs_at", T::input_datetime(departs, event.zone()));
    form.set("seats", "3".to_owned());
    form.set("locale", shell.lang.code().to_owned());
    let siblings = series::open_siblings(db, &event, Utc::now()).await?;
    Page::render(
        Status::Ok,
        &NewOfferPage::new(&shell, &event, form, (&siblings, &[]), routing),
    )
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/e/<slug>/offers", data = "<fields>")]
pub async fn create_offer(
    shell: Shell,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    routing: &State<Routing>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    slug: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let event = events::by_slug(db, slug).await?;
    let shell = shell.for_event(&event.locale);
    let lang = shell.lang;
    let fields = fields?;
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("driver_email"))?;
    let now = Utc::now();
    let raw = raw_offer(&fields);
    let validated =
        series::validate_offer(db, &raw, fields.encoding_errors(), &event, lang, now).await;
    match validated {
        Ok(_) if trapped => Ok(Either::Left(Redirect::to(
            shell.offer_with(PublicId::generate().as_str(), "published=1"),
        ))),
        Ok((new, also)) => {
            let published = offers::publish(
                db,
                emails,
                places,
                &event,
                &also,
                new,
                config.reminder_time,
                now,
            )
            .await?;
            record(limiter, &ip, &fields.get("driver_email"));
            let o = &published.offer;
            if !published.acknowledged {
                let link = urls.link_path(Purpose::Manage, o.id, now, trip_end(o.departs_at));
                return unemailed(lang, &shell.offer_path(&o.public_id), link).map(Either::Right);
            }
            Ok(Either::Left(Redirect::to(
                shell.offer_with(&o.public_id, "published=1"),
            )))
        }
        Err(services::Error::Invalid(errors)) => {
            let siblings = series::open_siblings(db, &event, now).await?;
            let form = FormView::with_values(T::get(lang), fields.values, &errors);
            let ticked = (&siblings[..], &raw.repeat_on[..]);
            let page = NewOfferPage::new(&shell, &event, form, ticked, routing);
            Ok(Either::Right(Page::render(
                Status::UnprocessableEntity,
                &page,
            )?))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "pages/offer.html")]
pub(super) struct OfferPage {
    ctx: Ctx,
    /// "Ride to X" / "Ride back from X".
    title: String,
    event: EventView,
    offer: OfferRow,
    direction: Direction,
    linked: Option<OfferRow>,
    published: bool,
    form: FormView,
}

impl OfferPage {
    pub(super) fn new(
        view: &offers::OfferView,
        shell: &Shell,
        form: FormView,
        published: bool,
    ) -> OfferPage {
        let t = T::get(shell.lang);
        let now = Utc::now();
        let z = view.event.zone();
        OfferPage {
            ctx: Ctx::in_shell(shell, &shell.offer_path(&view.offer.public_id))
                .follow(&view.event.slug),
            title: t.trip_label(view.offer.direction, &view.event.name),
            offer: OfferRow::new(&view.offer, z, t, now),
            direction: view.offer.direction,
            linked: view.linked.as_ref().map(|o| OfferRow::new(o, z, t, now)),
            event: EventView::of(&view.event),
            published,
            form: form.named(super::BOOKING_FIELDS),
        }
    }
}

#[get("/o/<id>?<published>")]
pub async fn offer_page(
    shell: Shell,
    db: &State<Db>,
    id: &str,
    published: Option<&str>,
) -> Result<Page, AppError> {
    let view = offers::get(db, id).await?;
    let shell = shell.for_event(&view.event.locale);
    let mut form = FormView::empty(T::get(shell.lang));
    form.set("seats", "1".to_owned());
    form.set("locale", shell.lang.code().to_owned());
    Page::render(
        Status::Ok,
        // Any value counts ("published=1" from the form's redirect): a boolean guard would
        // drop "1" and, with it, the driver's confirmation.
        &OfferPage::new(&view, &shell, form, published.is_some()),
    )
}
