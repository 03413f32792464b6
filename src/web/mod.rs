//! HTTP: routes grouped by audience, the shared page context, catchers and static assets.
pub mod admin;
pub mod admin_bounces;
pub mod admin_events;
pub mod api;
pub mod api_docs;
pub mod api_types;
pub mod body;
pub mod calendar;
pub mod co_organisers;
pub mod confirm;
pub mod csv_export;
pub mod dev;
pub mod digest;
pub mod embed;
pub mod error;
pub mod lang;
pub mod links;
pub mod live;
pub mod lost_links;
pub mod manage;
pub mod map;
pub mod messages;
pub mod openapi;
pub mod ops;
pub mod organiser;
pub mod organiser_actions;
pub mod pages;
pub mod personal_data;
pub mod places;
pub mod ratelimit;
pub mod roster;
pub mod route_view;
pub mod security;
pub mod share;
mod shell;
pub mod tiles;
pub mod unsubscribe;
pub mod waiting;

pub use shell::Shell;

use std::collections::HashMap;

use askama::Template;
use rocket::http::{Header, Status};
use rocket::response::content::RawHtml;
use rocket::{Request, Route, get, routes};

use crate::domain::{FieldErrors, Lang};
use crate::i18n::T;
pub use error::{ApiError, AppError};

pub fn routes() -> Vec<Route> {
    let mut all = routes![stylesheet, forms_js, places_js, favicon, favicon_ico, ping];
    all.extend(pages::routes());
    all.extend(api::routes());
    all.extend(places::routes());
    all.extend(openapi::routes());
    all.extend(api_docs::routes());
    all.extend(tiles::routes());
    all.extend(dev::routes());
    all.extend(links::routes());
    all.extend(confirm::routes());
    all.extend(waiting::routes());
    all.extend(live::routes());
    all.extend(embed::routes());
    all.extend(security::routes());
    all.extend(admin::routes());
    all.extend(admin_bounces::routes());
    all.extend(admin_events::routes());
    all.extend(ops::routes());
    all.extend(csv_export::routes());
    all.extend(calendar::routes());
    all.extend(unsubscribe::routes());
    all.extend(personal_data::routes());
    all.extend(lost_links::routes());
    all.extend(organiser_actions::routes());
    all.extend(co_organisers::routes());
    all.extend(messages::routes());
    all.extend(digest::routes());
    all.extend(share::routes());
    all
}

/// What every page's layout needs: the texts, the shell, and the path for the language switch.
pub struct Ctx {
    pub t: &'static T,
    pub shell: Shell,
    here: String,
    /// The event stream this page follows (live pages only).
    pub live: Option<String>,
}

/// One language of the switch.
pub struct LangChoice {
    pub code: &'static str,
    /// Its name in itself: "Deutsch", "Nederlands".
    pub name: &'static str,
    /// This page in that language.
    pub url: String,
    pub current: bool,
}

/// A path that can only ever point into covoit: `//evil.example/x` (or `/\\evil.example`,
/// which browsers read the same way) would otherwise become a link to another site.
fn own_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    format!("/{}", path.trim_start_matches('/'))
}

impl Ctx {
    pub fn new(lang: Lang, path: &str) -> Ctx {
        Ctx {
            t: T::get(lang),
            shell: Shell::site(lang),
            here: own_path(path),
            live: None,
        }
    }

    pub fn in_shell(shell: &Shell, path: &str) -> Ctx {
        Ctx {
            t: T::get(shell.lang),
            shell: shell.clone(),
            here: own_path(path),
            live: None,
        }
    }

    pub fn lang_url(&self, code: &str) -> String {
        let mut other = self.shell.clone();
        other.lang = Lang::parse(code).unwrap_or(other.lang);
        if other.embed {
            format!("{}{}", self.here, other.query(""))
        } else {
            format!("{}?lang={code}", self.here)
        }
    }

    /// Every language, each named in itself, for the language switch and the language fields.
    pub fn languages(&self) -> Vec<LangChoice> {
        Lang::ALL
            .into_iter()
            .map(|lang| LangChoice {
                code: lang.code(),
                name: T::get(lang).t("language-name"),
                url: self.lang_url(lang.code()),
                current: lang == self.t.lang,
            })
            .collect()
    }

    /// Makes this page live: it follows the changes of event `slug`.
    pub fn follow(mut self, slug: &str) -> Ctx {
        self.live = Some(crate::urls::paths::live(slug));
        self
    }

    pub fn embed(&self) -> bool {
        self.shell.embed
    }

    /// The accent stylesheet of an embed, if a colour was given.
    pub fn accent_css(&self) -> Option<String> {
        self.shell
            .accent
            .map(|a| format!("/static/accent.css?c=%23{}", &a.css()[1..]))
    }
}

#[cfg(test)]
mod tests {
    use super::own_path;

    #[test]
    fn paths_stay_on_site() {
        assert_eq!(own_path("//evil.example/x"), "/evil.example/x");
        assert_eq!(own_path("/\\evil.example/x"), "/evil.example/x");
        assert_eq!(own_path("\\\\evil"), "/evil");
        assert_eq!(own_path("/e/fete"), "/e/fete");
        assert_eq!(own_path(""), "/");
    }
}

/// Typed values and per-field messages of a form being re-shown.
pub struct FormView {
    t: &'static T,
    values: HashMap<String, String>,
    errors: Vec<(String, String)>,
    /// Each field's label (its catalogue key), in the form's order, for the error summary.
    labels: &'static [(&'static str, &'static str)],
    /// A message about the whole form (a booking conflict, say).
    pub notice: Option<String>,
    pub optional: &'static str,
}

impl FormView {
    pub fn empty(t: &'static T) -> FormView {
        FormView {
            t,
            values: HashMap::new(),
            errors: Vec::new(),
            labels: &[],
            notice: None,
            optional: t.t("optional"),
        }
    }

    pub fn with_values(
        t: &'static T,
        values: HashMap<String, String>,
        errors: &FieldErrors,
    ) -> FormView {
        FormView {
            t,
            labels: &[],
            values,
            errors: errors
                .0
                .iter()
                .map(|(f, why)| ((*f).to_owned(), t.invalid(why)))
                .collect(),
            notice: None,
            optional: t.t("optional"),
        }
    }

    /// Names the fields (field, label's catalogue key), in the form's order: the error summary
    /// then says which field each error is about, in the order they appear.
    pub fn named(mut self, labels: &'static [(&'static str, &'static str)]) -> FormView {
        self.labels = labels;
        self
    }

    /// The error summary: (field, "Label: message"), the named fields first, in form order.
    pub fn summary(&self) -> Vec<(String, String)> {
        let position = |field: &str| {
            self.labels
                .iter()
                .position(|(f, _)| *f == field)
                .unwrap_or(usize::MAX)
        };
        let mut items: Vec<(usize, String, String)> = self
            .errors
            .iter()
            .map(|(field, message)| {
                let text = match self.labels.iter().find(|(f, _)| f == field) {
                    Some((_, label)) => self.t.t2(
                        "error-summary-item",
                        "field",
                        self.t.t(label),
                        "message",
                        message.as_str(),
                    ),
                    None => message.clone(),
                };
                (position(field), field.clone(), text)
            })
            .collect();
        items.sort_by_key(|(p, _, _)| *p);
        items.into_iter().map(|(_, f, text)| (f, text)).collect()
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

/// Liveness: the process answers (no database involved). Also the benchmarks' ceiling.
#[get("/ping")]
fn ping() -> &'static str {
    "ok"
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

const FORMS_JS: &str = include_str!("../../static/forms.js");
const PLACES_JS: &str = include_str!("../../static/places.js");
const FAVICON: &str = include_str!("../../static/favicon.svg");

#[derive(rocket::Responder)]
#[response(content_type = "text/javascript")]
struct Js(&'static str, Header<'static>);

#[get("/static/forms.js")]
fn forms_js() -> Js {
    Js(
        FORMS_JS,
        Header::new("Cache-Control", "public, max-age=3600"),
    )
}

#[get("/static/places.js")]
fn places_js() -> Js {
    Js(
        PLACES_JS,
        Header::new("Cache-Control", "public, max-age=3600"),
    )
}

#[derive(rocket::Responder)]
#[response(content_type = "image/svg+xml")]
struct Svg(&'static str, Header<'static>);

#[get("/static/favicon.svg")]
fn favicon() -> Svg {
    Svg(
        FAVICON,
        Header::new("Cache-Control", "public, max-age=86400"),
    )
}

/// Browsers ask for it on their own, whatever the page links to.
#[get("/favicon.ico")]
fn favicon_ico() -> Svg {
    favicon()
}
