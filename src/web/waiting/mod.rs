//! The waiting list's pages: the "I need a ride" form (on the site and in the widget) and the
//! pages of its links — the passenger's need (edit, withdraw), a freed seat to claim, a
//! driver's invitation to join, and "still going?". GET shows, POST acts once.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::{Route, State, get, post, routes};

use super::body::FormFields;
use super::pages::{EventView, raw_need};
use super::ratelimit::{ClientIp, RateLimiter, admit, record};
use super::{AppError, Ctx, FormView, Page, Shell};
use crate::db::Db;
use crate::domain::FieldErrors;
use crate::entities::event;
use crate::i18n::T;
use crate::links::Purpose;
use crate::mail::Emails;
use crate::services::{events, need_input, needs};
use crate::urls::{Urls, paths};

pub fn routes() -> Vec<Route> {
    links::routes()
}

/// The form and its submission also serve the widget under `/embed`.
pub fn embed_routes() -> Vec<Route> {
    routes![new_need, create_need]
}

#[derive(Template)]
#[template(path = "pages/need_new.html")]
struct NewNeedPage {
    ctx: Ctx,
    event: EventView,
    when: String,
    form: FormView,
}

impl NewNeedPage {
    fn new(shell: &Shell, e: &event::Model, form: FormView) -> NewNeedPage {
        NewNeedPage {
            ctx: Ctx::in_shell(
                shell,
                &format!("{}{}", shell.prefix(), paths::new_need(&e.slug)),
            ),
            when: T::get(shell.lang).datetime(e.starts_at, e.zone()),
            event: EventView::of(e),
            form: form.named(crate::web::pages::NEED_FIELDS),
        }
    }
}

#[get("/e/<slug>/needs/new?<direction>")]
pub async fn new_need(
    shell: Shell,
    db: &State<Db>,
    slug: &str,
    direction: Option<&str>,
) -> Result<Page, AppError> {
    let event = events::by_slug(db, slug).await?;
    let shell = shell.for_event(&event.locale);
    let mut form = FormView::empty(T::get(shell.lang));
    let direction = direction
        .filter(|d| matches!(*d, "to_event" | "from_event" | "both"))
        .unwrap_or("both");
    form.set("direction", direction.to_owned());
    form.set("seats", "1".to_owned());
    form.set("locale", shell.lang.code().to_owned());
    Page::render(Status::Ok, &NewNeedPage::new(&shell, &event, form))
}

#[derive(Template)]
#[template(path = "pages/need_created.html")]
struct NeedCreatedPage {
    ctx: Ctx,
    event: EventView,
    direction: &'static str,
    place: String,
    seats: i32,
    email_line: &'static str,
    need_url: Option<String>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/e/<slug>/needs", data = "<fields>")]
pub async fn create_need(
    shell: Shell,
    db: &State<Db>,
    emails: &State<Emails>,
    places: &State<crate::services::places::Places>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    slug: &str,
    fields: Result<FormFields, AppError>,
) -> Result<Page, AppError> {
    let event = events::by_slug(db, slug).await?;
    let shell = shell.for_event(&event.locale);
    let t = T::get(shell.lang);
    let fields = fields?;
    let trapped = super::pages::caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("email"))?;
    let now = Utc::now();
    let refused = |errors: &FieldErrors, notice: Option<String>, status: Status| {
        let mut form = FormView::with_values(t, fields.values.clone(), errors);
        form.notice = notice;
        Page::render(status, &NewNeedPage::new(&shell, &event, form))
    };
    let new = match need_input::validate_need(
        &raw_need(&fields),
        fields.encoding_errors(),
        &event,
        shell.lang,
        now,
    ) {
        Ok(new) => new,
        Err(errors) => return refused(&errors, None, Status::UnprocessableEntity),
    };
    let page = |direction, place: String, seats, need_url: Option<String>| NeedCreatedPage {
        ctx: Ctx::in_shell(
            &shell,
            &format!("{}{}", shell.prefix(), paths::new_need(slug)),
        ),
        event: EventView::of(&event),
        direction: t.need_direction(direction),
        place,
        seats,
        email_line: if need_url.is_some() {
            t.t("ack-suppressed")
        } else if emails.captures() {
            t.t("email-captured")
        } else {
            t.t("need-email-queued")
        },
        need_url,
    };
    if trapped {
        // Looks like success to the bot; nothing is saved and no email goes out.
        let done = page(new.direction, new.place, new.seats.get(), None);
        return Page::render(Status::Created, &done);
    }
    match needs::create(db, emails, places, event.id, new, now).await {
        Ok(created) => {
            record(limiter, &ip, &fields.get("email"));
            let n = &created.need;
            let need_url = (!created.acknowledged)
                .then(|| urls.link_path(Purpose::Need, n.id, now, event.starts_at));
            let done = page(n.direction, n.place.clone(), n.seats, need_url);
            Page::render(Status::Created, &done)
        }
        Err(crate::services::Error::Refused(r)) => {
            let notice = Some(super::error::refusal_message(shell.lang, r));
            refused(&FieldErrors::default(), notice, Status::Conflict)
        }
        Err(e) => Err(e.into()),
    }
}

mod links;
pub use links::link_page;
