//! Where a page is shown — on the site or inside the widget — and the addresses of its links
//! and forms in that place.
use rocket::Request;

use super::lang;
use crate::domain::{Accent, Lang};
use crate::urls::paths;

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

    pub fn prefix(&self) -> &'static str {
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

    pub fn new_need(&self, slug: &str, direction: &str) -> String {
        let extra = if direction.is_empty() {
            String::new()
        } else {
            format!("direction={direction}")
        };
        format!(
            "{}{}{}",
            self.prefix(),
            paths::new_need(slug),
            self.query(&extra)
        )
    }

    pub fn needs_action(&self, slug: &str) -> String {
        format!(
            "{}{}{}",
            self.prefix(),
            paths::event_needs(slug),
            self.query("")
        )
    }

    /// The page a booking redirects to, with what it shows in `extra`.
    pub fn request_sent(&self, id: &str, extra: &str) -> String {
        let path = paths::request_sent(id);
        format!("{}{path}{}", self.prefix(), self.query(extra))
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
