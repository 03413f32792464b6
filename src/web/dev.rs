//! `/dev/mail`: the captured emails, readable in the browser. Only when emails are captured
//! (`mail_mode = "capture"`, or a developer's own machine); otherwise every path here answers
//! 404. Captured emails carry every link and personal detail: whenever `admin_token` is set
//! they are for a signed-in operator only, and outside a developer's machine they need it.
use askama::Template;
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::{Request, Route, State, get, routes};
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

use super::Page;
use super::admin::Access;
use crate::config::Config;
use crate::db::Db;
use crate::entities::outbox;
use crate::error::AppError;
use crate::mail::Mailer;

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
        let (Some(mailer), Some(config)) = (rocket.state::<Mailer>(), rocket.state::<Config>())
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

#[derive(Template)]
#[template(path = "pages/dev_mail.html")]
struct ListPage {
    emails: Vec<outbox::Model>,
}

#[derive(Template)]
#[template(path = "pages/dev_mail_one.html")]
struct OnePage {
    email: outbox::Model,
    links: Vec<String>,
}

#[get("/dev/mail")]
async fn list(_dev: DevMode, db: &State<Db>) -> Result<Page, AppError> {
    let emails = outbox::Entity::find()
        .order_by_desc(outbox::Column::Id)
        .limit(200)
        .all(&db.conn)
        .await?;
    Page::render(Status::Ok, &ListPage { emails })
}

/// An id that is not a number is simply not found.
async fn one(db: &Db, id: &str) -> Result<outbox::Model, AppError> {
    outbox::Entity::find_by_id(super::pages::parse_id(id)?)
        .one(&db.conn)
        .await?
        .ok_or(AppError::NotFound)
}

#[get("/dev/mail/<id>")]
async fn show(_dev: DevMode, db: &State<Db>, id: &str) -> Result<Page, AppError> {
    let email = one(db, id).await?;
    let links = serde_json::from_str(&email.links).unwrap_or_default();
    Page::render(Status::Ok, &OnePage { email, links })
}

#[get("/dev/mail/<id>/html")]
async fn html(_dev: DevMode, db: &State<Db>, id: &str) -> Result<(ContentType, String), AppError> {
    Ok((ContentType::HTML, one(db, id).await?.html_body))
}

#[get("/dev/mail/<id>/text")]
async fn text(_dev: DevMode, db: &State<Db>, id: &str) -> Result<(ContentType, String), AppError> {
    Ok((ContentType::Plain, one(db, id).await?.text_body))
}
