//! Headers on every response: a strict Content-Security-Policy whose `frame-ancestors` lets
//! only the configured origins frame the widget (and nothing else be framed),
//! `X-Content-Type-Options`, a referrer policy (none from link pages), HSTS behind https; and
//! CORS on the JSON API for the configured origins only.
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Header, Method, Status};
use rocket::{Request, Response, Route, State, options, routes};

use crate::config::Config;

pub fn routes() -> Vec<Route> {
    routes![preflight]
}

pub struct SecurityHeaders;

/// What a path is, for its policy.
#[derive(Debug, PartialEq, Eq)]
enum Kind_ {
    /// Framed by organisers' sites.
    Embed,
    /// A private magic-link page.
    Link,
    /// A stored email's HTML (dev mode): its inline styles, nothing active.
    MailView,
    Api,
    Page,
}

fn kind(path: &str) -> Kind_ {
    if path.starts_with("/embed/") && !path.starts_with("/embed/demo/") {
        Kind_::Embed
    } else if path.starts_with("/link/") {
        Kind_::Link
    } else if path.starts_with("/dev/mail/") && path.ends_with("/html") {
        Kind_::MailView
    } else if path == "/api/docs" || path.starts_with("/api/docs/") {
        // The API page: a page like the others (its scripts and styles are ours).
        Kind_::Page
    } else if path.starts_with("/api/") {
        Kind_::Api
    } else {
        Kind_::Page
    }
}

/// The `frame-ancestors` value for embeds: ourselves and the configured origins.
pub fn embed_ancestors(config: &Config) -> String {
    let mut sources = vec!["'self'".to_owned()];
    sources.extend(config.embed_origins.iter().cloned());
    sources.join(" ")
}

fn allowed_origin<'a>(req: &'a Request<'_>, config: &Config) -> Option<&'a str> {
    req.headers()
        .get_one("Origin")
        .filter(|o| config.embed_origins.iter().any(|allowed| allowed == o))
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let Some(config) = req.rocket().state::<Config>() else {
            return;
        };
        let path = req.uri().path().as_str();
        let kind = kind(path);
        // The interactive map's tiles, when configured, are the only images from elsewhere.
        let tiles = config
            .tile_map
            .as_ref()
            .map_or(String::new(), |t| format!(" {}", t.csp_source));
        let page_policy = |ancestors: &str| {
            format!(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' \
                 data:{tiles}; form-action 'self'; base-uri 'none'; object-src 'none'; \
                 frame-src 'self'; frame-ancestors {ancestors}"
            )
        };
        let csp = match kind {
            Kind_::Embed => page_policy(&embed_ancestors(config)),
            Kind_::MailView => "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                                frame-ancestors 'none'; sandbox"
                .to_owned(),
            Kind_::Api => "default-src 'none'; frame-ancestors 'none'".to_owned(),
            Kind_::Link | Kind_::Page => page_policy("'none'"),
        };
        res.set_header(Header::new("Content-Security-Policy", csp));
        if kind != Kind_::Embed {
            res.set_header(Header::new("X-Frame-Options", "DENY"));
        }
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        if path == "/admin" || path.starts_with("/admin/") || path.starts_with("/dev/mail") {
            // Operators' pages: nothing kept by browsers or proxies.
            res.set_header(Header::new("Cache-Control", "no-store"));
        }
        if kind == Kind_::Link {
            res.set_header(Header::new("Referrer-Policy", "no-referrer"));
            res.set_header(Header::new("Cache-Control", "no-store"));
            res.set_header(Header::new("X-Robots-Tag", "noindex, nofollow"));
        } else {
            res.set_header(Header::new(
                "Referrer-Policy",
                "strict-origin-when-cross-origin",
            ));
        }
        if config.base_url.starts_with("https://") {
            res.set_header(Header::new(
                "Strict-Transport-Security",
                "max-age=31536000; includeSubDomains",
            ));
        }
        // Place suggestions are for covoit's own forms (and its widget, served from here).
        if kind == Kind_::Api && !path.starts_with("/api/places") {
            res.adjoin_header(Header::new("Vary", "Origin"));
            if let Some(origin) = allowed_origin(req, config) {
                res.set_header(Header::new(
                    "Access-Control-Allow-Origin",
                    origin.to_owned(),
                ));
                if req.method() == Method::Options {
                    res.set_header(Header::new(
                        "Access-Control-Allow-Methods",
                        "GET, POST, OPTIONS",
                    ));
                    res.set_header(Header::new(
                        "Access-Control-Allow-Headers",
                        "Content-Type, Accept-Language",
                    ));
                    res.set_header(Header::new("Access-Control-Max-Age", "600"));
                }
            }
        }
    }
}

/// CORS preflight: 204 for an allowed origin (the headers are added above), 403 otherwise.
#[options("/api/<_..>")]
fn preflight(req_origin: Origin<'_>, config: &State<Config>) -> Status {
    match req_origin.0 {
        Some(o) if config.embed_origins.iter().any(|a| a == o) => Status::NoContent,
        _ => Status::Forbidden,
    }
}

pub struct Origin<'r>(Option<&'r str>);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Origin<'r> {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        rocket::request::Outcome::Success(Origin(req.headers().get_one("Origin")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_their_policy() {
        assert_eq!(kind("/embed/fete-ab12cd"), Kind_::Embed);
        assert_eq!(kind("/embed/o/3"), Kind_::Embed);
        assert_eq!(kind("/embed/demo/fete-ab12cd"), Kind_::Page);
        assert_eq!(kind("/link/accept/x.y"), Kind_::Link);
        assert_eq!(kind("/dev/mail/3/html"), Kind_::MailView);
        assert_eq!(kind("/api/events"), Kind_::Api);
        assert_eq!(kind("/api/docs"), Kind_::Page);
        assert_eq!(kind("/api/docs/swagger-ui.css"), Kind_::Page);
        assert_eq!(kind("/e/fete"), Kind_::Page);
    }
}
