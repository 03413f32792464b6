//! HTTP: routes grouped by audience, the shared page context, catchers and static assets.
pub mod admin;
pub mod api;
pub mod body;
pub mod csv_export;
pub mod dev;
pub mod embed;
pub mod error;
pub mod lang;
pub mod links;
pub mod manage;
pub mod ops;
pub mod organiser;
pub mod pages;
pub mod ratelimit;
pub mod security;

use std::collections::HashMap;

use askama::Template;
use rocket::http::{Header, Status};
use rocket::response::content::RawHtml;
use rocket::{Request, Route, get, routes};

use crate::domain::{Accent, FieldErrors, Lang};
use crate::i18n::T;
use crate::urls::paths;
pub use error::{ApiError, AppError};

pub fn routes() -> Vec<Route> {
    let mut all = routes![stylesheet, ping];
    all.extend(pages::routes());
    all.extend(api::routes());
    all.extend(dev::routes());
    all.extend(links::routes());
    all.extend(embed::routes());
    all.extend(security::routes());
    all.extend(admin::routes());
    all.extend(ops::routes());
    all.extend(csv_export::routes());
    all
}

/// Where a page is shown: on the site, or inside the widget's iframe on an organiser's site.
/// An embed cannot count on cookies (third-party cookies are blocked), so every link and form
/// it renders carries the language and the accent colour in its query.
#[derive(Debug, Clone)]
pub struct Shell {
    pub embed: bool,
    pub lang: Lang,
    /// Whether the reader asked for `lang` (rather than getting the configured default).
    pub asked: bool,
    pub accent: Option<Accent>,
}

impl Shell {
    pub fn site(lang: Lang) -> Shell {
        Shell {
            embed: false,
            lang,
            asked: true,
            accent: None,
        }
    }

    /// On an event's pages: the event's language when the reader asked for none.
    pub fn for_event(&self, event_locale: &str) -> Shell {
        let mut shell = self.clone();
        if !self.asked
            && let Some(lang) = Lang::parse(event_locale)
        {
            shell.lang = lang;
        }
        shell
    }

    /// `?lang=…&accent=…` (embed) plus `extra`, or just `?extra` on the site.
    pub fn query(&self, extra: &str) -> String {
        let mut parts = Vec::new();
        if self.embed {
            parts.push(format!("lang={}", self.lang.code()));
            if let Some(a) = self.accent {
                parts.push(format!("accent=%23{}", &a.css()[1..]));
            }
        }
        if !extra.is_empty() {
            parts.push(extra.to_owned());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    fn prefix(&self) -> &'static str {
        if self.embed { "/embed" } else { "" }
    }

    pub fn event_path(&self, slug: &str) -> String {
        if self.embed {
            paths::embed_event(slug)
        } else {
            paths::event(slug)
        }
    }

    pub fn event(&self, slug: &str) -> String {
        format!("{}{}", self.event_path(slug), self.query(""))
    }

    /// An offer's page, by its public identifier.
    pub fn offer_path(&self, id: &str) -> String {
        format!("{}{}", self.prefix(), paths::offer(id))
    }

    pub fn offer(&self, id: &str) -> String {
        format!("{}{}", self.offer_path(id), self.query(""))
    }

    pub fn offer_with(&self, id: &str, extra: &str) -> String {
        format!("{}{}", self.offer_path(id), self.query(extra))
    }

    pub fn new_offer_path(&self, slug: &str) -> String {
        format!("{}{}", self.prefix(), paths::new_offer(slug))
    }

    pub fn new_offer(&self, slug: &str, direction: &str) -> String {
        let extra = if direction.is_empty() {
            String::new()
        } else {
            format!("direction={direction}")
        };
        format!("{}{}", self.new_offer_path(slug), self.query(&extra))
    }

    pub fn offers_action(&self, slug: &str) -> String {
        let path = paths::event_offers(slug);
        format!("{}{path}{}", self.prefix(), self.query(""))
    }

    pub fn requests_action(&self, id: &str) -> String {
        let path = paths::offer_requests(id);
        format!("{}{path}{}", self.prefix(), self.query(""))
    }
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Shell {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        let embed = req.uri().path().as_str().starts_with("/embed/");
        let accent = req
            .query_value::<&str>("accent")
            .and_then(Result::ok)
            .and_then(Accent::parse);
        // Remembers a language chosen with `?lang=` (outside the widget), as `ReqLang` does.
        let _ = req.guard::<lang::ReqLang>().await;
        let asked = lang::asked(req);
        rocket::request::Outcome::Success(Shell {
            embed,
            lang: asked.unwrap_or_else(|| lang::detect(req)),
            asked: asked.is_some(),
            accent,
        })
    }
}

/// What every page's layout needs: the texts, the shell, and the path for the language switch.
pub struct Ctx {
    pub t: &'static T,
    pub shell: Shell,
    here: String,
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
        }
    }

    pub fn in_shell(shell: &Shell, path: &str) -> Ctx {
        Ctx {
            t: T::get(shell.lang),
            shell: shell.clone(),
            here: own_path(path),
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
            optional: t.t("optional"),
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
            optional: t.t("optional"),
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
