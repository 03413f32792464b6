//! The reader's language: `?lang=`, then the `lang` cookie left by the switch, then
//! Accept-Language, then (on an event's pages) the event's language, then the configured
//! default.
use rocket::Request;
use rocket::http::{Cookie, SameSite};
use rocket::request::{FromRequest, Outcome};

use crate::config::Config;
use crate::domain::Lang;

pub fn detect(req: &Request<'_>) -> Lang {
    asked(req).unwrap_or_else(|| {
        req.rocket()
            .state::<Config>()
            .map_or(Lang::Fr, |c| c.default_locale)
    })
}

/// The language the reader asked for (`?lang=`, the cookie, Accept-Language), if any: without
/// it, an event's pages speak the event's language before the configured default.
pub fn asked(req: &Request<'_>) -> Option<Lang> {
    if let Some(lang) = req
        .query_value::<&str>("lang")
        .and_then(|r| r.ok())
        .and_then(Lang::parse)
    {
        return Some(lang);
    }
    if let Some(lang) = req
        .cookies()
        .get("lang")
        .and_then(|c| Lang::parse(c.value()))
    {
        return Some(lang);
    }
    req.headers()
        .get_one("Accept-Language")
        .and_then(Lang::from_accept_language)
}

/// The language of this request, remembered in a cookie when chosen with `?lang=`.
#[derive(Debug, Clone, Copy)]
pub struct ReqLang(pub Lang);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ReqLang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let lang = detect(req);
        let chosen = req
            .query_value::<&str>("lang")
            .and_then(|r| r.ok())
            .and_then(Lang::parse);
        // Inside the widget a cookie would be a third-party one: the query carries the choice.
        let embed = req.uri().path().as_str().starts_with("/embed/");
        if let Some(chosen) = chosen.filter(|_| !embed) {
            let cookie = Cookie::build(("lang", chosen.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(rocket::time::Duration::days(365));
            req.cookies().add(cookie);
        }
        Outcome::Success(ReqLang(lang))
    }
}
