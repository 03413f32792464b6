//! "Email me my links" (`/links`): a person who lost their emails types their address and gets
//! one email with every active link for it. The page answers the same whether the address is
//! known or not, so that nobody learns who uses covoit; requests are rate-limited per client.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::{Route, State, get, post, routes};

use super::body::FormFields;
use super::lang::ReqLang;
use super::ratelimit::{ClientIp, RateLimiter, admit, record};
use super::{AppError, Ctx, FormView, Page};
use crate::db::Db;
use crate::domain::{Email, FieldErrors};
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::lost_links;

pub fn routes() -> Vec<Route> {
    routes![ask, send]
}

#[derive(Template)]
#[template(path = "pages/lost_links.html")]
struct LostLinksPage {
    ctx: Ctx,
    form: FormView,
    sent: bool,
}

fn page(ctx: Ctx, form: FormView, sent: bool, status: Status) -> Result<Page, AppError> {
    Page::render(status, &LostLinksPage { ctx, form, sent })
}

#[get("/links")]
pub fn ask(lang: ReqLang) -> Result<Page, AppError> {
    let t = T::get(lang.0);
    page(
        Ctx::new(lang.0, "/links"),
        FormView::empty(t),
        false,
        Status::Ok,
    )
}

#[post("/links", data = "<fields>")]
pub async fn send(
    lang: ReqLang,
    db: &State<Db>,
    emails: &State<Emails>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    fields: Result<FormFields, AppError>,
) -> Result<Page, AppError> {
    let fields = fields?;
    let t = T::get(lang.0);
    let typed = fields.get("email");
    let email = match Email::parse(&typed) {
        Ok(email) => email,
        Err(why) => {
            let mut errors = FieldErrors::default();
            errors.add("email", why);
            let mut form = FormView::with_values(t, Default::default(), &errors);
            form.set("email", typed);
            return page(
                Ctx::new(lang.0, "/links"),
                form,
                false,
                Status::UnprocessableEntity,
            );
        }
    };
    admit(limiter, &ip, email.as_str())?;
    lost_links::send(db, emails, email.as_str(), lang.0, Utc::now()).await?;
    record(limiter, &ip, email.as_str());
    page(
        Ctx::new(lang.0, "/links"),
        FormView::empty(t),
        true,
        Status::Ok,
    )
}
