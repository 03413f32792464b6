//! `/dev/mail`: the captured emails, readable in the browser. Only when emails are captured
//! (`mail_mode = "capture"`, or a developer's own machine); otherwise every path here answers
//! 404. Captured emails carry every link and personal detail: whenever `admin_token` is set
//! they are for a signed-in operator only, and outside a developer's machine they need it.
use askama::Template;
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::{Request, Route, State, get, routes};

use super::Page;
use super::admin::Access;
use super::lang::ReqLang;
use crate::config::Config;
use crate::db::Db;
use crate::entities::outbox;
use crate::i18n::T;
use crate::mail::Emails;
use crate::services::operations;
use crate::web::AppError;

pub fn routes() -> Vec<Route> {
    routes![list, show, html, text]
}

/// The right to read captured emails.
pub struct DevMode;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for DevMode {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let rocket = req.rocket();
        let (Some(mailer), Some(config)) = (rocket.state::<Emails>(), rocket.state::<Config>())
        else {
            return Outcome::Error((Status::NotFound, ()));
        };
        if !mailer.captures() {
            return Outcome::Error((Status::NotFound, ()));
        }
        if config.admin_token.is_none() {
            return if config.development {
                Outcome::Success(DevMode)
            } else {
                Outcome::Error((Status::NotFound, ()))
            };
        }
        match req.guard::<Access>().await {
            Outcome::Success(Access::Granted) => Outcome::Success(DevMode),
            _ => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

/// A captured email as the page shows it.
pub struct CapturedEmail {
    pub id: i64,
    pub kind: String,
    pub record_id: i64,
    pub version: i32,
    pub recipient_name: String,
    pub recipient_email: String,
    pub reply_to_email: Option<String>,
    pub locale: String,
    pub subject: String,
    pub status: &'static str,
    pub created_at: String,
    pub message_id: String,
    pub text_body: String,
    pub html_body: String,
    pub links: Vec<String>,
}

impl CapturedEmail {
    fn of(e: outbox::Model) -> CapturedEmail {
        CapturedEmail {
            id: e.id,
            links: serde_json::from_str(&e.links).unwrap_or_default(),
            kind: e.kind.as_str().to_owned(),
            record_id: e.record_id,
            version: e.version,
            recipient_name: e.recipient_name,
            recipient_email: e.recipient_email,
            reply_to_email: e.reply_to_email,
            locale: e.locale,
            subject: e.subject,
            status: e.status.as_str(),
            created_at: e.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            message_id: e.message_id,
            text_body: e.text_body,
            html_body: e.html_body,
        }
    }
}

#[derive(Template)]
#[template(path = "pages/dev_mail.html")]
struct ListPage {
    t: &'static T,
    emails: Vec<CapturedEmail>,
}

#[derive(Template)]
#[template(path = "pages/dev_mail_one.html")]
struct OnePage {
    t: &'static T,
    email: CapturedEmail,
}

#[get("/dev/mail")]
async fn list(_dev: DevMode, lang: ReqLang, db: &State<Db>) -> Result<Page, AppError> {
    let emails = operations::latest_emails(db, 200).await?;
    let emails = emails.into_iter().map(CapturedEmail::of).collect();
    Page::render(
        Status::Ok,
        &ListPage {
            t: T::get(lang.0),
            emails,
        },
    )
}

/// An id that is not a number is simply not found.
async fn one(db: &Db, id: &str) -> Result<CapturedEmail, AppError> {
    operations::email(db, super::pages::parse_id(id)?)
        .await?
        .map(CapturedEmail::of)
        .ok_or(AppError::NotFound)
}

#[get("/dev/mail/<id>")]
async fn show(_dev: DevMode, lang: ReqLang, db: &State<Db>, id: &str) -> Result<Page, AppError> {
    let email = one(db, id).await?;
    Page::render(
        Status::Ok,
        &OnePage {
            t: T::get(lang.0),
            email,
        },
    )
}

#[get("/dev/mail/<id>/html")]
async fn html(_dev: DevMode, db: &State<Db>, id: &str) -> Result<(ContentType, String), AppError> {
    Ok((ContentType::HTML, one(db, id).await?.html_body))
}

#[get("/dev/mail/<id>/text")]
async fn text(_dev: DevMode, db: &State<Db>, id: &str) -> Result<(ContentType, String), AppError> {
    Ok((ContentType::Plain, one(db, id).await?.text_body))
}
