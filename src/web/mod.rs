//! HTTP: routes grouped by audience, the shared page context, catchers and static assets.
pub mod api;
pub mod body;
pub mod dev;
pub mod lang;
pub mod link_texts;
pub mod links;
pub mod manage;
pub mod pages;

use std::collections::HashMap;

use askama::Template;
use rocket::http::{ContentType, Header, Status};
use rocket::response::content::RawHtml;
use rocket::{Catcher, Request, Route, catch, catchers, get, routes};

use crate::domain::{FieldErrors, Lang};
use crate::error::{AppError, error_page, wants_json};
use crate::i18n::T;

pub fn routes() -> Vec<Route> {
    let mut all = routes![stylesheet];
    all.extend(pages::routes());
    all.extend(api::routes());
    all.extend(dev::routes());
    all.extend(links::routes());
    all
}

/// Link pages are private: no referrer leaks their token, no cache keeps them, no robot
/// indexes them.
pub fn link_headers() -> rocket::fairing::AdHoc {
    rocket::fairing::AdHoc::on_response("link page headers", |req, res| {
        Box::pin(async move {
            if req.uri().path().as_str().starts_with("/link/") {
                res.set_header(Header::new("Referrer-Policy", "no-referrer"));
                res.set_header(Header::new("Cache-Control", "no-store"));
                res.set_header(Header::new("X-Robots-Tag", "noindex, nofollow"));
            }
        })
    })
}

pub fn catchers() -> Vec<Catcher> {
    catchers![default_catcher]
}

/// What every page's layout needs: the texts, and the path for the language switch.
pub struct Ctx {
    pub t: &'static T,
    here: String,
}

impl Ctx {
    pub fn new(lang: Lang, path: &str) -> Ctx {
        Ctx {
            t: T::get(lang),
            here: path.to_owned(),
        }
    }

    pub fn lang_url(&self, code: &str) -> String {
        format!("{}?lang={code}", self.here)
    }

    pub fn is(&self, code: &str) -> bool {
        self.t.lang.code() == code
    }
}

/// Typed values and per-field messages of a form being re-shown.
pub struct FormView {
    values: HashMap<String, String>,
    errors: Vec<(String, String)>,
    /// A message about the whole form (a booking conflict, say).
    pub notice: Option<String>,
    pub optional: &'static str,
}

impl FormView {
    pub fn empty(t: &'static T) -> FormView {
        FormView {
            values: HashMap::new(),
            errors: Vec::new(),
            notice: None,
            optional: t.optional,
        }
    }

    pub fn with_values(
        t: &'static T,
        values: HashMap<String, String>,
        errors: &FieldErrors,
    ) -> FormView {
        FormView {
            values,
            errors: errors
                .0
                .iter()
                .map(|(f, why)| ((*f).to_owned(), t.invalid(why)))
                .collect(),
            notice: None,
            optional: t.optional,
        }
    }

    pub fn set(&mut self, key: &str, value: String) {
        self.values.insert(key.to_owned(), value);
    }

    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }

    pub fn error(&self, key: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == key)
            .map(|(_, m)| m.as_str())
    }

    pub fn errors(&self) -> &[(String, String)] {
        &self.errors
    }

    pub fn has_problems(&self) -> bool {
        !self.errors.is_empty() || self.notice.is_some()
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
pub struct ErrorPage<'a> {
    pub ctx: Ctx,
    pub title: &'a str,
    pub message: &'a str,
    pub details: Vec<String>,
}

/// An HTML page with its status.
pub struct Page(pub Status, pub String);

impl Page {
    pub fn render(status: Status, template: &impl Template) -> Result<Page, AppError> {
        Ok(Page(status, template.render()?))
    }
}

impl<'r> rocket::response::Responder<'r, 'static> for Page {
    fn respond_to(self, req: &'r Request<'_>) -> rocket::response::Result<'static> {
        rocket::response::Response::build_from(RawHtml(self.1).respond_to(req)?)
            .status(self.0)
            .ok()
    }
}

const STYLESHEET: &str = include_str!("../../static/style.css");

#[derive(rocket::Responder)]
#[response(content_type = "text/css")]
struct Css(&'static str, Header<'static>);

#[get("/static/style.css")]
fn stylesheet() -> Css {
    Css(
        STYLESHEET,
        Header::new("Cache-Control", "public, max-age=3600"),
    )
}

/// Every error status ends here: JSON under `/api/`, a translated page elsewhere.
struct Caught(Status);

#[catch(default)]
fn default_catcher(status: Status, _req: &Request<'_>) -> Caught {
    Caught(status)
}

impl<'r> rocket::response::Responder<'r, 'static> for Caught {
    fn respond_to(self, req: &'r Request<'_>) -> rocket::response::Result<'static> {
        let status = self.0;
        let err = match status.code {
            404 => AppError::NotFound,
            413 => AppError::TooLarge,
            400 | 422 => AppError::Malformed(status.reason_lossy().to_owned()),
            _ => {
                if status.code >= 500 {
                    tracing::error!(route = %req.uri().path(), status = status.code, "server error");
                }
                let lang = lang::detect(req);
                let t = T::get(lang);
                let message = if status.code >= 500 {
                    t.server_error_body
                } else {
                    status.reason_lossy()
                };
                if wants_json(req) {
                    let code = if status.code >= 500 {
                        "internal"
                    } else {
                        "error"
                    };
                    let body = serde_json::json!({"error": {"code": code, "message": message, "fields": {}}})
                        .to_string();
                    return rocket::response::Response::build()
                        .status(status)
                        .header(ContentType::JSON)
                        .sized_body(body.len(), std::io::Cursor::new(body))
                        .ok();
                }
                return error_page(req, lang, status, message, Vec::new());
            }
        };
        let mut response = err.respond_to(req)?;
        response.set_status(status);
        Ok(response)
    }
}
