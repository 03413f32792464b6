//! The pages of the waiting list's links (need, claim, join, still) and their actions.
use std::collections::HashMap;

use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, Route, State, post, routes};

use crate::config::Config;
use crate::db::Db;
use crate::domain::{FieldErrors, Lang, NeedStatus, StillAnswer};
use crate::entities::need;
use crate::i18n::T;
use crate::links::{Purpose, Verified};
use crate::mail::Emails;
use crate::services::{matching, need_input, needs, still};
use crate::urls::{Urls, paths};
use crate::web::body::FormFields;
use crate::web::lang::ReqLang;
use crate::web::links::{answered, expired_page, verified};
use crate::web::pages::{EventView, OfferRow, raw_need};
use crate::web::{AppError, Ctx, FormView, Page};

pub fn routes() -> Vec<Route> {
    routes![need_edit, need_withdraw, claim, join, still_answer]
}

/// A need as its own page shows it.
struct NeedView {
    direction: &'static str,
    place: String,
    seats: i32,
    state: &'static str,
    waiting: bool,
}

fn need_view(t: &T, n: &need::Model) -> NeedView {
    NeedView {
        direction: t.need_direction(n.direction),
        place: n.place.clone(),
        seats: n.seats,
        state: t.need_status(n.status),
        waiting: n.status == NeedStatus::Waiting,
    }
}

#[derive(Template)]
#[template(path = "pages/link_need.html")]
struct NeedPage {
    ctx: Ctx,
    action: String,
    event: EventView,
    need: NeedView,
    form: FormView,
    done: Option<&'static str>,
}

/// The need's page; `form` re-shows an edit with its errors.
async fn need_page(
    db: &Db,
    lang: Lang,
    path: &str,
    link: Verified,
    done: Option<&str>,
    form: Option<(FormView, Status)>,
) -> Result<Page, AppError> {
    let (n, e) = needs::get(db, link.id).await?;
    let t = T::get(lang);
    let z = e.zone();
    let (form, status) = form.unwrap_or_else(|| {
        let mut values = HashMap::new();
        values.insert("place".to_owned(), n.place.clone());
        values.insert("seats".to_owned(), n.seats.to_string());
        values.insert("phone".to_owned(), n.phone.clone().unwrap_or_default());
        let time = |t: Option<chrono::DateTime<Utc>>| t.map(|t| T::input_datetime(t, z));
        values.insert("earliest".to_owned(), time(n.earliest).unwrap_or_default());
        values.insert("latest".to_owned(), time(n.latest).unwrap_or_default());
        (
            FormView::with_values(t, values, &FieldErrors::default()),
            Status::Ok,
        )
    });
    let page = NeedPage {
        ctx: Ctx::new(lang, path),
        action: path.to_owned(),
        event: EventView::of(&e),
        need: need_view(t, &n),
        form,
        done: match done {
            Some("saved") => Some(t.t("need-saved")),
            Some("withdrawn") => Some(t.t("need-withdrawn-done")),
            _ => None,
        },
    };
    Page::render(status, &page)
}

#[derive(Template)]
#[template(path = "pages/link_take.html")]
struct TakePage {
    ctx: Ctx,
    action: String,
    /// "claim" or "join".
    purpose: &'static str,
    event: EventView,
    trip_label: String,
    offer: OfferRow,
    seats: i32,
    open: bool,
    /// The seats are confirmed at once (a join, or a ride that accepts automatically).
    confirms: bool,
    done: bool,
}

#[derive(Template)]
#[template(path = "pages/link_still.html")]
struct StillPage {
    ctx: Ctx,
    action: String,
    event: EventView,
    trip_label: String,
    offer: OfferRow,
    to_driver: bool,
    relevant: bool,
    answered: Option<&'static str>,
    /// The answer the email's button chose ("yes" or "no"), highlighted.
    chosen: &'static str,
}

/// The page of a `need`, `claim`, `join` or `still` link.
pub async fn link_page(
    db: &Db,
    lang: Lang,
    path: &str,
    purpose: Purpose,
    link: Verified,
    done: Option<&str>,
    answer: Option<&str>,
) -> Result<Page, AppError> {
    let now = Utc::now();
    let t = T::get(lang);
    match purpose {
        Purpose::Need => need_page(db, lang, path, link, done, None).await,
        Purpose::Claim | Purpose::Join => {
            let (p, joined) = if purpose == Purpose::Join {
                matching::invitation_view(db, link.id, now).await?
            } else {
                (matching::alert_view(db, link.id, now).await?, false)
            };
            let z = p.event.zone();
            let page = TakePage {
                ctx: Ctx::new(lang, path),
                action: path.to_owned(),
                purpose: purpose.as_str(),
                event: EventView::of(&p.event),
                trip_label: t.trip_label(p.offer.direction, &p.event.name),
                offer: OfferRow::new(&p.offer, z, t, now),
                seats: p.seats,
                open: p.open && !joined,
                confirms: purpose == Purpose::Join || p.offer.auto_accept,
                done: done.is_some() || joined,
            };
            Page::render(Status::Ok, &page)
        }
        Purpose::Still => {
            let c = still::get(db, link.id).await?;
            if now >= crate::links::trip_end(c.offer.departs_at) {
                return expired_page(lang, path);
            }
            let z = c.event.zone();
            let page = StillPage {
                ctx: Ctx::new(lang, path),
                action: path.to_owned(),
                event: EventView::of(&c.event),
                trip_label: t.trip_label(c.offer.direction, &c.event.name),
                offer: OfferRow::new(&c.offer, z, t, now),
                to_driver: c.check.reservation_id.is_none(),
                relevant: still::still_relevant(&c, now),
                answered: c.check.answer.map(|a| match a {
                    StillAnswer::Yes => t.t("still-answered-yes"),
                    StillAnswer::No => t.t("still-answered-no"),
                }),
                chosen: match answer {
                    Some("yes") => "yes",
                    Some("no") => "no",
                    _ => "",
                },
            };
            Page::render(Status::Ok, &page)
        }
        _ => Err(AppError::NotFound),
    }
}

type Answer = Result<Either<Redirect, Page>, AppError>;

/// Runs an action on the record a link of `purpose` grants, and answers it: a redirect to the
/// link's page with `done`, or the page of why it did not happen.
async fn act<T>(
    lang: ReqLang,
    urls: &Urls,
    purpose: Purpose,
    token: &str,
    done: &str,
    action: impl AsyncFnOnce(i64, chrono::DateTime<Utc>) -> crate::services::Result<T>,
) -> Answer {
    let now = Utc::now();
    let base = paths::link(purpose, token);
    let id = match verified(urls, lang.0, &base, purpose, token, now) {
        Ok(v) => v.id,
        Err(page) => return page.map(Either::Right),
    };
    let result = action(id, now).await.map(|_| ());
    answered(result, lang.0, &base, done, None)
}

#[post("/link/need/<token>/edit", data = "<fields>")]
async fn need_edit(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    places: &State<crate::services::places::Places>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let now = Utc::now();
    let base = paths::link(Purpose::Need, token);
    let link = match verified(urls, lang.0, &base, Purpose::Need, token, now) {
        Ok(v) => v,
        Err(page) => return page.map(Either::Right),
    };
    let fields = fields?;
    let (_, event) = needs::get(db, link.id).await?;
    match need_input::validate_need_edit(&raw_need(&fields), fields.encoding_errors(), &event, now)
    {
        Ok(edit) => {
            let result = needs::edit(db, places, link.id, edit, lang.0, now)
                .await
                .map(|_| ());
            answered(result, lang.0, &base, "saved", None)
        }
        Err(errors) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors)
                .named(crate::web::pages::NEED_FIELDS);
            let form = Some((form, Status::UnprocessableEntity));
            Ok(Either::Right(
                need_page(db, lang.0, &base, link, None, form).await?,
            ))
        }
    }
}

#[post("/link/need/<token>/withdraw")]
async fn need_withdraw(lang: ReqLang, urls: &State<Urls>, db: &State<Db>, token: &str) -> Answer {
    act(
        lang,
        urls,
        Purpose::Need,
        token,
        "withdrawn",
        async |id, now| needs::withdraw(db, id, now).await,
    )
    .await
}

#[post("/link/claim/<token>")]
async fn claim(
    lang: ReqLang,
    config: &State<Config>,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
) -> Answer {
    act(
        lang,
        urls,
        Purpose::Claim,
        token,
        "claimed",
        async |id, now| matching::claim(db, emails, id, config.request_ttl, now).await,
    )
    .await
}

#[post("/link/join/<token>")]
async fn join(
    lang: ReqLang,
    config: &State<Config>,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
) -> Answer {
    act(
        lang,
        urls,
        Purpose::Join,
        token,
        "joined",
        async |id, now| matching::join(db, emails, id, config.request_ttl, now).await,
    )
    .await
}

#[post("/link/still/<token>", data = "<fields>")]
async fn still_answer(
    lang: ReqLang,
    urls: &State<Urls>,
    db: &State<Db>,
    emails: &State<Emails>,
    token: &str,
    fields: Result<FormFields, AppError>,
) -> Answer {
    let answer = StillAnswer::parse(&fields?.get("answer"));
    let done = answer.map_or("", StillAnswer::as_str);
    // The link first: a forged or expired one gets its page whatever the form says.
    act(lang, urls, Purpose::Still, token, done, async |id, now| {
        let Some(answer) = answer else {
            let mut errors = FieldErrors::default();
            errors.add("answer", crate::domain::Invalid::Required);
            return Err(crate::services::Error::Invalid(errors));
        };
        still::answer(db, emails, id, answer, now).await
    })
    .await
}
