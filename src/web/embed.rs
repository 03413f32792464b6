//! The booking widget: the loader script (`/widget.js`), the pages it frames (`/embed/…`),
//! the accent stylesheet, and a demo host page for organisers.
use std::sync::LazyLock;

use askama::Template;
use rocket::http::{Header, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::{Request, Route, State, get, routes};
use sha2::{Digest, Sha256};

use super::pages;
use super::{Ctx, Page, Shell};
use crate::db::Db;
use crate::domain::{Accent, Lang};
use crate::i18n::T;
use crate::services::events::{self, EventCache};
use crate::urls::Urls;
use crate::web::AppError;

pub fn routes() -> Vec<Route> {
    routes![widget_js, embed_js, accent_css, event, demo]
}

const WIDGET_SOURCE: &str = include_str!("../../static/widget.js");
const EMBED_JS: &str = include_str!("../../static/embed.js");

/// The loader, with the frame's title in every language from the catalogue.
pub static WIDGET_JS: LazyLock<String> = LazyLock::new(|| {
    let titles: serde_json::Map<String, serde_json::Value> = Lang::ALL
        .into_iter()
        .map(|l| (l.code().to_owned(), T::get(l).t("widget-title").into()))
        .collect();
    WIDGET_SOURCE.replace(
        "/*covoit:titles*/{}",
        &serde_json::Value::Object(titles).to_string(),
    )
});

/// A strong validator of the loader's content, so browsers and proxies revalidate cheaply.
static WIDGET_ETAG: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::digest(WIDGET_JS.as_bytes());
    format!("\"{}\"", hex::encode(&digest[..12]))
});

/// The `If-None-Match` header, if any.
pub struct IfNoneMatch(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IfNoneMatch {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(IfNoneMatch(
            req.headers().get_one("If-None-Match").map(str::to_owned),
        ))
    }
}

#[derive(rocket::Responder)]
pub enum Script {
    #[response(status = 200, content_type = "text/javascript")]
    Fresh(&'static str, Header<'static>, Header<'static>),
    #[response(status = 304)]
    NotModified((), Header<'static>),
}

#[get("/widget.js")]
fn widget_js(since: IfNoneMatch) -> Script {
    let etag = WIDGET_ETAG.as_str();
    if since
        .0
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    {
        return Script::NotModified((), Header::new("ETag", etag));
    }
    Script::Fresh(
        WIDGET_JS.as_str(),
        Header::new("ETag", etag),
        // Short: organisers' pages pick up a new version within minutes; the ETag makes
        // revalidation a 304.
        Header::new("Cache-Control", "public, max-age=300"),
    )
}

#[derive(rocket::Responder)]
#[response(content_type = "text/javascript")]
struct Js(&'static str, Header<'static>);

#[get("/static/embed.js")]
fn embed_js() -> Js {
    Js(
        EMBED_JS,
        Header::new("Cache-Control", "public, max-age=3600"),
    )
}

/// `:root` colours for an embed; an invalid colour gives the default theme (empty sheet).
#[derive(rocket::Responder)]
#[response(content_type = "text/css")]
struct Css(String, Header<'static>);

#[get("/static/accent.css?<c>")]
fn accent_css(c: Option<&str>) -> Css {
    let css = c.and_then(Accent::parse).map_or_else(String::new, |a| {
        format!(
            ":root{{--accent:{};--accent-fg:{};}}\n",
            a.css(),
            a.text_css()
        )
    });
    Css(css, Header::new("Cache-Control", "public, max-age=86400"))
}

#[get("/embed/<slug>")]
async fn event(
    shell: Shell,
    urls: &State<Urls>,
    db: &State<Db>,
    cache: &State<EventCache>,
    drawn: &State<pages::rendered::RenderedPages>,
    places: &State<crate::services::places::Places>,
    slug: &str,
) -> Result<Page, AppError> {
    pages::event_view(
        &shell,
        urls,
        db,
        (cache, drawn),
        (places, None),
        slug,
        false,
        None,
    )
    .await
}

#[derive(Template)]
#[template(path = "pages/embed_demo.html")]
struct DemoPage {
    ctx: Ctx,
    event_name: String,
    snippet: String,
    base_url: String,
    slug: String,
}

/// What the widget looks like on a host page, with the snippet to copy.
#[get("/embed/demo/<slug>")]
async fn demo(
    shell: Shell,
    urls: &State<Urls>,
    db: &State<Db>,
    slug: &str,
) -> Result<Page, AppError> {
    let event = events::by_slug(db, slug).await?;
    let page = DemoPage {
        ctx: Ctx::new(
            shell.for_event(&event.locale).lang,
            &format!("/embed/demo/{slug}"),
        ),
        event_name: event.name,
        snippet: urls.widget_snippet(&event.slug),
        base_url: urls.base().to_owned(),
        slug: event.slug,
    };
    Page::render(Status::Ok, &page)
}
